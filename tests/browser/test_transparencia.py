"""The public portal in Chromium, as a citizen without an account (issue 19).

- axe-core finds **no violation of any impact** (WCAG 2.0/2.1 A and AA and
  axe's best practices) on every public page and state: the home page, a
  search with results and one with none, a process, a document, the
  authenticity check with and without a result, an órgão's page, its LAI
  page and open data listing, the restricted-access explanation, the data
  dictionary and the 429 page; no link there opens a new window. At 390 px
  the home page, the results and the process page fit the screen (no
  horizontal scrolling, nothing out of reach) and pass axe too.
- The citizen's way by keyboard only: the skip link to the search, the
  words, Enter, the first result, the document link; the focus is visible
  at every stop (:class:`tests.browser.test_teclado.Teclado`).
- The citizen's errand: a NUP typed without punctuation opens the process,
  the signed público ofício is read in the page, its sealed PDF downloaded,
  its authenticity confirmed through the page's link, and a search exported
  as CSV (UTF-8 with BOM, ``;``).

The ofício is this module's own (the demo's is never signed), signed for
real by carlos.mendes. Its sealed PDF is made ahead with a stand-in rendering
(sealed for real, without LibreOffice), as the portal never starts that work
for anonymous visitors.
"""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import TODOS_OS_IMPACTOS
from .acessibilidade import violacoes_axe
from .test_teclado import Teclado
from pathlib import Path
from plone.app.textfield.value import RichTextValue
from tests.divulgacao.cenario import CARGO
from tests.divulgacao.cenario import SENHA
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest
import transaction


pytestmark = pytest.mark.browser

PALAVRA = "cataventos"
ESPECIFICACAO = f"Instalação de {PALAVRA} coloridos na praça do coreto"
TEXTO = f"Informamos que os {PALAVRA} da praça do coreto foram instalados."
NADA = "xilogravurazzq"
CELULAR = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def oficio(acceptance, site_url, monkeypatch, tmp_path):
    """A public process with a signed público ofício; its numbers and URLs."""
    from seimg.assinatura import api as assinatura

    # No sealed PDF made in the background (LibreOffice); jobs, certificates
    # and cached files in a folder of the test's own.
    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "0")
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao=ESPECIFICACAO)
        documento = novo_oficio(
            processo,
            texto=RichTextValue(f"<p>{TEXTO}</p>", "text/html", "text/x-html-safe"),
        )
        assinatura.assinar(documento, SENHA, CARGO)
        dados = {
            "documento": documento,
            "nup": processo.numero,
            "digitos": "".join(c for c in processo.numero if c.isdigit()),
            "sei": documento.numero_sei,
            "titulo": documento.Title(),
            "cv": assinatura.codigo_verificador(documento),
            "crc": assinatura.crc(documento),
        }
    transaction.commit()
    portal_url = f"{site_url}/transparencia"
    dados["portal"] = portal_url
    dados["processo"] = f"{portal_url}/processo/{dados['digitos']}"
    dados["url_documento"] = f"{portal_url}/documento/{dados['sei']}"
    return dados


def _axe(page, nome, problemas):
    """axe-core (any impact) and no link opening a new window."""
    if violacoes := violacoes_axe(page, impactos=TODOS_OS_IMPACTOS):
        problemas.append(f"{nome} ({page.url}):{descrever(violacoes)}")
    if novas := page.locator("a[target]:not([target=_self])").count():
        problemas.append(f"{nome}: {novas} link(s) opening a new window")


def _abrir(page, url, status=200):
    resposta = page.goto(url)
    assert resposta.status == status, f"{url}: {resposta.status}"
    return resposta


