"""Fill-in fields of document templates (campos do modelo).

A template (``TipoDocumento.modelo``) marks each part the clerk must write
with an inline element of class ``seimg-campo``::

    <span class="seimg-campo" data-campo="destinatario"
          title="Nome do destinatário">Nome do destinatário</span>

- ``class="seimg-campo"`` is the marker (brackets cannot be: legal texts use
  them). ``class`` and ``title`` pass Plone's HTML filter and TinyMCE with
  no configuration; ``data-campo`` (the field's key) is added to the allowed
  attributes by :func:`seimg.processos.editor.configurar_editor`, and nothing
  here needs it;
- ``title`` is the field's name, shown to the clerk (tooltip, refusal
  message) and the text the field starts with.

A field is **unchanged** (:func:`pendentes`) while its element still holds
that original text, or no text at all. Once the clerk types over it, the
element keeps the new text (and the marker): it is filled. Deleting the
whole element also counts as dealt with.

Pure functions over HTML strings (lxml only): no Zope, no Plone.
"""

from dataclasses import dataclass
from html import escape
from lxml import etree
from lxml import html as lxml_html


CLASSE = "seimg-campo"
ATRIBUTO = "data-campo"

_XPATH = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {CLASSE} ')]"


@dataclass(frozen=True)
class Campo:
    """A fill-in field: its key (``data-campo``, may be empty) and its name."""

    chave: str
    rotulo: str


def marcar(chave: str, rotulo: str) -> str:
    """The markup of a fill-in field named ``rotulo`` (its initial text)."""
    return (
        f'<span class="{CLASSE}" {ATRIBUTO}="{escape(chave)}" '
        f'title="{escape(rotulo)}">{escape(rotulo, quote=False)}</span>'
    )


def _normal(texto: str) -> str:
    return " ".join((texto or "").replace("\xa0", " ").split())


def _raiz(html: str):
    """A parent element holding the fragment ``html`` (None when unparsable)."""
    if not (html or "").strip():
        return None
    try:
        return lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _campos(raiz) -> list:
    return raiz.xpath(_XPATH) if raiz is not None else []


def campos(html: str) -> list[Campo]:
    """Every fill-in field marked in ``html``, in document order."""
    return [_campo(el) for el in _campos(_raiz(html))]


def _campo(el) -> Campo:
    chave = (el.get(ATRIBUTO) or "").strip()
    rotulo = _normal(el.get("title") or "") or chave or _normal(el.text_content())
    return Campo(chave, rotulo)


def pendentes(html: str) -> list[Campo]:
    """The fields of ``html`` still unchanged (original text, or empty).

    The original text is the field's ``title``; without one, any text counts
    as filled and only an empty field is pending. Nested fields are judged
    each on its own. Names repeat once only.
    """
    resultado: list[Campo] = []
    for el in _campos(_raiz(html)):
        campo = _campo(el)
        texto = _normal(el.text_content())
        original = _normal(el.get("title") or "")
        if (not texto or texto == original) and campo not in resultado:
            resultado.append(campo)
    return resultado


def vazio(html: str) -> bool:
    """Whether ``html`` shows nothing: no text (spaces and ``&nbsp;`` aside),
    no image, no table."""
    raiz = _raiz(html)
    if raiz is None:
        return True
    if _normal(raiz.text_content()):
        return False
    return not raiz.xpath("//img | //table | //hr | //svg | //object")


def desmarcar(html: str) -> str:
    """``html`` without the fields' markup (their text kept in place).

    For the frozen rendering of a signed document: once every field is
    filled, the marker has no more use there.
    """
    if CLASSE not in (html or ""):
        return html
    raiz = _raiz(html)
    if raiz is None:
        return html
    for el in _campos(raiz):
        el.drop_tag()
    partes = [raiz.text or ""] if raiz.text else []
    partes += [lxml_html.tostring(filho, encoding="unicode") for filho in raiz]
    return "".join(partes)
