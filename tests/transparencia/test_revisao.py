"""Regression tests from an adversarial review of the public portal (issue
19): odd input that answered 500, search links that lost the visitor's
órgão, and the data de corte of an authenticated external document."""

from seimg.base.erros import InvalidInput
from seimg.transparencia import api as transparencia
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.transparencia.test_portal import GERADOR
from tests.transparencia.test_portal import niveis  # noqa: F401
from tests.transparencia.test_portal import pagina
from tests.transparencia.test_portal import portal  # noqa: F401
from urllib.parse import parse_qs
from urllib.parse import urlparse
from zExceptions import NotFound
import lxml.html
import pytest


# --- b_size: digits Python calls digits but int() refuses ---------------------
@pytest.mark.parametrize(
    "b_size",
    ["²", "9" * 5000, "١٠٠", "0" * 10 + "51"],
    ids=["superscript", "5000-digits", "arabic-indic-100", "zeros-51"],
)
def test_odd_page_sizes_are_a_400_not_a_500(portal, b_size):  # noqa: F811
    status, corpo = pagina(portal, "pesquisa", b_size=b_size)
    assert status == 400
    assert lxml.html.fromstring(corpo).cssselect("#seimg-pesquisa-erros li")
    status, corpo = pagina(portal, "pesquisa.csv", b_size=b_size)
    assert status == 400
    assert corpo.startswith("b_size: ")
    with pytest.raises(InvalidInput):  # what GET @transparencia reads
        transparencia.ler_criterios({"b_size": b_size})


def test_leading_zeros_within_the_limit_are_fine(portal):  # noqa: F811
    assert transparencia.ler_criterios({"b_size": "0050"}).b_size == 50


# --- the órgão parameter --------------------------------------------------------
def test_an_empty_orgao_means_every_orgao(portal):  # noqa: F811
    # orgao:list= (a form's "all" choice sent as a list)
    status, _corpo = pagina(portal, "pesquisa", q="quixotesca", orgao=[""])
    assert status == 200


def test_an_orgao_that_is_not_text_is_a_400(portal):  # noqa: F811
    # orgao.x:record=y would otherwise be ignored: a search of every órgão
    status, _corpo = pagina(portal, "pesquisa", q="quixotesca", orgao={"x": "y"})
    assert status == 400


# --- search links keep the órgão as the visitor chose it --------------------------
@pytest.fixture
def tres(portal):  # noqa: F811
    with como(portal, *GERADOR):
        for i in range(3):
            novo_processo(portal, especificacao=f"Zebra listrada quixotesca {i}")
    return portal


def _links(corpo, trecho):
    arvore = lxml.html.fromstring(corpo)
    return [
        a.get("href") for a in arvore.cssselect("a[href]") if trecho in a.get("href")
    ]


def _form(url):
    return {
        k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlparse(url).query).items()
    }


def test_next_page_keeps_the_chosen_orgao_in_the_form(tres):
    _status, corpo = pagina(tres, "pesquisa", q="quixotesca", orgao="CMVS", b_size="1")
    proxima = _links(corpo, "b_start=")[0]
    assert _form(proxima)["orgao"] == "cmvs"  # its id, not its UID
    assert all("orgao=cmvs" in url for url in _links(corpo, ".csv?"))
    status, corpo = pagina(tres, "pesquisa", **_form(proxima))
    assert status == 200
    escolhido = lxml.html.fromstring(corpo).cssselect(
        "#seimg-pesquisa-orgao option[selected]"
    )
    assert [o.get("value") for o in escolhido] == ["cmvs"]


def test_an_old_link_with_the_uid_still_shows_the_orgao_chosen(tres):
    uid = tres["orgaos"]["cmvs"].UID()
    _status, corpo = pagina(tres, "pesquisa", q="quixotesca", orgao=uid)
    escolhido = lxml.html.fromstring(corpo).cssselect(
        "#seimg-pesquisa-orgao option[selected]"
    )
    assert [o.get("value") for o in escolhido] == ["cmvs"]


