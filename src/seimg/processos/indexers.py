"""Catalog indexers of processos (only what listings and searches filter on)."""

from plone.indexer import indexer
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.processos import tramite


@indexer(IProcesso)
def nivel_acesso_efetivo(processo):
    return processo.nivel_efetivo


@indexer(IProcesso)
def unidades_abertas(processo):
    return tramite.unidades_abertas(processo)


@indexer(IProcesso)
def unidades_recebidas(processo):
    return tramite.recebidas(processo)


@indexer(IProcesso)
def unidades_geradoras_abertas(processo):
    return tramite.geradora_aberta(processo)


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


def _classificacao_expira(obj):
    from seimg.nivel_acesso import classificacao

    fim = classificacao.expira_em(obj)
    if fim is None:
        raise AttributeError("classificacao_expira")  # not indexed
    return fim


@indexer(IProcesso)
def classificacao_expira_processo(processo):
    return _classificacao_expira(processo)


@indexer(IDocumentoBase)
def classificacao_expira_documento(documento):
    return _classificacao_expira(documento)


def _titulo(uid) -> str:
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    return item.title if item is not None else ""


def _interessados_indexaveis(processo) -> list[str]:
    """Names of interessados anyone who finds the process may see.

    Never a CPF or e-mail. Natural persons and MEI only when the tipo de
    processo says its interessados are public (the disclosure table's row
    for anonymous viewers); legal persons by name.
    """
    from seimg.tabelas import obter
    from seimg.tabelas.contato import FISICA

    tipo = obter(processo.tipo_processo)
    publicos = bool(getattr(tipo, "interessados_publicos", False))
    nomes = []
    for uid in processo.interessados or ():
        contato = obter(uid)
        if contato is None:
            continue
        fisica = getattr(contato, "tipo_pessoa", FISICA) == FISICA or getattr(
            contato, "empresario_individual", False
        )
        if publicos or not fisica:
            nomes.append(getattr(contato, "nome", None) or "")
    return nomes


@indexer(IProcesso)
def processo_searchable_text(processo):
    """Words of a process, without its number nor any CPF.

    Numbers are found through the ``numero`` field index. Leaving them out
    of the full-text index matters: every new NUP would add new words to the
    lexicon, and concurrent creations conflict on the lexicon's buckets.
    CPF-shaped numbers with valid digits are personal data: never indexed.
    """
    from seimg.base.dados_pessoais import sem_cpfs

    partes = [sem_cpfs(processo.especificacao), _titulo(processo.tipo_processo)]
    partes += [_titulo(uid) for uid in processo.assuntos or ()]
    partes += _interessados_indexaveis(processo)
    return " ".join(p for p in partes if p)


@indexer(IDocumentoBase)
def documento_searchable_text(documento):
    """Type, addressees and sender of a document (not its numbers, nor its
    body: the body is searched through seimg.pesquisa, which matches it only
    for those who may read the content — a View permission on the document
    is not that — and indexes it once, not twice)."""
    partes = [_titulo(documento.tipo_documento)]
    partes += list(getattr(documento, "destinatarios", None) or ())
    partes.append(getattr(documento, "remetente", None) or "")
    from seimg.base.dados_pessoais import sem_cpfs

    return sem_cpfs(" ".join(p for p in partes if p))
