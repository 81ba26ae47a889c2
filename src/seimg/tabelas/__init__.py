"""Tabelas: the catalogs administrators edit.

Tipos de processo, tipos de documento (séries), hipóteses legais, assuntos
(classification plan) and tipos de conferência, plus each órgão's contatos
(interessados), and the vocabularies built from them.

Everything lives in ``/tabelas/<pasta>`` (see :data:`PASTAS`); this module
offers the look-ups other packages need: :func:`obter` and :func:`por_titulo`.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.CMFCore.utils import getToolByName


TABELAS_FOLDER = "tabelas"

#: Folder id inside ``/tabelas`` → the one type it holds.
PASTAS = {
    "tipos-processo": "TipoProcesso",
    "tipos-documento": "TipoDocumento",
    "hipoteses-legais": "HipoteseLegal",
    "assuntos": "Assunto",
    "tipos-conferencia": "TipoConferencia",
    "contatos": "Contato",
}

_TIPOS = frozenset(PASTAS.values())

TIPOS_TABELA = (
    "TipoProcesso",
    "TipoDocumento",
    "HipoteseLegal",
    "Assunto",
    "TipoConferencia",
)


def pasta(portal_type: str):
    """The folder that holds ``portal_type`` items, or None before install."""
    portal = api.portal.get()
    tabelas = portal.get(TABELAS_FOLDER)
    if tabelas is None:
        return None
    for folder_id, tipo in PASTAS.items():
        if tipo == portal_type:
            return tabelas.get(folder_id)
    return None


#: The request's memo of :func:`obter` (seimg.base.pedido), by UID; forgotten
#: when a table changes (versao.tabela_mudou).
OBTIDOS = "seimg.tabelas.obtidos"


# (site path, tables token) -> {UID: path} of every table item, any state
_CAMINHOS: dict[tuple, dict[str, str]] = {}


def _caminhos(portal) -> dict[str, str] | None:
    """Where each table item lives, kept per Zope process until a table
    changes (seimg.tabelas.versao); None on a site without the token."""
    from seimg.tabelas.versao import token

    atual = token(portal)
    if atual is None:
        return None
    chave = (portal.getPhysicalPath(), atual)
    caminhos = _CAMINHOS.get(chave)
    if caminhos is None:
        catalog = getToolByName(portal, "portal_catalog")
        caminhos = {
            brain.UID: brain.getPath()
            for brain in catalog.unrestrictedSearchResults(portal_type=list(_TIPOS))
        }
        _CAMINHOS.clear()  # older tokens are never asked again
        _CAMINHOS[chave] = caminhos
    return caminhos


def obter(uid: str | None):
    """The table item (or any content) with this UID, unrestricted; or None.

    Table items are found by their path (kept per process until a table
    changes) instead of a catalog search, and kept for the rest of the
    request: a request asks the same few (the process's type, the
    document's type, hipóteses) many times.
    """
    if not uid:
        return None
    from seimg.base.pedido import memo

    obtidos = memo(OBTIDOS)
    obj = obtidos.get(uid)
    if obj is not None:
        return obj
    from zope.component.hooks import getSite

    portal = getSite()  # None at a commit outside a site (indexing queue)
    caminho = (_caminhos(portal) or {}).get(uid) if portal is not None else None
    if caminho is not None:
        obj = portal.unrestrictedTraverse(caminho, None)
        if obj is None or getattr(obj, "UID", lambda: None)() != uid:
            obj = None  # moved within this transaction: ask the catalog
    if obj is None:
        obj = uuidToObject(uid, unrestricted=True)
    if getattr(obj, "portal_type", None) in _TIPOS:
        obtidos[uid] = obj
    return obj


def por_titulo(portal_type: str, title: str):
    """The first item of ``portal_type`` whose title is exactly ``title``.

    Unrestricted and regardless of state; None when there is none. Meant for
    tests, the demo and seeding, not for user input (titles are not unique).
    """
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
        if brain.Title == title:
            return brain._unrestrictedGetObject()
    return None
