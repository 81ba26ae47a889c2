"""The Controle de Processos fits every screen and every keyboard (issue 17).

carlos.mendes (CMVS/PRESIDENCIA/SECRETARIA) with the demo data plus what
makes rows wide: a long especificação, a marcador with its text, a priority
anotação, an assignment and a process received with a retorno programado.
At 1366×768 and 390×844 nothing spills out of the screen, axe-core finds no
serious or critical violation, every checkbox has a name, the skip links
reach the list, the filters and the bulk actions by keyboard, and below
768 px each row is a card. The bulk sending form is checked with axe too.
"""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import violacoes_axe
from .conftest import log_in
from datetime import date
from datetime import timedelta
from seimg.demo import DEMO_PASSWORD
import pytest
import requests


pytestmark = pytest.mark.browser

SECRETARIA = "CMVS/PRESIDENCIA/SECRETARIA"
PROTOCOLO = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
CARLOS = ("carlos.mendes", DEMO_PASSWORD)
BEATRIZ = ("beatriz.lima", DEMO_PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}

ESPECIFICACAO_LONGA = (  # 100 characters, the most there may be
    "Pedido de cópia integral dos contratos de merenda escolar de 2019 a 2025, "
    "com aditivos e pareceres"
)
ANOTACAO_LONGA = (
    "Conferir com a Procuradoria antes de responder: o requerente já pediu "
    "parte destes documentos no processo anterior e recebeu resposta parcial. "
    "Prazo legal de vinte dias, prorrogável por mais dez com justificativa."
)

TELAS = {"1366": (1366, 768), "390": (390, 844)}


def _rest(metodo, url, auth, unidade, **kwargs):
    response = requests.request(
        metodo,
        url,
        headers={**JSON, "X-Unidade": unidade},
        auth=auth,
        timeout=120,
        **kwargs,
    )
    assert response.status_code in (200, 201), response.text
    return response.json()


