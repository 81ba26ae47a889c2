"""What seimg's REST services share."""

from datetime import date
from datetime import datetime
from plone.restapi.services import Service
from seimg.base import reader
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
import plone.protect.interfaces


@implementer(IPublishTraverse)
class ServicoComParametros(Service):
    """A service taking path segments: ``@nome/<a>/<b>`` → ``self.params``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


def error(request, status: int, type_: str, message, **extra) -> dict:
    """An error answer in seimg's shape; sets the response status."""
    request.response.setStatus(status)
    body = {"type": type_, "message": translate(message, context=request)}
    body.update(extra)
    return {"error": body}


def como_json(valor):
    """Datetimes as ISO strings, recursively."""
    if isinstance(valor, (datetime, date)):
        return valor.isoformat()
    if isinstance(valor, dict):
        return {k: como_json(v) for k, v in valor.items()}
    if isinstance(valor, (list, tuple)):
        return [como_json(v) for v in valor]
    return valor


class ServicoAcao(Service):
    """Runs :meth:`executar` with the request body; refusals become JSON.

    ``campos``: the body's fields (others are refused); None: no body.
    """

    status = 200
    campos: frozenset = frozenset()

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            result = self.executar(reader.read_object(self.request, self.campos))
        except (BadRequest, Forbidden) as exc:
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(status)
            return {"error": {"type": type(exc).__name__, "message": str(exc)}}
        self.request.response.setStatus(self.status)
        return como_json(result)

    def executar(self, data: dict):  # pragma: no cover - abstract
        raise NotImplementedError