def test_axe_em_todas_as_paginas_publicas(page, site_url, oficio, monkeypatch):
    from seimg.acesso import baldes
    from seimg.acesso import limites

    page.set_viewport_size(DESKTOP)
    portal = oficio["portal"]
    autenticidade = f"{site_url}/@@conferir-autenticidade"
    paginas = (
        ("início", site_url, 200, "#seimg-portal-home"),
        ("pesquisa", f"{portal}/pesquisa?q={PALAVRA}", 200, ".seimg-total"),
        (
            "pesquisa sem resultados",
            f"{portal}/pesquisa?q={NADA}",
            200,
            ".seimg-nenhum",
        ),
        ("processo", oficio["processo"], 200, "#seimg-portal-documentos"),
        ("documento", oficio["url_documento"], 200, ".seimg-documento-conteudo"),
        ("PDF em preparação", f"{oficio['url_documento']}/pdf", 503, "h1"),
        ("autenticidade", autenticidade, 200, "#seimg-conferir-form"),
        (
            "autenticidade com resultado",
            f"{autenticidade}?cv={oficio['cv']}&crc={oficio['crc']}",
            200,
            "#seimg-autenticidade-resultado[data-resultado=autentico]",
        ),
        ("órgão", f"{portal}/orgao/cmvs", 200, "#seimg-portal-orgao"),
        ("LAI do órgão", f"{portal}/orgao/cmvs/lai", 200, "#seimg-portal-lai"),
        ("dados abertos", f"{portal}/orgao/cmvs/dados-abertos", 200, "h1"),
        ("acesso restrito", f"{portal}/acesso-restrito", 200, "h1"),
        ("dicionário de dados", f"{portal}/dicionario-de-dados", 200, "h1"),
        ("não encontrado", f"{portal}/processo/123", 404, "h1"),
    )
    problemas = []
    for nome, url, status, marca in paginas:
        _abrir(page, url, status)
        assert page.locator(marca).count(), f"{nome}: {marca} missing"
        _axe(page, nome, problemas)

    # A phone: nothing wider than the screen, nothing out of reach.
    page.set_viewport_size(CELULAR)
    for nome, url in (
        ("início (390 px)", site_url),
        ("pesquisa com resultados (390 px)", f"{portal}/pesquisa?q={PALAVRA}"),
        ("processo (390 px)", oficio["processo"]),
    ):
        _abrir(page, url)
        largura = page.evaluate("() => document.documentElement.scrollWidth")
        if largura > CELULAR["width"]:
            problemas.append(f"{nome}: {largura} px de largura")
        if fora := fora_da_tela(page):
            problemas.append(f"{nome}:{descrever(fora)}")
        _axe(page, nome, problemas)
    page.set_viewport_size(DESKTOP)

    # The 429 page: a bucket of two pages (read at each request).
    monkeypatch.setenv("SEIMG_BALDE_PAGINA", "2/1")
    try:
        for _ in range(3):
            resposta = page.goto(f"{portal}/acesso-restrito")
        assert resposta.status == 429
        assert int(resposta.headers["retry-after"]) >= 1
        assert page.locator("#seimg-portal-limite").count()
        _axe(page, "429", problemas)
    finally:
        monkeypatch.delenv("SEIMG_BALDE_PAGINA")
        limites.loja().limpar((baldes.TIPO,))

    assert not problemas, "\n".join(problemas)


def _atalho(teclado, alvo):
    """Tab from the top of a freshly loaded page to the skip link to #alvo,
    Enter: the focus lands on the target (presses taken)."""
    n = teclado.ate(f".seimg-atalho[href='#{alvo}']", limite=8)
    teclado.page.keyboard.press("Enter")
    teclado.page.wait_for_function(
        "(id) => document.activeElement && document.activeElement.id === id",
        arg=alvo,
    )
    return n


def test_caminho_do_cidadao_so_com_teclado(page, site_url, oficio):
    page.set_viewport_size(DESKTOP)
    teclado = Teclado(page)
    _abrir(page, site_url)

    # The skip link to the search, then the words field.
    assert _atalho(teclado, "seimg-portal-busca") <= 4
    teclado.ate("#seimg-pesquisa-q", limite=3)
    page.keyboard.type(PALAVRA)
    teclado.enter()
    assert page.locator(".seimg-total").inner_text().startswith("1 ")

    # The first result, by Tab from the results' skip link.
    _atalho(teclado, "seimg-pesquisa-resultados")
    teclado.ate(".seimg-portal-lista > li:first-child h3 a")
    teclado.enter()
    assert oficio["nup"] in page.locator("h1").inner_text()

    # The document's link in the process page's table.
    _atalho(teclado, "seimg-portal-documentos")
    teclado.ate(f"#seimg-portal-documentos a[href$='/documento/{oficio['sei']}']")
    teclado.enter()
    assert page.locator("h1").inner_text().strip() == oficio["titulo"]
    assert TEXTO in page.locator(".seimg-documento-conteudo").inner_text()
    # Onwards to the PDF link: still visible focus on the way.
    teclado.ate(f"a[href$='/documento/{oficio['sei']}/pdf']")


