"""The Pesquisa page in Chromium (issue 18).

carlos.mendes, acting for CMVS/PRESIDENCIA/SECRETARIA, types a word in the
header's search box: the page lists the three processes that hold it (two
by their especificação, one by a signed ofício's text, shown beneath it),
with the word highlighted (``<mark>``) in the snippets and the facets
counting the processes per type. A facet narrows the results and, clicked
again, widens them back; a NUP typed in the box opens the process. By
keyboard, the skip link reaches the form and every field is on the way to
the search button. axe-core finds no serious or critical violation and
nothing falls off a 1366 px or a 390 px screen.
"""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import violacoes_axe
from .conftest import log_in
from .test_teclado import Teclado
from plone.app.textfield.value import RichTextValue
from seimg.demo import DEMO_PASSWORD
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from urllib.parse import parse_qs
from urllib.parse import urlparse
import pytest
import transaction


pytestmark = pytest.mark.browser

LAI = "Acesso à Informação: Pedido (LAI)"
PREGAO = "Licitação: Pregão Eletrônico"
TELAS = ((1366, 768), (390, 844))

#: The form's fields in tab order after the words (skip link → form).
CAMPOS = (
    "#seimg-pesquisa-q",
    "#seimg-pesquisa-tipo_processo",
    "#seimg-pesquisa-tipo_documento",
    "#seimg-pesquisa-unidade",
    "#seimg-pesquisa-tramitacao",
    "#seimg-pesquisa-interessado",
    "#seimg-pesquisa-de",
    "#seimg-pesquisa-ate",
    "#seimg-pesquisa-nivel",
    "#seimg-pesquisa-ordem",
)


@pytest.fixture
def dados(acceptance, site_url):
    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        pomar = novo_processo(portal, especificacao="Jabuticabas do pomar municipal")
        praca = novo_processo(portal, especificacao="Colheita de jabuticaba na praça")
        mudas = novo_processo(portal, especificacao="Compra de mudas", tipo=PREGAO)
        oficio = novo_oficio(
            mudas,
            texto=RichTextValue(
                "<p>Serão plantadas jabuticabeiras e jabuticabas no parque.</p>",
                "text/html",
                "text/x-html-safe",
            ),
        )
        assinar(oficio)
        numeros = {
            "pomar": pomar.numero,
            "praca": praca.numero,
            "mudas": mudas.numero,
            "oficio": oficio.UID(),
            "url_pomar": pomar.absolute_url().replace("http://nohost/plone", site_url),
        }
    transaction.commit()
    return numeros


def _total(page) -> str:
    return page.locator("#seimg-pesquisa-total").inner_text().strip()


def _faceta(page, titulo):
    return page.locator(
        "[data-faceta='tipo_processo'] a.seimg-faceta-link",
        has=page.locator(".seimg-faceta-rotulo", has_text=titulo),
    )


def _quantidade(page, titulo) -> str:
    return _faceta(page, titulo).locator(".seimg-faceta-quantidade").inner_text()