def _tipo(site_url) -> str:
    response = requests.get(
        f"{site_url}/@vocabularies/seimg.TiposProcesso",
        params={"title": "Acesso à Informação: Pedido", "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    return response.json()["items"][0]["token"]


def _processo(site_url, auth, unidade, especificacao, tipo) -> dict:
    return _rest(
        "POST",
        f"{site_url}/processos",
        auth,
        unidade,
        json={
            "@type": "Processo",
            "tipo_processo": tipo,
            "especificacao": especificacao,
            "nivel_acesso": "publico",
        },
    )


def _preparar(site_url) -> dict:
    """The Secretaria's received rows that make the table wide, by role."""
    tipo = _tipo(site_url)
    # Two processes the Protocolo sends to the Secretaria: one to be tagged,
    # noted and assigned there, one to be returned within 5 days.
    marcado = _processo(site_url, BEATRIZ, PROTOCOLO, ESPECIFICACAO_LONGA, tipo)
    retorno = _processo(site_url, BEATRIZ, PROTOCOLO, "Ofício da Procuradoria", tipo)
    prazo = (date.today() + timedelta(days=5)).isoformat()
    for processo, extra in (
        (marcado, {}),
        (retorno, {"retorno_programado": {"data": prazo}}),
    ):
        _rest(
            "POST",
            f"{processo['@id']}/@enviar",
            BEATRIZ,
            PROTOCOLO,
            json={"destinos": [SECRETARIA], "notificar": False, **extra},
        )
    _rest("POST", f"{marcado['@id']}/@receber", CARLOS, SECRETARIA)
    marcadores = _rest(
        "POST",
        f"{site_url}/@marcadores",
        CARLOS,
        SECRETARIA,
        json={"nome": "Aguardando Procuradoria Geral", "cor": "amarelo"},
    )
    marcador = next(
        m for m in marcadores["items"] if m["nome"] == "Aguardando Procuradoria Geral"
    )
    _rest(
        "PUT",
        f"{marcado['@id']}/@marcador",
        CARLOS,
        SECRETARIA,
        json={"marcador": marcador["id"], "texto": "Parecer pedido em 12/03"},
    )
    _rest(
        "PUT",
        f"{marcado['@id']}/@anotacao",
        CARLOS,
        SECRETARIA,
        json={"texto": ANOTACAO_LONGA, "prioridade": True},
    )
    _rest(
        "POST",
        f"{marcado['@id']}/@atribuir",
        CARLOS,
        SECRETARIA,
        json={"usuario": "carlos.mendes"},
    )
    return {"marcado": marcado["numero"], "retorno": retorno["numero"]}


@pytest.fixture
def controle(page, site_url):
    numeros = _preparar(site_url)
    log_in(page, site_url, *CARLOS)
    return numeros


def _abrir(page, site_url, tela):
    largura, altura = TELAS[tela]
    page.set_viewport_size({"width": largura, "height": altura})
    page.goto(f"{site_url}/@@controle-processos")
    page.wait_for_selector("#seimg-controle-tabela")


def _ativo(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {id: e.id, tag: e.tagName, href: e.getAttribute("href") || ""};
        }"""
    )


@pytest.mark.parametrize("tela", sorted(TELAS))
def test_controle_cabe_na_tela_e_no_teclado(page, site_url, controle, tela):
    _abrir(page, site_url, tela)
    seletor = f"#seimg-controle-tabela tr[data-numero='{controle['marcado']}']"
    linha = page.locator(seletor)
    assert linha.count() == 1
    assert "Aguardando Procuradoria Geral" in linha.inner_text()
    assert page.locator(
        f"#seimg-controle-tabela tr[data-numero='{controle['retorno']}']"
        " .seimg-retorno-data"
    ).is_visible()

    assert not (problemas := fora_da_tela(page)), descrever(problemas)
    assert not (violacoes := violacoes_axe(page)), descrever(violacoes)

    # Every checkbox has an accessible name: select-all, each row by its NUP.
    todos = page.get_by_role("checkbox", name="Selecionar todos os processos")
    assert todos.count() == 1
    for numero in controle.values():
        caixa = page.get_by_role("checkbox", name=f"Selecionar o processo {numero}")
        assert caixa.count() == 1
    todos.check()
    assert all(
        c.is_checked()
        for c in page.locator("#seimg-controle-tabela input[name='uids:list']").all()
    )

    # The full especificação is on the page even when the cell is clamped.
    assert ESPECIFICACAO_LONGA in linha.locator(".seimg-especificacao").inner_text()
    # The anotação shows two or three lines, and all of it when the keyboard
    # is in its row.
    recortada = "e => e.scrollHeight > e.clientHeight + 1"
    anotacao = linha.locator(".seimg-flag-anotacao")
    page.mouse.move(0, 0)
    page.focus("#seimg-controle-filtros select")
    assert anotacao.evaluate(recortada), "a long anotação is clamped"
    page.focus(f"{seletor} input[name='uids:list']")
    assert not anotacao.evaluate(recortada), "all of it with focus in the row"

    # The skip links: Tab from the top of the page reaches each; Enter moves
    # the focus to its target.
    alvos = {
        "#seimg-controle-lista": "seimg-controle-lista",
        "#seimg-controle-filtros": "seimg-controle-filtros",
        "#seimg-controle-acoes": "seimg-controle-acoes",
    }
    for href, alvo in alvos.items():
        page.goto(page.url)
        page.wait_for_selector("#seimg-controle-tabela")
        for _ in range(40):
            page.keyboard.press("Tab")
            ativo = _ativo(page)
            if ativo["tag"] == "A" and ativo["href"].endswith(href):
                break
        else:
            raise AssertionError(f"no skip link to {href} by keyboard")
        assert page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return r.width > 0 && r.height > 0 && r.top >= 0; }"
        ), "a focused skip link shows"
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.activeElement.id === '{alvo}'")
        page.keyboard.press("Tab")
        assert page.evaluate(
            f"() => document.getElementById('{alvo}').contains(document.activeElement)"
        ), f"Tab after {href} goes on inside it"

    # Visible focus: Tab from the row's checkbox to its NUP draws an outline.
    page.focus(f"{seletor} input[name='uids:list']")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "seimg-nup"
    foco = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
            return {estilo: s.outlineStyle, largura: s.outlineWidth}; }"""
    )
    assert foco["estilo"] != "none", foco
    assert foco["largura"] != "0px", foco

    # The acting unit picker: its select takes the width there is.
    caixa = page.locator("#seimg-unidade-select").bounding_box()
    assert caixa["width"] >= min(TELAS[tela][0] * 0.6, 240), caixa

    display = linha.evaluate("tr => getComputedStyle(tr).display")
    if tela == "390":
        assert display != "table-row", "a card below 768 px"
        rotulo = linha.locator("td[data-label]").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert rotulo not in ("none", "normal", '""'), "each card field is labelled"
    else:
        assert display == "table-row"


@pytest.mark.parametrize("tela", sorted(TELAS))
def test_enviar_processos_acessivel(page, site_url, controle, tela):
    _abrir(page, site_url, tela)
    page.get_by_role(
        "checkbox", name=f"Selecionar o processo {controle['marcado']}"
    ).check()
    page.click("#seimg-controle-acoes button[value='enviar']")
    page.wait_for_selector("#seimg-enviar-processos form")
    assert controle["marcado"] in page.locator("#seimg-enviar-lista").inner_text()
    assert not (problemas := fora_da_tela(page)), descrever(problemas)
    assert not (violacoes := violacoes_axe(page)), descrever(violacoes)
