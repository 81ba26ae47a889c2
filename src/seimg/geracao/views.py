"""seimg's ``@@document-generation``: collective.documentgenerator, made safe.

Same view and URL as collective.documentgenerator's (registered for seimg's
browser layer), with three changes: template errors always raise (never
written into the document), every rendering is stripped of comments before
LibreOffice loads it, and each conversion runs on a reserved worker of
seimg's pool (:mod:`.pool`: restarted and retried once when it fails); what
still fails is answered with a clear message and status instead of a 500.
"""

from collective.documentgenerator.browser.generation_view import (
    DocumentGenerationView as BaseDocumentGenerationView,
)
from collective.documentgenerator.interfaces import PODTemplateNotFoundError
from seimg import _
from seimg.geracao import odf
from seimg.geracao import pool
from seimg.geracao import rendering
from zope.i18n import translate


class DocumentGenerationView(BaseDocumentGenerationView):
    def __call__(self, template_uid="", output_format="", **kwargs):
        try:
            return super().__call__(template_uid, output_format, **kwargs)
        except PODTemplateNotFoundError:
            error = rendering.ModeloNaoEncontrado(
                _(
                    "geracao_modelo_nao_encontrado",
                    default="Template not found: say which template "
                    "(doc_uid) and format (output_format) to generate.",
                )
            )
        except rendering.GeracaoError as caught:
            error = caught
        response = self.request.response
        rendering.responder(error, response)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        response.setHeader("Content-Disposition", "inline")
        return translate(error.message, context=self.request)

    def gerar(self, pod_template, output_format: str) -> bytes:
        """Render ``pod_template`` on the context and return the file's bytes.

        No response headers are set and errors are raised (``GeracaoError``):
        for callers that answer themselves (:mod:`seimg.geracao.documentos`).
        """
        self.pod_template = pod_template
        self.output_format = output_format
        dados, _nome, contexto = self._generate_doc(pod_template, output_format)
        renderer = getattr(contexto.get("view"), "appy_renderer", None)
        erros = getattr(renderer, odf.ERROS_ATTR, None)
        if erros:  # statements appy could not parse (it does not raise on those)
            raise rendering.template_error(Exception(" | ".join(erros)))
        return dados

    def _render_document(
        self, pod_template, output_format, sub_documents, raiseOnError=False, **kwargs
    ):
        kwargs["finalizeFunction"] = odf.strip_annotations
        kwargs["loPool"] = pool.AppyLoPool()
        parent = super()._render_document
        return rendering.render(
            lambda: parent(
                pod_template, output_format, sub_documents, raiseOnError=True, **kwargs
            )
        )
