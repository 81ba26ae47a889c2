"""Serving the sealed PDF: ``@@pdf-assinado`` and ``GET <documento>/@pdf-assinado``.

Both need ``seimg: Acessar conteudo`` on the document and answer the PDF
inline (``application/pdf``, ``nosniff``); an unsigned or external document
answers 409 with a message, LibreOffice trouble 503 (see
:mod:`seimg.assinatura.pades`).
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from seimg.assinatura import pades
from seimg.geracao.rendering import GeracaoError
from seimg.geracao.rendering import responder
from zope.i18n import translate
from zope.interface import alsoProvides
import json


def _servir(documento, request) -> bytes:
    # Writing the cached PDF on GET is a derived cache, not a user change.
    alsoProvides(request, IDisableCSRFProtection)
    dados = pades.pdf_assinado(documento)
    response = request.response
    response.setHeader("Content-Type", "application/pdf")
    response.setHeader(
        "Content-Disposition", f'inline; filename="{pades.nome_arquivo(documento)}"'
    )
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader("Content-Length", str(len(dados)))
    response.setHeader("Cache-Control", "private, no-cache")
    return dados


class PdfAssinadoView(BrowserView):
    def __call__(self):
        try:
            return _servir(self.context, self.request)
        except (pades.PdfIndisponivel, GeracaoError) as error:
            responder(error, self.request.response)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(error.message, context=self.request)


class PdfAssinadoGet(Service):
    """The PDF itself (not JSON); errors as the usual JSON error body."""

    def render(self):
        self.check_permission()
        try:
            return _servir(self.context, self.request)
        except (pades.PdfIndisponivel, GeracaoError) as error:
            responder(error, self.request.response)
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(
                {
                    "error": {
                        "type": type(error).__name__,
                        "message": translate(error.message, context=self.request),
                    }
                }
            )

    def reply(self):  # pragma: no cover (render answers)
        raise NotImplementedError