def _selar(documento) -> bytes:
    """Make the sealed PDF ahead, rendered by a stand-in (no LibreOffice).

    In a thread of its own: pyHanko signs through asyncio.run, which cannot
    run in the thread of Playwright's event loop.
    """
    from concurrent.futures import ThreadPoolExecutor
    from plone import api
    from seimg.assinatura import pades
    from tests.geracao.test_processo_pdf import pdf_paginas
    from zope.component.hooks import setSite
    from zope.globalrequest import getRequest
    from zope.globalrequest import setRequest

    corpo = pdf_paginas(f"{documento.numero_sei} página 1")

    portal = api.portal.get()
    request = getRequest()

    def selar():
        setSite(portal)
        setRequest(request)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(pades, "pdf_do_modelo", lambda _d, _m: corpo)
            m.setattr(pades, "html_para_pdf", lambda _h: corpo)
            return pades.pdf_assinado(documento)

    with ThreadPoolExecutor(max_workers=1) as executor:
        pdf = executor.submit(selar).result()
    # The document's connection is this thread's: its transaction holds the
    # new cache entry.
    transaction.commit()
    return pdf


def test_cidadao_confere_um_oficio_e_exporta_a_pesquisa(page, site_url, oficio):
    selado = _selar(oficio["documento"])
    page.set_viewport_size(DESKTOP)

    # The NUP as printed nowhere: digits only, typed into the portal search.
    _abrir(page, site_url)
    page.locator("#seimg-pesquisa-q").press_sequentially(oficio["digitos"])
    page.locator("#seimg-portal-busca button[type=submit]").click()
    page.wait_for_url(f"{oficio['portal']}/processo/**")
    assert oficio["nup"] in page.locator("h1").inner_text()
    assert ESPECIFICACAO in page.locator(".seimg-portal-ficha").inner_text()

    # The signed ofício, read in the page.
    page.locator(f"#seimg-portal-documentos a:has-text('{oficio['titulo']}')").click()
    page.wait_for_url(oficio["url_documento"])
    assert TEXTO in page.locator(".seimg-documento-conteudo").inner_text()
    assert (
        "Carlos Mendes"
        in page.locator("#seimg-portal-assinaturas-titulo + ul").inner_text()
    )

    # Its sealed PDF, downloaded (an attachment: the page stays).
    with page.expect_download(timeout=10_000) as baixado:
        page.locator(f"a[href$='/documento/{oficio['sei']}/pdf']").click()
    assert baixado.value.suggested_filename.endswith(".pdf")
    pdf = Path(baixado.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf == selado
    assert b"/ByteRange" in pdf  # sealed (PAdES)

    # Its authenticity, through the page's link.
    page.locator("a[href*='@@conferir-autenticidade']").first.click()
    resultado = page.locator("#seimg-autenticidade-resultado")
    resultado.wait_for()
    assert resultado.get_attribute("data-resultado") == "autentico"
    assert TEXTO in page.content()

    # The search, exported as CSV from the results' link.
    _abrir(page, f"{oficio['portal']}/pesquisa?q={PALAVRA}")
    with page.expect_download() as baixado:
        page.locator(".seimg-exportar a[href*='.csv']").click()
    dados = Path(baixado.value.path()).read_bytes()
    assert dados.startswith(b"\xef\xbb\xbf"), dados[:20]
    linhas = dados.decode("utf-8-sig").splitlines()
    assert ";" in linhas[0]
    assert len(linhas) == 2, linhas
    assert oficio["nup"] in linhas[1]
    assert baixado.value.suggested_filename.endswith(".csv")
