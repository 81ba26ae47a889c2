"""The public portal as a visitor reads it: in Portuguese (issue 19).

The site's language is pt-BR; each page is rendered and read as text: a few
key sentences are there, and no English default of the portal's templates
is left (a msgid without msgstr shows its default). test_i18n_unit.py
checks the catalog itself, for every msgid of the portal.
"""

from tests.transparencia.test_i18n_unit import catalogo
from tests.transparencia.test_i18n_unit import SEIMG
from tests.transparencia.test_portal import pagina
import lxml.html
import pytest
import re


MODELOS = SEIMG / "transparencia" / "browser" / "templates"


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _texto(corpo: str) -> str:
    arvore = lxml.html.fromstring(corpo)
    principal = arvore.cssselect(".seimg-portal")[0]
    return " ".join(principal.text_content().split())


def _padroes_em_ingles() -> dict[str, str]:
    """msgid -> English default (its text up to the first child), for the
    portal's template messages whose pt-BR text differs."""
    traducoes = dict(catalogo())
    padroes = {}
    for modelo in MODELOS.glob("*.pt"):
        raiz = lxml.html.fromstring(modelo.read_text(encoding="utf-8"))
        for elemento in raiz.iter():
            if not isinstance(elemento.tag, str):
                continue
            msgid = (elemento.get("i18n:translate") or "").strip()
            padrao = " ".join((elemento.text or "").split())
            if msgid and len(padrao) >= 8 and traducoes.get(msgid) != padrao:
                padroes[msgid] = padrao
    return padroes


def _sem_ingles(texto: str):
    restos = {
        m: p
        for m, p in _padroes_em_ingles().items()
        if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", texto)
    }
    assert not restos, restos


def test_english_defaults_are_known():
    padroes = _padroes_em_ingles()
    assert padroes["transparencia_home_titulo"] == "Transparency portal"
    assert padroes["transparencia_limite_texto"].startswith("Many requests came")


def test_home_in_portuguese(portal):
    status, corpo = pagina(portal)
    assert status == 200
    texto = _texto(corpo)
    for frase in (
        "Portal de transparência",
        "Pesquisar processos e documentos",
        "Palavras, NUP ou número SEI",
        "Órgãos públicos",
        "Conferir a autenticidade de um documento assinado",
        "encarregado pelo tratamento de dados pessoais",
        "Mais filtros",
    ):
        assert frase in texto, frase
    _sem_ingles(texto)


def test_restricted_items_page_in_portuguese(portal):
    status, corpo = pagina(portal, "acesso-restrito")
    assert status == 200
    texto = _texto(corpo)
    assert "Por que alguns itens têm acesso restrito" in texto
    assert "“Acesso restrito”, seguida da hipótese legal" in texto
    assert "“anterior à data de corte”" in texto
    _sem_ingles(texto)


def test_orgao_and_lai_pages_in_portuguese(portal):
    status, corpo = pagina(portal, "orgao", "cmvs")
    assert status == 200
    texto = _texto(corpo)
    assert "Mais sobre este órgão" in texto
    assert "Dados abertos: arquivos diários com todos os processos públicos" in texto
    _sem_ingles(texto)

    status, corpo = pagina(portal, "orgao", "cmvs", "lai")
    assert status == 200
    texto = _texto(corpo)
    assert "Como pedir informações (LAI)" in texto
    assert "Encarregado pelo tratamento de dados pessoais (LGPD, art. 41)" in texto
    assert "prorrogáveis por mais 10" in texto
    _sem_ingles(texto)


def test_search_without_results_in_portuguese(portal):
    status, corpo = pagina(portal, "pesquisa", q="xilofonezzqa")
    assert status == 200
    texto = _texto(corpo)
    assert "Resultados" in texto
    assert "Nenhum processo público corresponde a esta pesquisa" in texto
    _sem_ingles(texto)


def test_rate_limit_page_in_portuguese(portal, monkeypatch):
    monkeypatch.setenv("SEIMG_BALDE_PAGINA", "1/1")
    assert pagina(portal)[0] == 200
    status, corpo = pagina(portal)
    assert status == 429
    texto = _texto(corpo)
    assert "Muitas requisições" in texto
    assert re.search(r"Aguarde \d+ segundos e tente novamente", texto), texto
    assert "Voltar ao portal de transparência" in texto
    _sem_ingles(texto)
