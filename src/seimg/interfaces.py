"""Marker interfaces shared by every seimg package."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISeimgLayer(IDefaultBrowserLayer):
    """Browser layer installed with the seimg:default profile."""


class IProcesso(Interface):
    """Marker of a Processo (implemented by seimg.content.processo.Processo)."""


class IDocumentoBase(Interface):
    """Marker of anything numbered inside a Processo (Documento, DocumentoExterno)."""


class IDataPublicacao(Interface):
    """When a document became public (adapter of a document, provided by the
    signing code): ``data`` is its first signature's date (internal) or its
    registration's (external), a ``datetime.date`` in Brasília, or None."""
