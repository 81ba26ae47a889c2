"""A multipart body without its boundary: 400, not ZPublisher's 503.

ZPublisher parses ``multipart/form-data`` before traversal and fails on a
Content-Type without ``boundary`` (``KeyError``, answered 503). At
publication start such a body is relabelled as opaque bytes, so parsing
does not fail; after traversal, requests to a seimg site are refused with
a 400 in seimg's shape, naming the header.
"""

from seimg import _
from seimg.interfaces import ISeimgLayer
from seimg.rest.errors import InvalidInput


_MARCA = "_seimg_multipart_sem_boundary"


def rotular(event) -> None:
    """IPubStart: a multipart Content-Type without boundary becomes opaque."""
    request = event.request
    tipo = request.environ.get("CONTENT_TYPE") or ""
    if tipo.lower().lstrip().startswith("multipart/") and "boundary=" not in tipo:
        request.environ["CONTENT_TYPE"] = "application/octet-stream"
        setattr(request, _MARCA, True)


def recusar(event) -> None:
    """IPubAfterTraversal: on seimg sites, such a request is refused."""
    request = event.request
    if getattr(request, _MARCA, False) and ISeimgLayer.providedBy(request):
        raise InvalidInput(
            [
                (
                    "Content-Type",
                    _(
                        "entrada_multipart_sem_boundary",
                        default="Corpo multipart sem o parâmetro boundary no "
                        "Content-Type.",
                    ),
                )
            ]
        )
