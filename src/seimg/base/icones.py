"""Plone's icons (Bootstrap icons through ``@@iconresolver``) for seimg's pages.

Icons never carry meaning alone: each sits beside its text, so the SVG is
hidden from assistive technology. The markup is resolved once per name and
process (the files are static and the resolver reads them from disk).
"""

from plone import api


_ICONES: dict[str, str] = {}


def icone(nome: str, request=None) -> str:
    """Inline SVG of the icon ``nome``, ``aria-hidden``, class ``seimg-icone``."""
    tag = _ICONES.get(nome)
    if tag is None:
        portal = api.portal.get()
        resolver = api.content.get_view(
            "iconresolver", portal, request if request is not None else portal.REQUEST
        )
        tag = resolver.tag(nome, tag_class="seimg-icone")
        tag = tag.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
        _ICONES[nome] = tag
    return tag
