"""What seimg's REST services share."""

from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


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
