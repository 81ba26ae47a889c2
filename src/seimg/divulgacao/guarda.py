"""Every page of a process, document or contato asks the disclosure table.

Zope checks the permission of the *published* view only, and many views
(Plone's ``@@title``, ``@@description``, ``@@sitemap``, ``@@sendto_form``…)
are public: published on a sigiloso process they would render its title,
especificação or layout. After traversal, when the user is known, this
subscriber looks at the object the request reached and answers:

- as a never-existing path (``NotFound``) when the table hides the object
  from the viewer (:func:`seimg.divulgacao.api.oculto`);
- ``Unauthorized`` when the viewer may know it exists but may not View it;

whatever view or service was asked for. The refusal views of
:mod:`.recusa` then answer without rendering the object.
"""

from Acquisition import aq_base
from plone import api
from plone.rest.interfaces import IAPIRequest
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.interfaces import ISeimgLayer
from zExceptions import NotFound
from zExceptions import Unauthorized


def _item_seimg(parent):
    """The seimg item (processo, documento, contato) a traversed object is."""
    from seimg.tabelas.contato import IContato

    for _i in range(4):
        if parent is None:
            return None
        if (
            IProcesso.providedBy(parent)
            or IDocumentoBase.providedBy(parent)
            or IContato.providedBy(parent)
        ):
            return parent
        parent = getattr(aq_base(parent), "context", None)  # views, REST wrappers
    return None


def itens(request) -> list:
    """Every seimg item among the traversed objects, innermost first."""
    encontrados = []
    for parent in request.get("PARENTS") or ():
        item = _item_seimg(parent)
        if item is not None and all(item is not outro for outro in encontrados):
            encontrados.append(item)
    return encontrados


def alvo(request):
    """The innermost seimg item among the traversed objects, or None."""
    encontrados = itens(request)
    return encontrados[0] if encontrados else None


#: Views and services of add-ons that export every field of the items below
#: the context, bypassing the disclosure table (collective.excelexport comes
#: with collective.documentgenerator); seimg does not offer them.
EXPORTADORES = frozenset({"collective.excelexport", "collective.excelexportcsv"})


def _nome_publicado(request) -> str:
    """The last traversed name (``@@view``, ``@service``), without the @s."""
    passos = getattr(request, "steps", None) or []
    return (passos[-1] if passos else "").lstrip("@")


def verificar(event) -> None:
    """IPubAfterTraversal: hidden → NotFound; not viewable → Unauthorized."""
    request = event.request
    if not ISeimgLayer.providedBy(request):
        return
    if _nome_publicado(request) in EXPORTADORES:
        raise NotFound()
    encontrados = itens(request)
    if not encontrados:
        return
    from seimg.divulgacao import api as divulgacao

    # Every item on the way counts: reaching a público process *through* a
    # hidden one (acquisition, /<sigiloso>/<público>) must not tell that the
    # hidden one exists.
    if any(divulgacao.oculto(item) for item in encontrados):
        raise NotFound()
    item = encontrados[0]
    if not api.user.has_permission("View", obj=item):
        raise Unauthorized()


#: The methods seimg serves; any other (WebDAV, OPTIONS but for CORS
#: preflight, made-up ones such as QUERY) gets one fixed 404: left to Zope,
#: they answer a missing path differently from a hidden one, or fail (500).
METODOS_SERVIDOS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})
#: Served only to REST requests (plone.rest's IAPIRequest): otherwise Zope
#: answers them as WebDAV (creating null resources) or fails (500).
SO_PELA_API = frozenset({"PUT", "PATCH", "DELETE"})


def recusar_metodos(site, event) -> None:
    """IBeforeTraverseEvent of a site: other methods get one fixed 404.

    Answered before any content is traversed, so every path of a seimg site,
    hidden, missing or visible, gets the same answer. CORS preflights
    (``Access-Control-Request-Method``) go on to plone.rest.
    """
    from plone.browserlayer.interfaces import ILocalBrowserLayerType

    request = event.request
    metodo = (request.get("REQUEST_METHOD") or "").upper()
    if metodo in METODOS_SERVIDOS and not (
        metodo in SO_PELA_API and not IAPIRequest.providedBy(request)
    ):
        return
    if metodo == "OPTIONS" and request.getHeader("Access-Control-Request-Method"):
        return
    gerenciador = site.getSiteManager()
    if gerenciador.queryUtility(ILocalBrowserLayerType, name="seimg") is None:
        return
    from zope.interface import alsoProvides

    alsoProvides(request, ISeimgLayer)  # seimg's 404 page, whatever the order
    raise NotFound()
