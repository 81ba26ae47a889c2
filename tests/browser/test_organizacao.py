"""A person in Chromium: switching the acting unit, managing an órgão, adesão."""

from ..organizacao.conftest import INVALIDO
from ..organizacao.conftest import NOVO_ORGAO
from .conftest import log_in
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.demo import DEMO_PASSWORD
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import pytest


pytestmark = pytest.mark.browser


def test_user_of_two_units_switches_the_acting_unit(page, site_url):
    log_in(page, site_url, "igor.freitas", DEMO_PASSWORD)
    page.goto(f"{site_url}/orgaos")
    switcher = page.locator("#seimg-unidade-atual")
    assert switcher.is_visible()
    select = switcher.locator("select")
    assert select.locator("option").all_inner_texts() == [
        "PMVS/GABINETE/SEMAD - Secretaria Municipal de Administração",
        "PMVS/GABINETE/SEMAD/PROTOCOLO - Protocolo Central",
    ]
    assert "Unidade atual" in switcher.inner_text()

    select.select_option(label="PMVS/GABINETE/SEMAD/PROTOCOLO - Protocolo Central")
    switcher.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.startswith(f"{site_url}/orgaos")
    assert (
        "Agora você atua pela unidade PMVS/GABINETE/SEMAD/PROTOCOLO" in page.content()
    )
    selected = page.locator("#seimg-unidade-atual select option:checked").inner_text()
    assert selected.startswith("PMVS/GABINETE/SEMAD/PROTOCOLO")
    # Remembered on the next page too.
    page.goto(site_url)
    selected = page.locator("#seimg-unidade-atual select option:checked").inner_text()
    assert selected.startswith("PMVS/GABINETE/SEMAD/PROTOCOLO")


def test_orgao_admin_sees_units_tree_and_deactivates_a_unit(page, site_url):
    log_in(page, site_url, matrix_login("administrador"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs")
    rows = page.locator("#seimg-unidades tbody tr")
    assert rows.first.get_attribute("data-sigla") == "CMVS/PRESIDENCIA"
    arquivo = page.locator("tr[data-sigla='CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO']")
    arquivo.get_by_role("button", name="Desativar").click()
    page.wait_for_load_state()
    arquivo = page.locator("tr[data-sigla='CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO']")
    assert "Inativa" in arquivo.inner_text()
    assert page.locator("#seimg-usuarios").is_visible()


def test_basic_user_sees_no_management(page, site_url):
    log_in(page, site_url, matrix_login("basico"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs")
    assert page.locator("#seimg-unidades").is_visible()
    assert page.locator("#seimg-usuarios").count() == 0
    assert page.get_by_role("button", name="Desativar").count() == 0


def test_adesao_form_lists_errors_then_loads_a_valid_file(page, site_url, tmp_path):
    log_in(page, site_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    invalid = tmp_path / "invalido.yaml"
    invalid.write_text(INVALIDO, encoding="utf-8")
    page.goto(f"{site_url}/@@adesao")
    page.set_input_files("#adesao-arquivo", str(invalid))
    page.click("form[action='@@adesao'] button[type=submit]")
    page.wait_for_load_state()
    erros = page.locator("#adesao-erros li")
    assert erros.count() >= 9
    assert "CPF inválido: 111.111.111-11" in page.locator("#adesao-erros").inner_text()

    valid = tmp_path / "cmnv.yaml"
    valid.write_text(NOVO_ORGAO, encoding="utf-8")
    page.set_input_files("#adesao-arquivo", str(valid))
    page.click("form[action='@@adesao'] button[type=submit]")
    page.wait_for_load_state()
    assert "CMNV/PRES/SEC/PROT" in page.locator("#adesao-resultado").inner_text()


def test_edit_form_refuses_a_unit_under_its_own_subunit(page, site_url):
    log_in(page, site_url, matrix_login("administrador"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs/secretaria/edit")
    page.select_option(
        "#form-widgets-superior",
        label="CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO - Protocolo Geral",
    )
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    error = page.locator("#formfield-form-widgets-superior .invalid-feedback")
    assert "não pode ficar abaixo de si mesma" in error.inner_text()
    page.goto(f"{site_url}/orgaos/cmvs")
    assert page.locator("tr[data-sigla='CMVS/PRESIDENCIA/SECRETARIA']").count() == 1


def test_add_form_refuses_a_taken_code(page, site_url):
    log_in(page, site_url, matrix_login("administrador"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs/++add++Unidade")
    page.fill("#form-widgets-sigla", "OUVIDORIA")
    page.fill("#form-widgets-nome", "Ouvidoria")
    page.fill("#form-widgets-codigo", "3")
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    error = page.locator("#formfield-form-widgets-codigo .invalid-feedback")
    assert "já é usado por CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO" in error.inner_text()


def test_orgao_admin_adds_a_unit_through_the_form(page, site_url):
    log_in(page, site_url, matrix_login("administrador"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs/++add++Unidade")
    page.fill("#form-widgets-sigla", "OUVIDORIA")
    page.fill("#form-widgets-nome", "Ouvidoria")
    page.fill("#form-widgets-codigo", "8")
    page.select_option("#form-widgets-superior", label="CMVS/PRESIDENCIA - Presidência")
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    assert page.url.startswith(f"{site_url}/orgaos/cmvs/ouvidoria")
    page.goto(f"{site_url}/orgaos/cmvs")
    row = page.locator("tr[data-sigla='CMVS/PRESIDENCIA/OUVIDORIA']")
    assert "Nova" in row.inner_text()


def test_deleting_a_used_unit_from_the_ui_explains_why_not(page, site_url):
    log_in(page, site_url, matrix_login("administrador"), MATRIX_PASSWORD)
    page.goto(f"{site_url}/orgaos/cmvs/protocolo/delete_confirmation")
    assert page.url == f"{site_url}/orgaos/cmvs/protocolo"
    assert "já foi usada e não pode ser excluída; desative-a" in page.content()
    assert page.locator("#form-buttons-Delete").count() == 0
    page.goto(f"{site_url}/orgaos/cmvs")
    assert page.locator(
        "tr[data-sigla='CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO']"
    ).count()
