"""The public portal's pages (issue 19): what an anonymous visitor finds,
whoever asks; stable URLs; 404 for what visitors may not know of; 429 when
an address runs out of tokens; bad input answered in Portuguese."""

from plone.app.textfield.value import RichTextValue
from seimg.assinatura import api as assinatura
from tests.divulgacao.cenario import CARGO
from tests.divulgacao.cenario import SENHA
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from zExceptions import NotFound
import lxml.html
import pytest


GERADOR = ("carlos.mendes", "cmvs/secretaria")


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture
def dados(portal):
    with como(portal, *GERADOR):
        publico = novo_processo(portal, especificacao="Compra de guarda-chuvas azuis")
        oficio = novo_oficio(
            publico, texto=_html("Os guarda-chuvas azulados chegaram.")
        )
        assinatura.assinar(oficio, SENHA, CARGO)
        minuta = novo_oficio(publico, texto=_html("Rascunho sobre guarda-chuvas."))
    return {"portal": portal, "publico": publico, "oficio": oficio, "minuta": minuta}


def pagina(portal, *partes, **form):
    """(status, body) of /transparencia/<partes>?<form>, as the publisher
    would call it."""
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    request.response.headers.pop("location", None)
    view = portal.restrictedTraverse("@@transparencia")
    for parte in partes:
        view = view.publishTraverse(request, parte)
    corpo = view()
    return request.response.getStatus(), corpo


def test_home_lists_the_orgaos_and_the_search(portal):
    status, corpo = pagina(portal)
    arvore = lxml.html.fromstring(corpo)
    assert status == 200
    assert arvore.cssselect("form#seimg-portal-busca label[for=seimg-pesquisa-q]")
    links = [a.get("href") for a in arvore.cssselect(".seimg-portal-orgaos a")]
    assert any(link.endswith("/transparencia/orgao/cmvs") for link in links), links


def test_search_finds_the_public_process_not_the_minuta(dados):
    portal = dados["portal"]
    status, corpo = pagina(portal, "pesquisa", q="guarda-chuvas")
    arvore = lxml.html.fromstring(corpo)
    assert status == 200
    textos = arvore.cssselect("#seimg-pesquisa-resultados")[0].text_content()
    assert dados["publico"].numero in textos
    assert "Rascunho" not in corpo


def test_process_page(dados):
    portal = dados["portal"]
    nup = "".join(c for c in dados["publico"].numero if c.isdigit())
    status, corpo = pagina(portal, "processo", nup)
    assert status == 200
    arvore = lxml.html.fromstring(corpo)
    linhas = arvore.cssselect("#seimg-portal-documentos tbody tr")
    assert [linha.cssselect("td")[0].text_content() for linha in linhas] == [
        dados["oficio"].numero_sei
    ]
    assert "Compra de guarda-chuvas azuis" in corpo


def test_document_page_shows_the_signed_content(dados):
    portal = dados["portal"]
    status, corpo = pagina(portal, "documento", dados["oficio"].numero_sei)
    assert status == 200
    assert "azulados" in corpo
    assert "conferir-autenticidade?cv=" in corpo


def test_minuta_is_not_found(dados):
    portal = dados["portal"]
    with pytest.raises(NotFound):
        pagina(portal, "documento", dados["minuta"].numero_sei)


def test_unknown_paths_are_not_found(portal):
    for partes in (("nada",), ("orgao", "xyz"), ("processo", "123"), ("orgao",)):
        with pytest.raises(NotFound):
            pagina(portal, *partes)