def test_an_orgao_off_does_not_write_the_others_into_every_link(tres):
    desligado = tres["orgaos"]["seplag"]
    desligado.portal_ativo = False
    try:
        _status, corpo = pagina(tres, "pesquisa", q="quixotesca", b_size="1")
    finally:
        desligado.portal_ativo = True
    proxima = _links(corpo, "b_start=")[0]
    assert "orgao" not in _form(proxima)


def test_an_orgao_page_links_need_no_orgao_parameter(tres):
    _status, corpo = pagina(
        tres, "orgao", "cmvs", "pesquisa", q="quixotesca", b_size="1"
    )
    proxima = _links(corpo, "b_start=")[0]
    assert "/transparencia/orgao/cmvs/pesquisa?" in proxima
    assert "orgao" not in _form(proxima)


# --- a cancelled document is cancelled, not restricted ------------------------------
def test_a_cancelled_public_document_is_not_called_restricted(portal, niveis):  # noqa: F811
    from seimg.processos import acoes
    from seimg.transparencia.rest.servicos import documento_json

    documento = niveis["cancelado"]  # a signed público ofício
    with como(portal, *GERADOR):
        acoes.cancelar(documento, "Emitido por engano")
    portal.REQUEST.other.pop("_seimg_divulgacao", None)
    status, corpo = pagina(portal, "documento", documento.numero_sei)
    assert status == 200
    titulo = lxml.html.fromstring(corpo).cssselect("h1")[0].text_content()
    assert titulo.strip() == documento.Title()  # its type and number
    json = documento_json(transparencia.ficha_documento(documento).linha)
    assert json["titulo"] == documento.Title()
    assert json["acesso"] == "cancelado"
    assert "Acesso restrito" not in corpo
    assert "Emitido por engano" not in corpo  # the reason is free text


# --- the data de corte of an external document --------------------------------
def test_an_external_document_registered_before_the_corte_stays_behind_it(
    portal,  # noqa: F811
):
    from DateTime import DateTime
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    from seimg.assinatura import api as assinatura
    from tests.divulgacao.cenario import CARGO
    from tests.divulgacao.cenario import SENHA
    from tests.processos.conftest import tabela
    import datetime

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with como(portal, *GERADOR):
        processo = novo_processo(portal, especificacao="Certidão antiga")
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Certidão"),
            data_documento=datetime.date(2020, 3, 2),
            formato="digitalizado",
            tipo_conferencia=tabela("TipoConferencia", "Cópia Simples"),
            nivel_acesso="publico",
            arquivo=NamedBlobFile(pdf, filename="certidao.pdf"),
        )
        externo.creation_date = DateTime() - 10  # registered ten days ago
        assinatura.autenticar(externo, SENHA, CARGO)  # authenticated today
    orgao = portal["orgaos"]["cmvs"]
    orgao.data_corte = datetime.date.today() - datetime.timedelta(days=2)
    try:
        linha = transparencia.ficha_processo(processo).documentos[0]
    finally:
        orgao.data_corte = None
        portal.REQUEST.other.pop("_seimg_divulgacao", None)
    assert linha.corte
    assert not linha.legivel


# --- andamentos naming another process ---------------------------------------------
def test_a_sigiloso_process_linked_to_a_suspension_stays_unknown(portal):  # noqa: F811
    from seimg.vinculos import sobrestamento

    with como(portal, *GERADOR):
        publico = novo_processo(portal, especificacao="Aguarda o outro processo")
        sigiloso = novo_processo(portal, nivel="sigiloso", especificacao="Sigiloso")
        sobrestamento.sobrestar(publico, "Aguarda", processo_vinculado=sigiloso.numero)
    portal.REQUEST.other.pop("_seimg_divulgacao", None)
    nup = "".join(c for c in publico.numero if c.isdigit())
    status, corpo = pagina(portal, "processo", nup)
    assert status == 200
    assert "Processo sobrestado" in corpo
    assert sigiloso.numero not in corpo


