"""Forms without dead ends, in Chromium: no serious or critical axe-core
violations on the marcador form, the marcadores page, the blocos page and a
bloco's inclusion form, the document add form, enviar and assinar; the
marcador form creates and applies a tag; the units filter narrows the list."""

from .acessibilidade import violacoes_axe
from .conftest import log_in
from seimg.blocos import api as blocos
from seimg.demo import DEMO_PASSWORD
from seimg.notas import api as notas
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
import pytest
import transaction


pytestmark = pytest.mark.browser


def _sem_violacoes(page, onde):
    violacoes = violacoes_axe(page)
    assert violacoes == [], (onde, violacoes)


def test_formularios_acessiveis_e_sem_becos(page, site_url, acceptance):
    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Compra de cadeiras")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.ASSINATURA, "Ofícios do dia")
        blocos.incluir(bloco, minuta)
    transaction.commit()
    url = processo.absolute_url().replace("http://nohost/plone", site_url)
    url_minuta = minuta.absolute_url().replace("http://nohost/plone", site_url)

    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)

    # The marcador form: no tag yet → create and apply it here.
    page.goto(f"{url}/@@marcador")
    _sem_violacoes(page, "@@marcador")
    assert page.get_attribute("#seimg-gerenciar-marcadores", "href").endswith(
        "/@@marcadores"
    )
    page.fill("#seimg-nome", "Urgente")
    page.select_option("#seimg-cor", "amarelo")
    page.click("#seimg-botao-salvar")
    page.wait_for_load_state()
    assert "Marcador «Urgente» criado e aplicado" in page.content()
    transaction.begin()
    secretaria = unidade(portal, "cmvs/secretaria")
    assert [m["nome"] for m in notas.marcadores(secretaria)] == ["Urgente"]

    page.goto(f"{site_url}/@@marcadores")
    _sem_violacoes(page, "@@marcadores")
    # The main menu leads there.
    assert page.locator("a[href$='/@@marcadores']").count() >= 1

    page.goto(f"{site_url}/@@blocos")
    _sem_violacoes(page, "@@blocos")
    page.goto(f"{site_url}/@@blocos?bloco={bloco.id}")
    page.fill("#seimg-bloco-item", processo.numero.replace(".", "").replace("/", ""))
    page.press("#seimg-bloco-item", "Enter")
    page.wait_for_load_state()
    assert page.locator("#seimg-bloco-resultados, #seimg-bloco-sem-resultados").count()
    _sem_violacoes(page, "@@blocos?bloco")
    # The units: checkboxes with names, narrowed by the filter.
    page.fill("#seimg-bloco-destinos-filtro", "procuradoria")
    visiveis = page.locator("#seimg-bloco-destinos .form-check:visible")
    assert visiveis.count() >= 1
    for texto in visiveis.all_inner_texts():
        assert "procuradoria" in texto.lower()
    assert " — " in visiveis.first.inner_text()

    page.goto(f"{url}/++add++Documento")
    _sem_violacoes(page, "++add++Documento")
    assert page.locator("select[name='form.widgets.texto.mimeType']").count() == 0

    page.goto(f"{url}/@@enviar")
    _sem_violacoes(page, "@@enviar")

    page.goto(f"{url_minuta}/@@assinar")
    _sem_violacoes(page, "@@assinar")
