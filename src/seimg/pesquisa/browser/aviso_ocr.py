"""The OCR line of a document page: "texto reconhecido por OCR".

A content provider (``provider:seimg.aviso_ocr`` in the document pane of
:mod:`seimg.processos`, which cannot import this package): one line under
the document's content telling that its searchable text was recognised by
OCR (and may hold errors), or that recognition is under way or failed.
Nothing for documents without OCR, nor for viewers who may not read the
content.
"""

from html import escape
from plone import api
from seimg import _
from seimg.pesquisa import arquivos
from zope.contentprovider.interfaces import IContentProvider
from zope.i18n import translate
from zope.interface import implementer


CONTEUDO = "seimg: Acessar conteudo do documento"

MENSAGENS = {
    arquivos.CONCLUIDO: _(
        "ocr_texto_reconhecido",
        default="Text recognised by OCR: the search finds this document by the "
        "words read in its images, which may contain errors.",
    ),
    arquivos.PENDENTE: _(
        "ocr_pendente",
        default="Recognising the text in this document's images (OCR): until "
        "it ends, the search does not find it by its content.",
    ),
    arquivos.ERRO: _(
        "ocr_erro",
        default="The text in this document's images could not be recognised "
        "(OCR): the search does not find it by its content.",
    ),
}


@implementer(IContentProvider)
class AvisoOcr:
    def __init__(self, context, request, view):
        self.context = context
        self.request = request
        self.__parent__ = view

    def situacao(self) -> str | None:
        if self.context.portal_type != "DocumentoExterno":
            return None
        if not api.user.has_permission(CONTEUDO, obj=self.context):
            return None
        situacao = arquivos.situacao_ocr(self.context)
        if situacao == arquivos.CONCLUIDO and not arquivos.texto(self.context)[1]:
            return None
        return situacao

    def update(self):
        pass

    def render(self) -> str:
        situacao = self.situacao()
        mensagem = MENSAGENS.get(situacao)
        if mensagem is None:
            return ""
        return (
            f'<p class="seimg-aviso-ocr small text-muted" id="seimg-texto-ocr"'
            f' data-ocr="{escape(situacao)}">'
            f"{escape(translate(mensagem, context=self.request))}</p>"
        )
