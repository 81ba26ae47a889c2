"""Generating a Documento in the Classic UI.

- ``@@gerar?formato=pdf|odt|docx``: the file, as an attachment named after
  the document (``oficio-12-2026-cmvs-secretaria.pdf``); refusals and
  failures answer a page in Portuguese with their status (400, 403, 422,
  503); administrators also see which template statement failed;
- ``@@gerar-links``: the "Gerar documento" buttons of the document page,
  one per format its template offers (empty for who may not generate it).
"""

from Products.Five.browser import BrowserView
from seimg.geracao import documentos
from seimg.geracao import rendering
from seimg.geracao.rendering import GeracaoError
from zope.i18n import translate


class GerarView(BrowserView):
    """``@@gerar``: the document rendered with its tipo's template."""

    mensagem = ""
    detalhe = ""

    def __call__(self):
        try:
            gerado = documentos.gerar_do_pedido(self.context, self.request)
        except GeracaoError as error:
            return self.erro(error)
        return documentos.servir(gerado, self.request.response)

    def erro(self, error: GeracaoError) -> str:
        rendering.responder(error, self.request.response)
        self.mensagem = translate(error.message, context=self.request)
        if error.detail and documentos.detalhe_visivel():
            self.detalhe = error.detail
        return self.index()


class GerarLinksView(BrowserView):
    """``@@gerar-links``: the generation buttons shown on the document page."""

    _links = None

    def links(self) -> list[dict]:
        if self._links is None:
            self._links = self._calcular()
        return self._links

    def _calcular(self) -> list[dict]:
        if documentos.motivo_sem_acesso(self.context) is not None:
            return []
        url = self.context.absolute_url()
        return [
            {
                "formato": formato,
                "titulo": formato.upper(),
                "url": f"{url}/@@gerar?formato={formato}",
            }
            for formato in documentos.formatos_do_documento(self.context)
        ]

    def __call__(self):
        return self.index() if self.links() else ""