def test_pesquisa_facetas_e_trechos(page, site_url, dados):
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 768})
    # The menu leads to the page; the header's box searches from anywhere.
    page.goto(f"{site_url}/@@controle-processos")
    menu = page.locator("#portal-globalnav a[href$='@@pesquisa']")
    assert menu.inner_text().strip() == "Pesquisa"
    page.fill("#searchGadget", "jabuticaba")
    page.press("#searchGadget", "Enter")
    page.wait_for_selector("#seimg-pesquisa-lista")
    assert parse_qs(urlparse(page.url).query) == {"q": ["jabuticaba"]}
    assert _total(page) == "3 processos"
    nups = page.locator("#seimg-pesquisa-lista > li").evaluate_all(
        "lis => lis.map(li => li.dataset.nup)"
    )
    assert sorted(nups) == sorted([dados["pomar"], dados["praca"], dados["mudas"]])

    # Highlighted snippets: the process's own and the ofício's beneath it.
    marcas = page.locator(".seimg-trecho mark").all_inner_texts()
    assert marcas
    assert all(m.lower().startswith("jabuticaba") for m in marcas), marcas
    mudas = page.locator(f"#seimg-pesquisa-lista > li[data-nup='{dados['mudas']}']")
    documento = mudas.locator(
        f".seimg-pesquisa-documento[data-uid='{dados['oficio']}']"
    )
    assert documento.locator(".seimg-trecho mark").count() >= 1
    # bold as well as highlighted: not colour alone
    peso = documento.locator("mark").first.evaluate(
        "m => getComputedStyle(m).fontWeight"
    )
    assert int(peso) >= 700

    # Facets count the processes per type.
    assert _quantidade(page, LAI) == "2"
    assert _quantidade(page, PREGAO) == "1"

    for largura, altura in TELAS:
        page.set_viewport_size({"width": largura, "height": altura})
        assert not (v := violacoes_axe(page)), descrever(v)
        assert not (p := fora_da_tela(page)), descrever(p)

    # A facet narrows the search; the applied one says so, and undoes it.
    page.set_viewport_size({"width": 1366, "height": 768})
    _faceta(page, PREGAO).click()
    page.wait_for_selector("#seimg-pesquisa-total:has-text('1 processo')")
    assert "tipo_processo" in parse_qs(urlparse(page.url).query)
    aplicada = _faceta(page, PREGAO)
    assert aplicada.get_attribute("aria-current") == "true"
    assert "filtro aplicado" in aplicada.inner_text() or "filtro aplicado" in (
        aplicada.text_content()
    )
    assert page.locator("#seimg-pesquisa-lista > li").count() == 1
    assert page.locator(".seimg-pesquisa-documento .seimg-trecho mark").count() >= 1
    assert not (v := violacoes_axe(page)), descrever(v)
    aplicada.click()
    page.wait_for_selector("#seimg-pesquisa-total:has-text('3 processos')")
    assert parse_qs(urlparse(page.url).query) == {"q": ["jabuticaba"]}

    # Nothing found: said in words.
    page.goto(f"{site_url}/@@pesquisa?q=ornitorrinco")
    assert "Nenhum resultado" in page.locator("#seimg-pesquisa-vazio").inner_text()
    # A bad date: the message beside the field, the summary links to it.
    page.goto(f"{site_url}/@@pesquisa?q=jabuticaba&de=2026-02-31")
    assert "Data inválida" in page.locator("#seimg-pesquisa-de-erro").inner_text()
    assert not (v := violacoes_axe(page)), descrever(v)

    # A NUP typed in the box opens the process.
    page.fill("#searchGadget", dados["pomar"])
    page.press("#searchGadget", "Enter")
    page.wait_for_url(dados["url_pomar"])
    page.wait_for_selector("#seimg-nup")


def test_pesquisa_pelo_teclado(page, site_url, dados):
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{site_url}/@@pesquisa")
    teclado = Teclado(page)
    presses = teclado.atalho("seimg-pesquisa-form")
    assert presses <= 4, f"the skip link is {presses} presses away"
    teclado.ate("#seimg-pesquisa-q", limite=2)
    page.keyboard.type("jabuticaba")
    # Every field is on the way, in the page's order, each with a label.
    for seletor in CAMPOS[1:]:
        teclado.ate(seletor, limite=5)  # a date field: day, month, year
        rotulo = page.evaluate(
            "(s) => [...document.querySelector(s).labels].map(l => l.innerText)",
            seletor,
        )
        assert rotulo, seletor
        assert rotulo[0].strip(), seletor
    teclado.ate("#seimg-pesquisa-ordem")
    page.keyboard.press("ArrowDown")  # Mais recentes
    teclado.ate(".seimg-pesquisa-botoes button[type=submit]", limite=2)
    teclado.enter()
    page.wait_for_selector("#seimg-pesquisa-lista")
    assert parse_qs(urlparse(page.url).query).get("ordem") == ["data"]
    assert _total(page) == "3 processos"

    # The skip links reach the results and the facets; a facet by Enter.
    teclado.atalho("seimg-pesquisa-resultados")
    teclado.atalho("seimg-pesquisa-facetas")
    teclado.ate("[data-faceta='tipo_processo'] a.seimg-faceta-link", limite=3)
    teclado.enter()
    page.wait_for_selector("#seimg-pesquisa-lista")
    assert "tipo_processo" in parse_qs(urlparse(page.url).query)
