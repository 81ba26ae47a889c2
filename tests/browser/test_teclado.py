"""The day by keyboard only: Tab, Shift+Tab, Enter, Space, arrows and typing.

carlos starts a process, adds a despacho, tries to sign it (refused: the
template's fields are untouched), walks the tree and sends the process to
the Procuradoria with a retorno date; daniel finds it in his Controle, opens
it, selects in the tree and concludes it.

No mouse and no ``page.click``: every step is reached with Tab from where the
focus is, and at every stop the focused element must show a visible focus
indicator (an outline or a box-shadow ring) and lie inside the viewport.
Skip links take carlos to "Incluir documento" and "Enviar" in a few presses.
seimg has no modal dialogs (each action is a page of its own with a way
back), which the walk checks too: no dialog opens on the way.
"""

from .conftest import log_in
from datetime import date
from datetime import timedelta
from seimg.demo import DEMO_PASSWORD
import pytest


pytestmark = pytest.mark.browser

#: Tab presses allowed to reach something once at the right place.
LIMITE = 40

FOCO = """() => {
    let el = document.activeElement;
    if (!el || el === document.body) return null;
    const dentro = (r) => r.width > 0 && r.height > 0
        && r.right > 0 && r.left < innerWidth;
    // TinyMCE's editing iframe: headless Chromium does not let the page
    // match :focus/:focus-within for a focused child frame, so the ring the
    // theme draws there (formularios.css) cannot be measured; the frame
    // must at least be the editor's, named for its field.
    if (el.tagName === "IFRAME" && el.closest(".tox-edit-area")) {
        return {id: el.id, tag: el.tagName, texto: el.title,
                visivel: !!el.title, dialogo: false,
                dentro: dentro(el.getBoundingClientRect())};
    }
    // select2's search input: the active widget around it has the ring.
    if (el.closest(".select2-container")) {
        el = el.closest(".select2-container");
    }
    const estilo = getComputedStyle(el);
    const contorno = estilo.outlineStyle !== "none"
        && parseFloat(estilo.outlineWidth) >= 2;
    const anel = estilo.boxShadow && estilo.boxShadow !== "none";
    const dialogo = document.querySelector(
        "[role=dialog]:not([hidden]), dialog[open], .modal.show");
    return {
        id: el.id,
        tag: el.tagName,
        classe: String(el.className).slice(0, 60),
        texto: (el.innerText || el.value || "").trim().slice(0, 60),
        visivel: contorno || anel,
        dentro: dentro(el.getBoundingClientRect()),
        dialogo: !!dialogo,
    };
}"""


class Teclado:
    def __init__(self, page):
        self.page = page
        self.paradas = 0

    def foco(self):
        return self.page.evaluate(FOCO)

    def tab(self, shift=False):
        self.page.keyboard.press("Shift+Tab" if shift else "Tab")
        self.paradas += 1
        foco = self.foco()
        assert foco is not None, "Tab left the focus nowhere"
        assert not foco["dialogo"], "a dialog opened"
        assert foco["visivel"], f"focus not visible on {foco}"
        assert foco["dentro"], f"focused element off screen: {foco}"
        return foco

    def ate(self, seletor, limite=LIMITE):
        """Tab until the focused element matches ``seletor``; presses taken.

        A page may start with the focus on its first field (forms do): then
        no press is needed.
        """
        if self.page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)",
            seletor,
        ):
            return 0
        for n in range(1, limite + 1):
            self.tab()
            if self.page.evaluate("(s) => document.activeElement.matches(s)", seletor):
                return n
        raise AssertionError(f"{seletor} not reached in {limite} Tab presses")

    def atalho(self, alvo):
        """From the top of the page, the skip link to #alvo, then Enter."""
        # Back to the top of the page, as after loading it: the next Tab
        # starts at the beginning of the document.
        self.page.evaluate(
            """() => {
                window.scrollTo(0, 0);
                document.body.tabIndex = -1;
                document.body.focus();
                document.body.removeAttribute("tabindex");
            }"""
        )
        n = self.ate(f".seimg-atalho[href='#{alvo}']", limite=8)
        self.page.keyboard.press("Enter")
        self.page.wait_for_function(
            "(id) => document.activeElement && document.activeElement.id === id",
            arg=alvo,
        )
        return n

    def enter(self):
        """Enter on a link or button that leads to another page."""
        antes = self.page.evaluate("() => performance.timeOrigin")
        self.page.keyboard.press("Enter")
        self.page.wait_for_function(
            "(antes) => performance.timeOrigin !== antes"
            " && document.readyState === 'complete'",
            arg=antes,
        )
        # Headless Chromium may leave a freshly loaded page without system
        # focus (document.hasFocus() false) once an editor iframe is built;
        # a person's window keeps it. Give it back: the tab order is intact.
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_function(
            "() => !document.querySelector('textarea.pat-tinymce')"
            " || document.querySelector('.tox-tinymce')"
        )
        self.page.wait_for_timeout(300)
        if not self.page.evaluate("() => document.hasFocus()"):
            self.page.bring_to_front()


