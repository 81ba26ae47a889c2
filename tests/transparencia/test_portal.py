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


# --- the disclosure table's column A, on the portal's pages -------------------
def _assinado(processo, texto, nivel="publico", **extra):
    oficio = novo_oficio(processo, nivel=nivel, texto=_html(texto), **extra)
    assinatura.assinar(oficio, SENHA, CARGO)
    return oficio


@pytest.fixture
def niveis(portal):
    from tests.processos.conftest import tabela

    preparatorio = tabela("HipoteseLegal", "Documento Preparatório")
    with como(portal, *GERADOR):
        rc = novo_processo(portal, especificacao="Obra da ponte pênsil")
        rc_publico = _assinado(rc, "Edital da ponte pênsil.")
        rc_restrito = _assinado(
            rc,
            "Parecer reservado pênsil.",
            nivel="restrito",
            hipotese_legal=preparatorio,
        )
        rp = novo_processo(
            portal, nivel="restrito", especificacao="Licença médica de Fulano pênsil"
        )
        _assinado(rp, "Atestado pênsil.")
        sigiloso = novo_processo(
            portal, nivel="sigiloso", especificacao="Investigação pênsil"
        )
        cancelado = _assinado(rc, "Ofício errado pênsil.")
    return {
        "rc": rc,
        "rc_publico": rc_publico,
        "rc_restrito": rc_restrito,
        "rp": rp,
        "sigiloso": sigiloso,
        "cancelado": cancelado,
        "preparatorio": preparatorio,
    }


def _nup(processo):
    return "".join(c for c in processo.numero if c.isdigit())


def test_contamination_shows_the_especificacao_and_lists_the_restricted_row(niveis):
    from seimg.transparencia import api as transparencia

    portal = niveis["rc"].aq_parent.aq_parent
    ficha = transparencia.ficha_processo(niveis["rc"])
    assert ficha.especificacao == "Obra da ponte pênsil"
    linhas = {d.numero_sei: d for d in ficha.documentos}
    restrito = linhas[niveis["rc_restrito"].numero_sei]
    assert not restrito.legivel
    assert restrito.restrito.endswith("Documento Preparatório")
    assert restrito.titulo == restrito.restrito  # no title beyond the row
    _status, corpo = pagina(portal, "documento", niveis["rc_restrito"].numero_sei)
    assert "reservado" not in corpo  # no content
    assert "crc=" not in corpo  # no CRC: it would confirm guesses
    publico = linhas[niveis["rc_publico"].numero_sei]
    assert publico.legivel


def test_personal_information_hides_especificacao_and_content(niveis):
    from seimg.transparencia import api as transparencia

    ficha = transparencia.ficha_processo(niveis["rp"])
    assert ficha.especificacao is None
    assert all(not d.legivel for d in ficha.documentos)
    portal = niveis["rp"].aq_parent.aq_parent
    _status, corpo = pagina(portal, "processo", _nup(niveis["rp"]))
    assert "Fulano" not in corpo
    assert "Atestado" not in corpo


def test_sigiloso_is_not_found_like_an_unknown_number(niveis):
    portal = niveis["sigiloso"].aq_parent.aq_parent
    with pytest.raises(NotFound):
        pagina(portal, "processo", _nup(niveis["sigiloso"]))
    _status, corpo = pagina(portal, "pesquisa", q="Investigação pênsil")
    assert niveis["sigiloso"].numero not in corpo


def test_a_logged_in_clerk_sees_the_portal_as_the_public_does(niveis):
    portal = niveis["rp"].aq_parent.aq_parent
    with como(portal, *GERADOR):
        _status, corpo = pagina(portal, "processo", _nup(niveis["rp"]))
    assert "Fulano" not in corpo


def test_data_de_corte_lists_old_documents_without_content(niveis):
    from seimg.transparencia import api as transparencia
    import datetime

    portal = niveis["rc"].aq_parent.aq_parent
    orgao = portal["orgaos"]["cmvs"]
    orgao.data_corte = datetime.date.today() + datetime.timedelta(days=2)
    try:
        ficha = transparencia.ficha_processo(niveis["rc"])
        linha = {d.numero_sei: d for d in ficha.documentos}[
            niveis["rc_publico"].numero_sei
        ]
        assert linha.corte
        assert not linha.legivel
        criterios = transparencia.ler_criterios({"q": "Edital pênsil"})
        resultado = transparencia.pesquisar(criterios)
        documentos = [d.uid for i in resultado.itens for d in i.documentos]
        assert niveis["rc_publico"].UID() not in documentos
    finally:
        orgao.data_corte = None
        portal.REQUEST.other.pop("_seimg_divulgacao", None)  # per-request cache
    resultado = transparencia.pesquisar(
        transparencia.ler_criterios({"q": "Edital pênsil"})
    )
    assert niveis["rc_publico"].UID() in [
        d.uid for i in resultado.itens for d in i.documentos
    ]


