"""The staff search page ``@@pesquisa`` (issue 18): results with their
documents, highlighted snippets, facets that add and remove filters,
pagination, the quick-open of a NUP, the CSV export, bad input answered in
Portuguese beside the field, and the header's quick search box."""

from plone.app.textfield.value import RichTextValue
from seimg.pesquisa import api as pesquisa
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from urllib.parse import parse_qs
from urllib.parse import urlparse
import csv
import io
import lxml.html
import pytest


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


@pytest.fixture
def dados(secretaria):
    portal = secretaria
    jabuticaba = novo_processo(portal, especificacao="Licitação da jabuticaba escolar")
    reforma = novo_processo(
        portal,
        especificacao="Reforma da quadra",
        tipo="Licitação: Pregão Eletrônico",
    )
    oficio = novo_oficio(reforma, texto=_html("As jabuticabas das escolas municipais."))
    assinar(oficio)
    return {
        "portal": portal,
        "jabuticaba": jabuticaba,
        "reforma": reforma,
        "oficio": oficio,
    }


def _visao(portal, **form):
    """(the view, its answer) for ``form``."""
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    request.response.headers.pop("location", None)
    view = portal.restrictedTraverse("@@pesquisa")
    return view, view()


def _pagina(portal, **form):
    return _visao(portal, **form)[1]


def _arvore(corpo):
    return lxml.html.fromstring(corpo)


def test_resultados_com_documentos_trechos_e_facetas(dados):
    portal = dados["portal"]
    corpo = _pagina(portal, q="jabuticabas")
    pagina = _arvore(corpo)
    itens = pagina.cssselect("#seimg-pesquisa-lista > li")
    nups = [li.get("data-nup") for li in itens]
    assert set(nups) == {dados["jabuticaba"].numero, dados["reforma"].numero}
    assert pagina.cssselect("#seimg-pesquisa-total")[0].text_content().strip() == (
        "2 processos"
    )
    # the matched words in <mark>, escaped text around them
    marcas = [m.text_content().lower() for m in pagina.cssselect(".seimg-trecho mark")]
    assert "jabuticaba" in marcas
    # the ofício beneath its process, with its own snippet and link
    reforma = pagina.cssselect(f"li[data-nup='{dados['reforma'].numero}']")[0]
    documento = reforma.cssselect(".seimg-pesquisa-documento")[0]
    assert documento.get("data-uid") == dados["oficio"].UID()
    assert documento.cssselect("a")[0].get("href") == dados["oficio"].absolute_url()
    assert documento.cssselect(".seimg-trecho mark")
    assert not documento.cssselect(".seimg-pesquisa-ocr")
    # the NUP links to the process; especificação and type are shown
    jabuticaba = pagina.cssselect(f"li[data-nup='{dados['jabuticaba'].numero}']")[0]
    assert jabuticaba.cssselect("a.seimg-nup")[0].get("href") == (
        dados["jabuticaba"].absolute_url()
    )
    assert "Licitação da jabuticaba escolar" in jabuticaba.text_content()
    assert jabuticaba.cssselect("[data-nivel='publico']")
    # facets: two types, one process each; the generating unit counts two
    tipos = pagina.cssselect("[data-faceta='tipo_processo'] a")
    assert len(tipos) == 2
    assert all(a.get("aria-current") is None for a in tipos)
    unidades = pagina.cssselect("[data-faceta='unidade'] a")
    assert [u.cssselect(".seimg-faceta-quantidade")[0].text for u in unidades] == ["2"]
    assert "CMVS/" in unidades[0].cssselect(".seimg-faceta-rotulo")[0].text


def test_faceta_acrescenta_e_remove_o_filtro(dados):
    portal = dados["portal"]
    pregao = tabela("TipoProcesso", "Licitação: Pregão Eletrônico")
    corpo = _pagina(portal, q="jabuticaba")
    link = _arvore(corpo).cssselect(
        f"[data-faceta='tipo_processo'] a[data-valor='{pregao}']"
    )[0]
    params = parse_qs(urlparse(link.get("href")).query)
    assert params == {"q": ["jabuticaba"], "tipo_processo": [pregao]}

    corpo = _pagina(portal, **{k: v[0] for k, v in params.items()})
    pagina = _arvore(corpo)
    assert [
        li.get("data-nup") for li in pagina.cssselect("#seimg-pesquisa-lista > li")
    ] == [dados["reforma"].numero]
    selecionado = pagina.cssselect(
        f"[data-faceta='tipo_processo'] a[data-valor='{pregao}']"
    )[0]
    assert selecionado.get("aria-current") == "true"
    assert "filtro aplicado" in selecionado.text_content()
    assert parse_qs(urlparse(selecionado.get("href")).query) == {"q": ["jabuticaba"]}
    # the form keeps the filter
    opcao = pagina.cssselect(f"#seimg-pesquisa-tipo_processo option[value='{pregao}']")[
        0
    ]
    assert opcao.get("selected") is not None