def test_dia_so_com_teclado(page, site_url, chromium):
    page.set_viewport_size({"width": 1366, "height": 768})
    teclado = Teclado(page)
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)

    # Iniciar processo: the skip link to the menu, then its item.
    teclado.atalho("portal-globalnav-wrapper")
    teclado.ate("a[href$='@@iniciar-processo']", limite=6)
    teclado.enter()
    teclado.ate("a[href*='++add++Processo']")
    teclado.enter()
    teclado.ate("input[name='form.widgets.especificacao']")
    page.keyboard.type("Pedido de cópia da ata, pelo teclado")
    teclado.ate("select[name='form.widgets.nivel_acesso:list']")
    page.keyboard.press("Home")  # público comes first
    teclado.ate("button[name='form.buttons.save'], input[name='form.buttons.save']")
    teclado.enter()
    page.wait_for_selector("#seimg-arvore")
    numero = page.locator("#seimg-nup").inner_text().strip()

    # "Incluir documento" through the skip link to the process actions.
    presses = teclado.atalho("seimg-processo-acoes")
    assert presses <= 4, f"the skip link is {presses} presses away"
    teclado.ate("#seimg-incluir-documento", limite=3)
    teclado.enter()
    teclado.ate("select[name='form.widgets.tipo_documento:list']")
    page.keyboard.type("Despacho")
    teclado.ate("select[name='form.widgets.nivel_acesso:list']")
    page.keyboard.press("Home")
    teclado.ate("button[name='form.buttons.save'], input[name='form.buttons.save']")
    teclado.enter()
    page.wait_for_selector("#seimg-documento")
    assert page.locator("#seimg-documento-titulo").inner_text().startswith("Despacho")

    # Assinar is reached from the selected item; the untouched template's
    # fields make the form refuse, and the refusal is read where the focus is.
    teclado.atalho("seimg-visualizador")
    teclado.ate("#seimg-assinar", limite=3)
    teclado.enter()
    teclado.ate("#seimg-senha")
    page.keyboard.type(DEMO_PASSWORD)
    teclado.ate("#seimg-assinar-form [name='form.buttons.assinar']")
    teclado.enter()
    assert "Preencha os campos do modelo" in page.content()
    teclado.ate("#content a[href$='edit']")  # the refusal leads to the editor
    # The browser's Back (twice: the refused POST, then the form).
    page.go_back()
    if not page.locator("#seimg-documento").count():
        page.go_back()
    page.wait_for_selector("#seimg-documento")

    # The tree by keyboard: the process node, then the despacho again.
    teclado.atalho("seimg-arvore")
    teclado.ate("#seimg-no-processo", limite=2)
    page.keyboard.press("Enter")
    page.wait_for_selector("#seimg-painel-processo")
    assert page.evaluate(
        "() => document.activeElement.classList.contains('seimg-painel-titulo')"
    ), "selecting in the tree moves the focus to the selection"

    # "Enviar" through the same skip link, and the form by keyboard.
    teclado.atalho("seimg-processo-acoes")
    teclado.ate("#seimg-enviar", limite=6)
    teclado.enter()
    teclado.ate("#seimg-enviar-form input.select2-input, #seimg-enviar-form select")
    page.keyboard.type("PROCURADORIA")
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")
    teclado.ate("#seimg-notificar")
    page.keyboard.press("Space")  # no e-mail from the test
    # A radio group is one Tab stop; the arrows choose inside it.
    teclado.ate("#seimg-retorno-nenhum")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.id") == "seimg-retorno-data"
    assert page.is_checked("#seimg-retorno-data")
    teclado.ate("input[name='retorno_data']")
    # A day equal to its month reads the same in dd/mm and mm/dd fields
    # (the field's order follows the browser's locale, not the page's).
    prazo = next(
        d
        for d in (date.today() + timedelta(days=n) for n in range(2, 400))
        if d.day == d.month
    )
    page.keyboard.type(prazo.strftime("%d%m%Y"))
    assert page.input_value("input[name='retorno_data']") == prazo.isoformat()
    teclado.ate("#seimg-enviar-form button[name='form.buttons.enviar']")
    teclado.enter()
    # The despacho is still a minuta: the form asks to confirm, by keyboard too.
    assert page.locator("#seimg-enviar-confirmar").count() == 1
    teclado.ate("#seimg-enviar-confirmar button[name='form.buttons.enviar']")
    teclado.enter()
    erro = page.locator("#seimg-tramitacao-erro")
    assert erro.count() == 0, erro.all_inner_texts()
    assert "PROCURADORIA" in page.content()  # "… enviado para …PROCURADORIA"

    # The receiving unit, by keyboard: Controle, the process, the tree, concluir.
    chromium.clear_cookies()
    log_in(page, site_url, "daniel.souza", DEMO_PASSWORD)
    teclado.atalho("seimg-controle-lista")
    teclado.ate("a.seimg-nup", limite=LIMITE)
    for _ in range(LIMITE):
        if numero in teclado.foco()["texto"]:
            break
        teclado.tab()
    assert numero in teclado.foco()["texto"], "the process's row by Tab"
    teclado.enter()
    page.wait_for_selector("#seimg-arvore")
    # (carlos's despacho is a minuta: another unit sees no row of it.)
    teclado.atalho("seimg-arvore")
    teclado.ate("#seimg-no-processo", limite=3)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement.classList.contains('seimg-painel-titulo')"
    )
    teclado.atalho("seimg-processo-acoes")
    teclado.ate("#seimg-concluir", limite=8)
    teclado.enter()
    teclado.ate("#seimg-tramitacao-form [name='form.buttons.confirmar']")
    teclado.enter()
    assert page.locator("#seimg-tramitacao-erro").count() == 0

    # Back through the shortest way: Shift+Tab also shows the focus.
    teclado.tab(shift=True)
    assert teclado.paradas > 0
