"""Refusals and missing objects, answered without leaking what was refused.

seimg's exception views for ``NotFound``, ``Unauthorized`` and
``Forbidden`` on requests that carry seimg's browser layer (other sites in
the same Zope keep Plone's and plone.rest's own views):

- an object the disclosure table hides from the viewer (:func:`.api.oculto`)
  is answered exactly as a never-existing path: the same status (404), the
  same body, no login challenge;
- a refusal (401/403) of an object whose existence the viewer may know never
  renders that object's layout, navigation, breadcrumbs or title: the page
  is a small standalone one, the same for every object;
- REST requests get ``{"error": {"type", "message"}}`` in Portuguese.

The user of a request refused during traversal is not authenticated yet
(Zope validates after traversing): it is identified here through PAS, to
tell a hidden object from a merely refused one.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.rest.interfaces import IAPIRequest
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import IDynamicType
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.divulgacao import api as divulgacao
from seimg.interfaces import ISeimgLayer
from zExceptions import Forbidden
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component import getGlobalSiteManager
from zope.i18n import translate
from zope.interface import implementedBy
from zope.interface import Interface
from zope.interface import providedBy
import json
import logging


logger = logging.getLogger("seimg.divulgacao")

NAO_ENCONTRADO = _(
    "recusa_nao_encontrado",
    default="The page you asked for does not exist, or was removed.",
)
ENTRAR = _(
    "recusa_entrar",
    default="Sign in to see this page.",
)
PROIBIDO = _(
    "recusa_proibido",
    default="You are not allowed to see this page.",
)


def _conteudo(parent):
    """The content object behind a traversed item (views, REST wrappers)."""
    for _i in range(4):
        if parent is None:
            return None
        if IDynamicType.providedBy(parent):
            # A clean acquisition chain (REST wrappers are in the traversed one).
            uid = IUUID(parent, None)
            return uuidToObject(uid, unrestricted=True) if uid else None
        parent = getattr(aq_base(parent), "context", None)
    return None


def usuario(request):
    """The request's user, identified through PAS even if not yet validated."""
    atual = getSecurityManager().getUser()
    if atual is not None and atual.getUserName() != "Anonymous User":
        return atual
    try:
        acl = api.portal.get_tool("acl_users")
        plugins = acl._getOb("plugins")
        for user_id, login in acl._extractUserIds(request, plugins):
            user = acl._findUser(plugins, user_id, login, request=request)
            if user is not None:
                return user.__of__(acl)
    except Exception:  # identification is best effort: treat as anonymous
        logger.exception("Could not identify the user of a refused request")
    return None


def _alvos(request) -> list:
    """Every content object among the traversed ones (any may be hidden)."""
    alvos = []
    for parent in request.get("PARENTS") or ():
        alvo = _conteudo(parent)
        if alvo is not None:
            alvos.append(alvo)
    return alvos


def oculto_para(request, user) -> bool:
    """True when what ``request`` reached is hidden from ``user`` (None: anonymous)."""
    alvos = _alvos(request)
    if not alvos:
        return False
    if user is None:  # the security manager is anonymous already
        return any(divulgacao.oculto(alvo) for alvo in alvos)
    with api.env.adopt_user(user=user):
        return any(divulgacao.oculto(alvo) for alvo in alvos)


_TIPOS = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound"}
_PROPRIOS = (
    implementedBy(NotFound),
    implementedBy(Unauthorized),
    implementedBy(Forbidden),
)


class RecusaView(BrowserView):
    """``index.html`` for NotFound, Unauthorized and Forbidden."""

    pagina = ViewPageTemplateFile("templates/recusa.pt")

    def __call__(self):
        if not ISeimgLayer.providedBy(self.request):
            return self._padrao()
        exc = self.context
        if isinstance(exc, NotFound):
            return self._nao_encontrado(exc)
        user = usuario(self.request)
        try:
            oculto = oculto_para(self.request, user)
        except Exception:  # fail closed: answer as for a missing object
            logger.exception("Could not tell whether a refused object is hidden")
            oculto = True
        if oculto:
            return self._nao_encontrado(exc)
        if isinstance(exc, Unauthorized) and user is None:
            return self._responder(exc, 401, ENTRAR)
        if isinstance(exc, Unauthorized):  # signed in, yet not allowed: 403
            self._sem_desafio(exc, 403)
        return self._responder(exc, 403, PROIBIDO, proprio=True)

    def _sem_desafio(self, exc, status):
        """Answer ``status`` instead of PAS's login challenge."""
        exc.setStatus(status)
        response = self.request.response
        response._unauthorized = lambda: None
        response._has_challenged = True

    def _padrao(self):
        """Plone's or plone.rest's view, for sites without seimg."""
        registry = getGlobalSiteManager().adapters
        for spec in implementedBy(type(self.context)).__sro__:
            if spec in _PROPRIOS:
                continue
            factory = registry.lookup(
                (spec, providedBy(self.request)), Interface, "index.html"
            )
            if factory is not None and factory is not type(self):
                view = factory(self.context, self.request)
                view.__parent__ = self.__parent__
                return view()
        return None

    def _nao_encontrado(self, exc):
        """The one answer of every missing or hidden object."""
        if isinstance(exc, Unauthorized):
            # No login challenge (PAS would redirect anonymous users to log in).
            self._sem_desafio(exc, 404)
        return self._responder(exc, 404, NAO_ENCONTRADO, tipo="NotFound")

    def responder(self, status: int, texto: str, tipo: str):
        """The standalone page (or JSON) with seimg's own Portuguese ``texto``."""
        return self._responder(self.context, status, texto, tipo=tipo)

    def _responder(self, exc, status, mensagem, tipo=None, proprio=False):
        response = self.request.response
        # Locked: plone.transformchain would set it from the exception again.
        response.setStatus(status, lock=1)
        if (self.request.get("REQUEST_METHOD") or "").upper() == "HEAD":
            # As Zope answers HEAD on a missing name (webdav's NullResource):
            # no body, so a hidden path and a missing one look the same.
            response.setHeader("Accept-Ranges", "none")
            return ""
        texto = translate(mensagem, context=self.request)
        if proprio and isinstance(exc, Forbidden) and getattr(exc, "seimg", False):
            texto = str(exc)  # seimg's own refusals carry a Portuguese reason
        if IAPIRequest.providedBy(self.request) or "json" in (
            self.request.getHeader("Accept", "") or ""
        ):
            response.setHeader("Content-Type", "application/json")
            if status in (401, 403):
                response._has_challenged = True  # no redirect to the login form
            return json.dumps(
                {"error": {"type": _TIPOS.get(status, tipo), "message": texto}}
            )
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        # No <base href> of the requested URL (Zope inserts one when Plone's
        # after-traversal hook did not run) and no theme or transforms: the
        # page is the same whatever was asked for.
        response.base = None
        self.request.environ["plone.transformchain.disable"] = True
        portal = api.portal.get()
        return self.pagina(
            status=status,
            mensagem=texto,
            portal_url=portal.absolute_url(),
            portal_title=portal.Title(),
        )
