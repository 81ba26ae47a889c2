"""Serving the files of documents (``IDocumentoBase``) safely.

``@@arquivo`` streams ``context.arquivo``; seimg's overrides of plone.namedfile's
``@@download`` and ``@@display-file`` apply the same rules to every file field
of a document:

- a cancelled document (workflow state ``cancelado``) answers 410 Gone with a
  Portuguese page, to everyone, Managers included;
- only PDF and raster images (PNG, JPEG, GIF) are served inline, with
  ``Content-Security-Policy: sandbox``; everything else is an attachment
  (``@@download`` is always an attachment);
- ``X-Content-Type-Options: nosniff``, the stored (sniffed) content type, never
  one a browser would run (HTML, SVG, JavaScript become
  ``application/octet-stream``), and the stored file name in an RFC 6266
  ``Content-Disposition`` (``filename*=UTF-8''…``); a file name given in the
  URL is ignored.
"""

from plone import api
from plone.namedfile import browser as namedfile
from plone.namedfile.interfaces import INamedFile
from plone.namedfile.utils import extract_media_type
from plone.namedfile.utils import get_contenttype
from plone.namedfile.utils import safe_basename
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.arquivos.validacao import OCTET
from seimg.arquivos.validacao import PERIGOSOS
from urllib.parse import quote
from zope.i18n import translate
from zope.publisher.interfaces import NotFound
import json
import re
import unicodedata


CAMPO = "arquivo"
ESTADO_CANCELADO = "cancelado"

# What may be shown in the browser; a subset of plone.namedfile's allow-list
# (no text/plain, SVG, WebP, icons or JPEG 2000).
INLINE_MIMETYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif")
assert set(INLINE_MIMETYPES) <= set(namedfile.ALLOWED_INLINE_MIMETYPES)


def cancelado(context) -> bool:
    """Whether the document's content must no longer be served."""
    return api.content.get_state(obj=context, default=None) == ESTADO_CANCELADO


def tipo_servido(file) -> str:
    """The Content-Type to send: the stored type, never one a browser runs."""
    mime = extract_media_type(get_contenttype(file)) or OCTET
    return OCTET if mime in PERIGOSOS else mime


def inline(file) -> bool:
    """Whether the file may be displayed by the browser instead of saved."""
    return tipo_servido(file) in INLINE_MIMETYPES


def nome_visivel(file) -> str | None:
    """The file's name as the viewer may read it: CPFs masked for anonymous
    visitors (a file name is free text, divulgacao.md)."""
    from plone import api
    from seimg.base.dados_pessoais import mascarar_texto

    nome = getattr(file, "filename", None)
    if nome and api.user.is_anonymous():
        return mascarar_texto(nome)
    return nome


def content_disposition(disposicao: str, filename: str | None) -> str:
    """RFC 6266: an ASCII ``filename`` fallback and the UTF-8 ``filename*``."""
    nome = safe_basename(filename or "") or CAMPO
    nome = re.sub(r"[\x00-\x1f\x7f]", "_", nome)
    ascii_ = unicodedata.normalize("NFKD", nome).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r'["\\%]', "_", ascii_).strip() or CAMPO
    return (
        f'{disposicao}; filename="{ascii_}"; '
        f"filename*=UTF-8''{quote(nome.encode('utf-8'), safe='')}"
    )


class Download(namedfile.Download):
    """``@@download[/campo]`` of a document: always an attachment."""

    mostrar_inline = False
    cancelado_template = ViewPageTemplateFile("templates/cancelado.pt")

    def publishTraverse(self, request, name):
        if self.fieldname is not None and self.filename is not None:
            raise NotFound(self, name, request)
        return super().publishTraverse(request, name)

    def __call__(self):
        if cancelado(self.context):
            return self.gone()
        file = self._getFile()
        self.set_headers(file)
        request_range = self.handle_request_range(file)
        return stream_data(file, **request_range)

    def _getFile(self):
        file = super()._getFile()
        if not INamedFile.providedBy(file):
            raise NotFound(self, self.fieldname, self.request)
        return file

    def set_headers(self, file):
        response = self.request.response
        set_headers(file, response, canonical=self.get_canonical(file))
        mostrar = self.mostrar_inline and inline(file)
        response.setHeader("Content-Type", tipo_servido(file))
        response.setHeader(
            "Content-Disposition",
            content_disposition(
                "inline" if mostrar else "attachment", nome_visivel(file)
            ),
        )
        response.setHeader("X-Content-Type-Options", "nosniff")
        if mostrar:
            response.setHeader("Content-Security-Policy", "sandbox")
        # Restricted content: never kept by shared caches.
        response.setHeader("Cache-Control", "private, no-cache")

    def gone(self) -> str:
        """410 Gone: the Portuguese page, or a JSON error for REST clients."""
        response = self.request.response
        response.setStatus(410)
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Cache-Control", "private, no-cache")
        if "application/json" in (self.request.getHeader("Accept") or ""):
            response.setHeader("Content-Type", "application/json")
            mensagem = _(
                "arquivo_cancelado_texto",
                default="This document was cancelled: its content is no longer "
                "available.",
            )
            erro = {
                "type": "Gone",
                "message": translate(mensagem, context=self.request),
            }
            return json.dumps({"error": erro})
        return self.cancelado_template()


class DisplayFile(Download):
    """``@@display-file[/campo]`` of a document: inline only when safe."""

    mostrar_inline = True


class ArquivoView(DisplayFile):
    """``@@arquivo``: the document's uploaded file (``context.arquivo``)."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.fieldname = CAMPO

    def get_canonical(self, file):
        return f"{self.context.absolute_url()}/@@arquivo"
