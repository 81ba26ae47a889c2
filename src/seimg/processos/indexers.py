"""Catalog indexers of processos (only what listings and searches filter on)."""

from plone.indexer import indexer
from seimg.interfaces import IProcesso


@indexer(IProcesso)
def nivel_acesso_efetivo(processo):
    return processo.nivel_efetivo
