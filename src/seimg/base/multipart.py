"""A broken multipart body: 400 in seimg's shape, not ZPublisher's answer.

ZPublisher parses ``multipart/form-data`` before traversal, so its failures
are answered without seimg's layer: a Content-Type without ``boundary``
(``KeyError``, answered 503) and a truncated body, without its closing
delimiter (a BadRequest in plone.rest's English shape, or Zope's English
page). At publication start such a body is relabelled as opaque bytes, so
parsing does not fail; after traversal, requests to a seimg site are
refused with a 400 in seimg's shape, naming the header or the body.
"""

from plone.rest.interfaces import IAPIRequest
from seimg import _
from seimg.base.errors import InvalidInput
from seimg.interfaces import ISeimgLayer
import os
import re


_MARCA = "_seimg_multipart_invalido"
SEM_BOUNDARY = "sem_boundary"
TRUNCADO = "truncado"
_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_CAUDA = 1024


def _cauda(arquivo) -> bytes | None:
    """The last bytes of a seekable body (None when it cannot be read so)."""
    try:
        posicao = arquivo.tell()
        arquivo.seek(0, os.SEEK_END)
        tamanho = arquivo.tell()
        arquivo.seek(max(0, tamanho - _CAUDA))
        fim = arquivo.read(_CAUDA)
        arquivo.seek(posicao)
    except (AttributeError, OSError, ValueError):
        return None
    return fim


def rotular(event) -> None:
    """IPubStart: a multipart body without boundary, or without its closing
    delimiter (truncated), becomes opaque bytes, marked."""
    request = event.request
    tipo = request.environ.get("CONTENT_TYPE") or ""
    if not tipo.lower().lstrip().startswith("multipart/"):
        return
    achado = _BOUNDARY.search(tipo)
    if achado is None:
        problema = SEM_BOUNDARY
    else:
        boundary = (achado.group(1) or achado.group(2)).encode("latin-1", "replace")
        fim = _cauda(getattr(request, "stdin", None))
        if fim is None or b"--" + boundary + b"--" in fim:
            return
        problema = TRUNCADO
    request.environ["CONTENT_TYPE"] = "application/octet-stream"
    setattr(request, _MARCA, problema)


def recusar(event) -> None:
    """IPubAfterTraversal: on seimg sites, such a request is refused."""
    request = event.request
    problema = getattr(request, _MARCA, None)
    if not problema or not ISeimgLayer.providedBy(request):
        return
    if problema == SEM_BOUNDARY:
        campo, mensagem = (
            "Content-Type",
            _(
                "entrada_multipart_sem_boundary",
                default="Corpo multipart sem o parâmetro boundary no Content-Type.",
            ),
        )
    else:
        campo, mensagem = (
            "corpo",
            _(
                "entrada_multipart_truncado",
                default="Corpo multipart incompleto: falta o delimitador final. "
                "Envie o formulário de novo.",
            ),
        )
    erro = InvalidInput([(campo, mensagem)])
    html = "html" in (request.getHeader("Accept") or "")
    if html and not IAPIRequest.providedBy(request):
        # A browser's form: seimg's error page, in Portuguese.
        from zExceptions import BadRequest
        from zope.i18n import translate

        erro = BadRequest(translate(mensagem, context=request))
        erro.seimg = True
    raise erro
