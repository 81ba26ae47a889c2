"""One error shape for seimg's REST endpoints (see the package docstring).

``{"error": {"type": ..., "message": ..., "campos": [{"campo", "mensagem"}]}}``
— ``campos`` only for invalid input. Messages are Portuguese.
"""

from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.erros import InvalidInput
from seimg.interfaces import ISeimgLayer
from zExceptions import BadRequest
from zExceptions import HTTPRedirection
from zExceptions import NotFound
from zope.component import getGlobalSiteManager
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import directlyProvidedBy
from zope.interface import implementedBy
from zope.interface import Interface
from zope.interface.declarations import Declaration
import json
import logging


logger = logging.getLogger("seimg.rest")


def body(tipo: str, mensagem: str, campos=None) -> dict:
    erro = {"type": tipo, "message": mensagem}
    if campos:
        erro["campos"] = campos
    return {"error": erro}


def invalid_input_body(exc: InvalidInput, request) -> dict:
    campos = [
        {"campo": campo, "mensagem": translate(mensagem, context=request)}
        for campo, mensagem in exc.campos
    ]
    if exc.mensagem is not None:
        mensagem = translate(exc.mensagem, context=request)
    else:
        mensagem = "; ".join(f"{c['campo']}: {c['mensagem']}" for c in campos)
    tipo = exc.tipo or ("ValidationError" if exc.status == 422 else "BadRequest")
    return body(tipo, mensagem, campos)


def respond(request, status: int, data: dict) -> dict:
    """Set ``status`` and return ``data`` (services return their body)."""
    request.response.setStatus(status)
    return data


# Exceptions → (status, type, message) for API requests on seimg sites.
_GENERICAS = {
    400: ("BadRequest", _("erro_400", default="Pedido inválido.")),
    405: (
        "MethodNotAllowed",
        _("erro_405", default="Este endereço não aceita esse método."),
    ),
    409: ("Conflict", _("erro_409", default="Conflito com o estado atual do item.")),
    413: (
        "RequestEntityTooLarge",
        _("erro_413", default="O pedido é grande demais."),
    ),
    415: (
        "UnsupportedMediaType",
        _("erro_415", default="Tipo de conteúdo não aceito."),
    ),
}
_INTERNO = (
    "InternalError",
    _(
        "erro_500",
        default="Erro interno. O problema foi registrado; tente de novo mais tarde.",
    ),
)
_NAO_COPIAVEL = _(
    "erro_copia",
    default="Este item não pode ser copiado, movido nem renomeado.",
)
_CORPO_INVALIDO = _(
    "erro_corpo_invalido",
    default="O corpo do pedido não é JSON válido.",
)


def _recurso_nulo(exc) -> bool:
    try:
        from webdav.common import Conflict
    except ImportError:  # pragma: no cover - webdav ships with Zope
        return False
    return isinstance(exc, Conflict)


def _de_seimg(exc) -> bool:
    """Raised by seimg's code (whose refusals are written in Portuguese)."""
    if getattr(exc, "seimg", False):
        return True
    quadro = exc.__traceback__
    while quadro is not None and quadro.tb_next is not None:
        quadro = quadro.tb_next
    modulo = quadro.tb_frame.f_globals.get("__name__", "") if quadro else ""
    return modulo.startswith("seimg.")


def _classificar(exc) -> tuple[int, str, object]:
    from OFS.CopySupport import CopyError
    from plone.restapi.exceptions import DeserializationError

    if isinstance(exc, DeserializationError):
        return 400, "BadRequest", _CORPO_INVALIDO
    if isinstance(exc, CopyError):
        # OFS refuses to copy or move what the user may not (plone.restapi's
        # @copy and @move let it through): a refusal, not a failure.
        return 403, "Forbidden", _NAO_COPIAVEL
    status = getattr(exc, "status", None)
    if not isinstance(status, int):
        # zExceptions: HTTPException subclasses carry their code as errmsg/
        # getStatus(); other exceptions are internal errors.
        obter = getattr(exc, "getStatus", None)
        status = obter() if callable(obter) else 500
    if status in _GENERICAS:
        tipo, mensagem = _GENERICAS[status]
        if _de_seimg(exc) and str(exc):
            mensagem = str(exc)  # seimg's own refusals carry a Portuguese reason
        return status, tipo, mensagem
    if 400 <= status < 500:
        if _de_seimg(exc) and str(exc):
            return status, type(exc).__name__, str(exc)
        return status, type(exc).__name__, _GENERICAS[400][1]
    return 500, *_INTERNO


def _recusa(exc, request):
    """seimg's refusal page (registered by seimg.divulgacao for ``NotFound``
    on seimg's layer) for ``exc``: found by lookup, as base imports no
    feature package."""
    factory = type(getMultiAdapter((NotFound(), request), name="index.html"))
    return factory(exc, request)


class ErrorView(BrowserView):
    """``index.html`` for exceptions on seimg sites: JSON in seimg's shape for
    API requests; anything else is handed to the view that answers without
    seimg's layer (Plone's page, plone.rest's JSON on other sites)."""

    def __call__(self):
        exc = self.context
        request = self.request
        if ISeimgLayer.providedBy(request) and _recurso_nulo(exc):
            # webdav's null resource (a write below a missing path): answered
            # exactly as a missing path, which a hidden one also gets.
            view = _recusa(NotFound(), request)
            view.__parent__ = self.__parent__
            return view()
        if not ISeimgLayer.providedBy(request) or isinstance(exc, HTTPRedirection):
            return self._sem_seimg()
        if (
            not IAPIRequest.providedBy(request)
            and isinstance(exc, BadRequest)
            and getattr(exc, "seimg", False)
        ):
            # seimg's refusal of a Classic UI form: its Portuguese reason on
            # seimg's standalone page.
            view = _recusa(exc, request)
            view.__parent__ = self.__parent__
            return view.responder(400, str(exc), "BadRequest")
        if not IAPIRequest.providedBy(request) and not isinstance(exc, InvalidInput):
            return self._sem_seimg()  # seimg's own input errors are always JSON
        if isinstance(exc, InvalidInput):
            status, data = exc.status, invalid_input_body(exc, request)
        else:
            status, tipo, mensagem = _classificar(exc)
            if status >= 500:
                logger.error("Erro interno em %s", request.getURL(), exc_info=exc)
            data = body(tipo, translate(mensagem, context=request))
        response = request.response
        response.setHeader("Content-Type", "application/json")
        espera = getattr(exc, "retry_after", None)
        if espera:
            response.setHeader("Retry-After", str(espera))
        response.setStatus(status, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True
        return None

    def _sem_seimg(self):
        """The view the exception gets on a request without seimg's layer."""
        pedido = Declaration(
            *[i for i in directlyProvidedBy(self.request) if i is not ISeimgLayer],
            implementedBy(type(self.request)),
        )
        registry = getGlobalSiteManager().adapters
        for spec in implementedBy(type(self.context)).__sro__:
            factory = registry.lookup((spec, pedido), Interface, "index.html")
            if factory is not None and factory is not type(self):
                view = factory(self.context, self.request)
                view.__parent__ = self.__parent__
                return view()
        return None