# --- CPF-shaped numbers in names typed by people --------------------------------------
CPF = "529.982.247-25"  # valid check digits


def test_cpfs_in_names_are_masked_as_in_the_open_data(portal):  # noqa: F811
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    from seimg.base import brasil
    from seimg.transparencia.rest.servicos import processo_json
    from tests.divulgacao.cenario import _cnpj_unico
    from tests.processos.conftest import tabela
    import datetime

    with como(portal, *GERADOR):
        empresa = api.content.create(
            container=portal["tabelas"]["contatos"],
            type="Contato",
            id="contato-revisao-cpf",
            tipo_pessoa="juridica",
            empresario_individual=False,
            nome=f"Padaria {CPF} Ltda",
            cnpj=brasil.formatar_cnpj(_cnpj_unico()),
        )
        processo = novo_processo(
            portal, especificacao="Pães ornitorrínquicos", interessados=[empresa.UID()]
        )
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Certidão"),
            numero=f"ornitorrínquica {CPF}",
            data_documento=datetime.date(2026, 3, 2),
            formato="nato_digital",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(b"%PDF-1.4\n%%EOF\n", filename=f"rg {CPF}.pdf"),
        )
    assert CPF in externo.Title()
    portal.REQUEST.other.pop("_seimg_divulgacao", None)
    nup = "".join(c for c in processo.numero if c.isdigit())
    paginas = [
        pagina(portal, "processo", nup)[1],
        pagina(portal, "documento", externo.numero_sei)[1],
        pagina(portal, "pesquisa", q="ornitorrínquicos")[1],
    ]
    ficha = transparencia.ficha_processo(processo)
    json = str(processo_json(ficha))
    for i, texto in enumerate((*paginas, json)):
        assert CPF not in texto, i
        assert "***.982.247-**" in texto, i


# --- the órgão's logo ------------------------------------------------------------
def test_the_orgao_logo_is_served_by_the_portal(portal):  # noqa: F811
    from PIL import Image
    from plone.namedfile.file import NamedBlobImage
    import io

    imagem = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(imagem, "PNG")
    orgao = portal["orgaos"]["cmvs"]
    orgao.logo = NamedBlobImage(imagem.getvalue(), filename="logo.png")
    try:
        _status, corpo = pagina(portal, "orgao", "cmvs")
        src = (
            lxml.html.fromstring(corpo).cssselect("img.seimg-portal-logo")[0].get("src")
        )
        # not the Órgão's own @@images: staff-only, a 401 for visitors
        assert src.endswith("/transparencia/orgao/cmvs/logo")
        status, dados = pagina(portal, "orgao", "cmvs", "logo")
        response = portal.REQUEST.response
        assert status == 200
        assert response.getHeader("Content-Type") == "image/png"
        assert response.getHeader("X-Content-Type-Options") == "nosniff"
        lido = dados if isinstance(dados, bytes) else b"".join(dados)
        assert lido == imagem.getvalue()
    finally:
        orgao.logo = None
    with pytest.raises(NotFound):  # no logo: as any unknown path
        pagina(portal, "orgao", "cmvs", "logo")


# --- every órgão's portal off ----------------------------------------------------
def test_with_every_orgao_off_the_search_finds_nothing(portal, niveis):  # noqa: F811
    orgaos = list(portal["orgaos"].objectValues())
    for orgao in orgaos:
        orgao.portal_ativo = False
    try:
        criterios = transparencia.ler_criterios({"q": "ponte pênsil"})
        assert transparencia.pesquisar(criterios).total == 0
        assert transparencia.todas(criterios).total == 0  # open data
        status, corpo = pagina(portal, "pesquisa", q="ponte pênsil")
    finally:
        for orgao in orgaos:
            orgao.portal_ativo = True
    assert status == 200
    assert niveis["rc"].numero not in corpo
    criterios = transparencia.ler_criterios({"q": "ponte pênsil"})
    assert transparencia.pesquisar(criterios).total == 1
