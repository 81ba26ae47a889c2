"""``GET <documento>/@gerar?formato=pdf|odt|docx``: the document, generated.

Answers the file itself (``Content-Disposition: attachment``) rendered with
the document's tipo's template (:func:`seimg.geracao.documentos.gerar`), or
``{"error": {"type", "message"}}`` with 400 (format not offered), 401
(anonymous without access), 403 (no access to the document or its content),
422 (missing or broken template; administrators also get ``detalhe``, which
statement failed) or 503 (LibreOffice did not answer).
"""

from plone.restapi.services import Service
from seimg.geracao import documentos
from seimg.geracao.rendering import GeracaoError
from seimg.geracao.rendering import responder
from zope.i18n import translate
import json


class Gerar(Service):
    def render(self):
        self.check_permission()
        try:
            gerado = documentos.gerar_do_pedido(self.context, self.request)
        except GeracaoError as error:
            return self._erro(error)
        return documentos.servir(gerado, self.request.response)

    def _erro(self, error: GeracaoError) -> str:
        corpo = {
            "type": type(error).__name__,
            "message": translate(error.message, context=self.request),
        }
        if error.detail and documentos.detalhe_visivel():
            corpo["detalhe"] = error.detail
        response = self.request.response
        responder(error, response)
        response.setHeader("Content-Type", "application/json")
        return json.dumps({"error": corpo}, ensure_ascii=False)