def test_paginacao_e_ordem(dados):
    portal = dados["portal"]
    corpo = _pagina(portal, q="jabuticaba", b_size="1", ordem="data")
    pagina = _arvore(corpo)
    assert len(pagina.cssselect("#seimg-pesquisa-lista > li")) == 1
    proxima = pagina.cssselect("#seimg-pesquisa-proxima")[0].get("href")
    assert parse_qs(urlparse(proxima).query) == {
        "q": ["jabuticaba"],
        "b_size": ["1"],
        "ordem": ["data"],
        "b_start": ["1"],
    }
    atual = [
        a for a in pagina.cssselect(".seimg-pesquisa-ordens a") if a.get("aria-current")
    ]
    assert [a.text_content() for a in atual] == ["Mais recentes"]


def test_nenhum_resultado(dados):
    corpo = _pagina(dados["portal"], q="ornitorrinco")
    pagina = _arvore(corpo)
    assert (
        "Nenhum resultado"
        in pagina.cssselect("#seimg-pesquisa-vazio")[0].text_content()
    )
    assert not pagina.cssselect("#seimg-pesquisa-lista")
    assert not pagina.cssselect("#seimg-pesquisa-csv")


def test_sem_pesquisa_so_o_formulario(dados):
    corpo = _pagina(dados["portal"])
    pagina = _arvore(corpo)
    assert pagina.cssselect("#seimg-pesquisa-form")
    assert not pagina.cssselect("#seimg-pesquisa-resultados")
    # every field has its label
    for campo in pagina.cssselect(
        "#seimg-pesquisa-form input:not([type=hidden]), #seimg-pesquisa-form select"
    ):
        assert pagina.cssselect(f"label[for='{campo.get('id')}']"), campo.get("name")
    # no CSRF token in a search's URL: the form's only one is never sent
    for formulario in pagina.cssselect("#seimg-pesquisa-form, #searchGadget_form"):
        tokens = formulario.cssselect("[name=_authenticator]")
        assert all(t.get("disabled") is not None for t in tokens)


def test_indice_em_construcao(dados):
    portal = dados["portal"]
    from seimg.pesquisa import indice

    # a rebuild under way (the test's transaction is aborted afterwards)
    setattr(portal, indice.PROGRESSO, "1")
    corpo = _pagina(portal, q="jabuticaba")
    assert _arvore(corpo).cssselect("#seimg-pesquisa-indice")


def test_nup_abre_o_processo(dados):
    portal = dados["portal"]
    for q in (
        dados["jabuticaba"].numero,
        "".join(c for c in dados["jabuticaba"].numero if c.isdigit()),
    ):
        corpo = _pagina(portal, q=q)
        assert portal.REQUEST.response.getStatus() == 302, q
        assert portal.REQUEST.response.getHeader("location") == (
            dados["jabuticaba"].absolute_url()
        )
    # número SEI: the document
    corpo = _pagina(portal, q=dados["oficio"].numero_sei)
    assert (
        portal.REQUEST.response.getHeader("location") == dados["oficio"].absolute_url()
    )
    # with a filter, the results
    corpo = _pagina(portal, q=dados["jabuticaba"].numero, nivel="publico")
    assert portal.REQUEST.response.getStatus() == 200
    assert dados["jabuticaba"].numero in corpo


def test_csv_com_bom_e_ponto_e_virgula(dados):
    portal = dados["portal"]
    corpo = _pagina(portal, q="jabuticaba", formato="csv", b_size="1")
    response = portal.REQUEST.response
    assert response.getHeader("Content-Type").startswith("text/csv")
    assert "attachment" in response.getHeader("Content-Disposition")
    assert corpo.startswith("\ufeff".encode())
    linhas = list(csv.reader(io.StringIO(corpo.decode("utf-8-sig")), delimiter=";"))
    assert linhas[0][0] == "NUP"
    # all of it, not one page
    assert {linha[0] for linha in linhas[1:]} == {
        dados["jabuticaba"].numero,
        dados["reforma"].numero,
    }
    assert "Público" in {celula for linha in linhas[1:] for celula in linha}


