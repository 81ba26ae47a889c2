"""Catalog indexers of processos (only what listings and searches filter on)."""

from plone.indexer import indexer
from seimg.interfaces import IProcesso
from seimg.processos import tramite


@indexer(IProcesso)
def nivel_acesso_efetivo(processo):
    return processo.nivel_efetivo


@indexer(IProcesso)
def unidades_abertas(processo):
    return tramite.unidades_abertas(processo)


@indexer(IProcesso)
def unidades_nao_recebidas(processo):
    return tramite.nao_recebidas(processo)


@indexer(IProcesso)
def atribuido_a(processo):
    return tramite.atribuicoes(processo)


@indexer(IProcesso)
def retorno_programado(processo):
    return tramite.retornos(processo)


@indexer(IProcesso)
def aguardando_retorno(processo):
    return tramite.aguardando_retorno(processo)


@indexer(IProcesso)
def sobrestado(processo):
    return tramite.sobrestamento(processo) is not None


@indexer(IProcesso)
def unidade_geradora(processo):
    return processo.unidade_geradora
