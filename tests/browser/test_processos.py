"""A person in Chromium: starts a process, writes an Ofício, uploads a PDF."""

from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
from seimg.demo import pdf_simples
import pytest
import re


pytestmark = pytest.mark.browser


def test_iniciar_processo_oficio_e_pdf(page, site_url, tmp_path):
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/@@iniciar-processo")
    page.get_by_text("Legislativo: Requerimento", exact=True).first.click()
    page.wait_for_selector("input[name='form.widgets.especificacao']")
    page.fill(
        "input[name='form.widgets.especificacao']",
        "Requerimento de informações sobre o transporte escolar",
    )
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.click("button[name='form.buttons.save'], input[name='form.buttons.save']")
    page.wait_for_load_state()
    numero = re.search(r"2101\.02\.\d{7}/\d{4}-\d{2}", page.content())
    assert numero, "the process page shows its NUP"
    processo_url = page.url.split("?")[0].rstrip("/")
    if processo_url.endswith("/view"):
        processo_url = processo_url[: -len("/view")]

    page.goto(f"{processo_url}/++add++Documento")
    page.select_option(
        "select[name='form.widgets.tipo_documento:list']", label="Ofício"
    )
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.click("button[name='form.buttons.save'], input[name='form.buttons.save']")
    page.wait_for_load_state()

    pdf = tmp_path / "certidao.pdf"
    pdf.write_bytes(pdf_simples(["Certidao de teste"]))
    page.goto(f"{processo_url}/++add++DocumentoExterno")
    page.select_option(
        "select[name='form.widgets.tipo_documento:list']", label="Certidão"
    )
    page.fill("input[name='form.widgets.data_documento']", "2026-11-20")
    page.fill("input[name='form.widgets.numero']", "77/2026")
    page.select_option("select[name='form.widgets.formato:list']", "nato_digital")
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.set_input_files("input[name='form.widgets.arquivo']", str(pdf))
    page.click("button[name='form.buttons.save'], input[name='form.buttons.save']")
    page.wait_for_load_state()

    page.goto(processo_url)
    arvore = page.content()
    assert re.search(r"Ofício nº \d+/2026/CMVS/SECRETARIA", arvore)
    assert "Certidão 77/2026" in arvore
    assert len(set(re.findall(r"\((\d{7})\)", arvore))) >= 2, "two números SEI"