def test_celulas_csv_nao_viram_formulas():
    from seimg.pesquisa.api import celula_csv

    assert celula_csv("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert celula_csv("Pedido") == "Pedido"


def test_data_invalida_mensagem_no_campo(dados):
    corpo = _pagina(dados["portal"], q="jabuticaba", de="2026-02-31")
    pagina = _arvore(corpo)
    erro = pagina.cssselect("#seimg-pesquisa-de-erro")[0].text_content()
    assert "Data inválida" in erro
    campo = pagina.cssselect("#seimg-pesquisa-de")[0]
    assert campo.get("aria-invalid") == "true"
    assert "seimg-pesquisa-de-erro" in campo.get("aria-describedby")
    resumo = pagina.cssselect("#seimg-pesquisa-erros a")[0]
    assert resumo.get("href") == "#seimg-pesquisa-de"
    assert not pagina.cssselect("#seimg-pesquisa-resultados")


def test_periodo_invertido(dados):
    corpo = _pagina(dados["portal"], de="2026-03-01", ate="2026-01-01")
    erro = _arvore(corpo).cssselect("#seimg-pesquisa-ate-erro")[0].text_content()
    assert "fim do período" in erro


def test_consulta_enorme_mensagem(dados):
    corpo = _pagina(dados["portal"], q="jabuticaba " * 1250)
    pagina = _arvore(corpo)
    assert (
        "longo demais" in pagina.cssselect("#seimg-pesquisa-q-erro")[0].text_content()
    )
    assert not pagina.cssselect("#seimg-pesquisa-resultados")


@pytest.mark.parametrize(
    "q", ['"jabuticaba', "E OU NÃO", "*", "a*", "jabuticaba " * 40]
)
def test_consultas_ruins_nao_quebram(dados, q):
    corpo = _pagina(dados["portal"], q=q)
    pagina = _arvore(corpo)
    assert pagina.cssselect("#seimg-pesquisa-erros") or pagina.cssselect(
        "#seimg-pesquisa-resultados"
    ), q


def test_parametros_alheios_sao_ignorados(dados):
    corpo = _pagina(dados["portal"], q="jabuticaba", utm_source="x")
    assert _arvore(corpo).cssselect("#seimg-pesquisa-lista")


def test_anonimo_vai_ao_login(portal):
    with como(portal, None):
        _pagina(portal, q="jabuticaba")
        assert portal.REQUEST.response.getStatus() == 302
        assert "/login?came_from=" in portal.REQUEST.response.getHeader("location")


def test_atalhos(dados):
    view, corpo = _visao(dados["portal"], q="jabuticaba")
    ids = [id_ for id_, _rotulo in view.atalhos]
    assert ids == [
        "seimg-pesquisa-form",
        "seimg-pesquisa-resultados",
        "seimg-pesquisa-facetas",
    ]
    pagina = _arvore(corpo)
    for id_ in ids:
        assert pagina.get_element_by_id(id_) is not None
        assert pagina.cssselect(f"a.seimg-atalho[href='#{id_}']")


def test_caixa_de_pesquisa_do_cabecalho(dados):
    corpo = _pagina(dados["portal"], q="jabuticaba")
    caixa = _arvore(corpo).cssselect("#searchGadget_form")[0]
    assert caixa.get("action").endswith("/@@pesquisa")
    campo = caixa.cssselect("input#searchGadget")[0]
    assert campo.get("name") == "q"
    assert campo.get("value") == "jabuticaba"


def test_caixa_de_pesquisa_anonimo_continua_a_do_plone(portal):
    with como(portal, None):
        corpo = portal.restrictedTraverse("@@conferir-autenticidade")()
    caixa = _arvore(corpo).cssselect("#searchGadget_form")
    if caixa:
        assert caixa[0].get("action").endswith("/@@search")


def test_csv_ordem_das_colunas_segue_a_api():
    chaves = [c[0] if isinstance(c, tuple) else c for c in pesquisa.COLUNAS_CSV]
    assert chaves[0] == "nup"


def test_menu_tem_pesquisa(portal):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        abas = portal.portal_actions.listFilteredActionsFor(portal)["portal_tabs"]
        assert "pesquisa" in [a["id"] for a in abas]
    # for signed-in users only, as the other staff tabs
    acao = portal.portal_actions.portal_tabs["pesquisa"]
    assert acao.available_expr == "python:member is not None"


def test_upgrade_1020_acrescenta_so_o_menu(portal):
    from seimg.upgrades import v1020

    abas = portal.portal_actions.portal_tabs
    antes = [(i, abas[i].title) for i in abas.objectIds() if i != "pesquisa"]
    abas.manage_delObjects(["pesquisa"])
    v1020.upgrade(None)
    v1020.upgrade(None)
    ids = list(abas.objectIds())
    assert ids.count("pesquisa") == 1
    assert [(i, abas[i].title) for i in ids if i != "pesquisa"] == antes
    assert abas["pesquisa"].url_expr == "string:${portal_url}/@@pesquisa"
    assert abas["pesquisa"].title == "Search"
