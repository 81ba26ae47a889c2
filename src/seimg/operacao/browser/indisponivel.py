"""The exception view of a database that went down while publishing.

Registered for the database-unavailable errors (``seimg.base.postgresql``)
on every request, with or without seimg's layer: the same 503, Portuguese
message and ``Retry-After`` as the WSGI filter ``seimg.deploy.banco`` gives
when the database is already down before publishing. Nothing was written:
the request's transaction is aborted by the publisher.
"""

from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from seimg.base import postgresql


class BancoIndisponivel(BrowserView):
    def __call__(self):
        request = self.request
        json_ = IAPIRequest.providedBy(request) or "application/json" in (
            request.getHeader("Accept") or ""
        )
        causa = postgresql.causa_indisponivel(self.context) or self.context
        status, cabecalhos, corpo = postgresql.resposta_indisponivel(causa, json_)
        response = request.response
        for nome, valor in cabecalhos:
            if nome != "Content-Length":
                response.setHeader(nome, valor)
        response.setStatus(int(status.split()[0]), lock=1)
        response.setBody(corpo, lock=1)
        response._has_challenged = True
        return None