def test_portal_off_hides_the_orgao(niveis):
    from seimg.transparencia import api as transparencia

    portal = niveis["rc"].aq_parent.aq_parent
    orgao = portal["orgaos"]["cmvs"]
    orgao.portal_ativo = False
    try:
        with pytest.raises(NotFound):
            pagina(portal, "orgao", "cmvs")
        with pytest.raises(NotFound):
            pagina(portal, "processo", _nup(niveis["rc"]))
        resultado = transparencia.pesquisar(
            transparencia.ler_criterios({"q": "ponte pênsil"})
        )
        assert niveis["rc"].UID() not in [i.uid for i in resultado.itens]
    finally:
        orgao.portal_ativo = True


# --- bad input ------------------------------------------------------------
@pytest.mark.parametrize(
    "form",
    [
        {"b_size": "1000"},
        {"b_start": "-1"},
        {"de": "31/02/2026"},
        {"q": "x" * 10_000},
        {"orgao": "nao-existe"},
        {"nivel": "sigiloso"},
        {"tramitacao": "abc"},
    ],
)
def test_bad_input_is_a_400_in_portuguese_on_the_page(portal, form):
    status, corpo = pagina(portal, "pesquisa", **form)
    assert status == 400
    assert lxml.html.fromstring(corpo).cssselect("#seimg-pesquisa-erros li")


def test_bad_input_on_open_data_is_a_400(portal):
    status, corpo = pagina(portal, "pesquisa.csv", b_size="1000")
    assert status == 400
    assert "b_size" in corpo


# --- rate limits ------------------------------------------------------------
def test_an_address_over_its_budget_gets_429_with_retry_after(portal, monkeypatch):
    # (each test has a fresh store of counters: tests/conftest.py)
    monkeypatch.setenv("SEIMG_BALDE_PAGINA", "2/1")
    assert pagina(portal)[0] == 200
    assert pagina(portal)[0] == 200
    status, corpo = pagina(portal)
    assert status == 429
    retry = int(portal.REQUEST.response.getHeader("Retry-After"))
    assert 1 <= retry <= 60
    assert 'id="seimg-portal-limite"' in corpo


# --- PDFs: only what is already made, never LibreOffice for visitors -------------
def test_document_pdf_is_503_until_made_then_served(
    dados, pdfs_dados, pdfs_selar, pdfs_sem_geracao
):
    portal = dados["portal"]
    sei = dados["oficio"].numero_sei
    status, corpo = pagina(portal, "documento", sei, "pdf")
    assert status == 503
    assert portal.REQUEST.response.getHeader("Retry-After") == "30"
    assert 'id="seimg-portal-limite"' in corpo


def test_document_and_process_pdf_served_when_made(dados, pdfs_dados, pdfs_selar):
    from pypdf import PdfReader
    import io

    portal = dados["portal"]
    pdfs_selar(dados["oficio"], paginas=2)
    status, corpo = pagina(portal, "documento", dados["oficio"].numero_sei, "pdf")
    response = portal.REQUEST.response
    assert status == 200
    assert response.getHeader("Content-Type") == "application/pdf"
    dados_pdf = b"".join(corpo) if not isinstance(corpo, bytes) else corpo
    assert len(PdfReader(io.BytesIO(dados_pdf)).pages) == 2
    # the process PDF: the public documents only (not the minuta)
    status, _corpo = pagina(portal, "processo", _nup(dados["publico"]), "pdf")
    assert status == 200
    assert response.getHeader("Content-Type") == "application/pdf"


def test_restricted_document_has_no_pdf(niveis):
    portal = niveis["rc"].aq_parent.aq_parent
    with pytest.raises(NotFound):
        pagina(portal, "documento", niveis["rc_restrito"].numero_sei, "pdf")


def test_the_document_list_as_open_data(dados):
    import csv
    import io

    portal = dados["portal"]
    status, corpo = pagina(portal, "processo", _nup(dados["publico"]), "documentos.csv")
    assert status == 200
    dados_csv = b"".join(corpo) if not isinstance(corpo, bytes) else corpo
    texto = dados_csv.decode("utf-8-sig")
    linhas = list(csv.DictReader(io.StringIO(texto), delimiter=";"))
    assert [linha["numero_sei"] for linha in linhas] == [dados["oficio"].numero_sei]
