"""seimg's look in Chromium: the órgão in the header, no Plone branding or
toolbar for staff, skip links first and working, no serious accessibility
violation (axe-core) and nothing out of reach, on a desktop and a phone."""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import violacoes_axe
from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
import pytest


pytestmark = pytest.mark.browser

TELAS = {"desktop": (1366, 768), "celular": (390, 844)}
PAGINAS = ("@@controle-processos", "@@iniciar-processo")
ORGAO = "Câmara Municipal de Vila Serrana"


def _sem_plone(page):
    html = page.content()
    assert "Impulsionado por Plone" not in html
    assert "Fundação Plone" not in html
    assert page.locator("img[src*='plone-logo']").count() == 0
    assert page.locator("#edit-zone, #edit-bar").count() == 0
    assert "plone-toolbar" not in (page.locator("body").get_attribute("class") or "")


def _acessivel(page):
    violacoes = violacoes_axe(page)
    assert not violacoes, descrever(violacoes)
    problemas = fora_da_tela(page)
    assert not problemas, descrever(problemas)


def _atalho_funciona(page):
    """From the top, the first Tab lands on "Ir para o conteúdo"; following
    it, the next Tab lands inside the main content."""
    # From the top of the page (the login form focuses its first field).
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.mouse.click(1, 1)
    page.keyboard.press("Tab")
    foco = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.textContent]"
    )
    assert foco == ["seimg-atalho", "Ir para o conteúdo"], foco
    assert page.locator(".seimg-atalho:focus").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    dentro = page.evaluate(
        "() => !!document.activeElement.closest('#portal-column-content')"
    )
    assert dentro, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


@pytest.mark.parametrize("tela", TELAS)
def test_login_page(page, site_url, tela):
    page.set_viewport_size(dict(zip(("width", "height"), TELAS[tela], strict=True)))
    page.goto(f"{site_url}/login")
    _sem_plone(page)
    assert page.locator("#portal-logo").is_visible()
    _atalho_funciona(page)
    _acessivel(page)


@pytest.mark.parametrize("tela", TELAS)
def test_staff_pages(page, site_url, tela):
    page.set_viewport_size(dict(zip(("width", "height"), TELAS[tela], strict=True)))
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    for pagina in PAGINAS:
        page.goto(f"{site_url}/{pagina}")
        _sem_plone(page)
        assert ORGAO in page.locator("#portal-logo").inner_text(), pagina
        assert page.locator("#seimg-usuario").is_visible()
        _atalho_funciona(page)
        _acessivel(page)


def test_menu_skip_link_opens_the_menu_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/@@controle-processos")
    menu = page.locator("#portal-globalnav a", has_text="Iniciar processo")
    assert not menu.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Ir para o menu"
    page.keyboard.press("Enter")
    menu.wait_for(state="visible")


def test_administration_reachable_from_the_header(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/@@controle-processos")
    page.click("#seimg-link-administracao")
    page.wait_for_url("**/@@administracao")
    assert page.locator("h1").inner_text() == "Administração"
    page.click("text=Unidades, usuários e perfis")
    page.wait_for_url("**/orgaos/cmvs")
    _sem_plone(page)
    page.goto(f"{site_url}/@@administracao")
    _acessivel(page)


def test_tinymce_for_official_documents(page, site_url, acceptance):
    processo = acceptance["portal"]["processos"].objectValues()[0]
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/processos/{processo.getId()}/++add++Documento")
    page.locator(".tox-tinymce").wait_for()
    barra = page.locator(".tox-toolbar__primary, .tox-toolbar-overlord").first
    rotulos = barra.locator("button").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label') || '')"
    )
    # Portuguese, only what official documents need.
    for rotulo in ("Desfazer", "Refazer", "Negrito", "Itálico", "Sublinhado"):
        assert rotulo in rotulos, rotulos
    assert not [r for r in rotulos if "imagem" in r.lower() or "código" in r.lower()]
    assert page.locator(".tox-menubar").count() == 0
    assert page.locator(".tox-statusbar__branding").count() == 0
    assert page.locator(".tox-promotion").count() == 0
