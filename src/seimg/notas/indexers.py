"""Catalog indexers of the per-unit notes (see seimg.notas)."""

from plone.indexer import indexer
from seimg.interfaces import IProcesso
from seimg.notas import api as unidade


@indexer(IProcesso)
def marcadores(processo):
    """``"<unit UID>:<marcador id>"`` of every unit's tag on the process."""
    return unidade.marcadores_indexados(processo)


@indexer(IProcesso)
def acompanhado_por(processo):
    """UIDs of the units that keep the process on their watch list."""
    return unidade.acompanhado_por(processo)
