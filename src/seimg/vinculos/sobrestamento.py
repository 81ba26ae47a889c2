"""Sobrestar: suspend a process in the acting unit, and resume it.

``_sobrestamento`` (a :class:`seimg.processos.tramite.Sobrestamento` while
suspended) and ``_periodos_sobrestado`` (``(inicio, fim)`` of every past
suspension) on the process.
"""

from datetime import datetime
from datetime import timedelta
from persistent.list import PersistentList
from seimg import _
from seimg import andamentos
from seimg.base.persistencia import atributo
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from seimg.vinculos.comum import _motivo
from seimg.vinculos.comum import _usuario
from seimg.vinculos.comum import resolver_processo


# -- sobrestamento ---------------------------------------------------------------


def sobrestado(processo) -> bool:
    return tramite.sobrestamento(processo) is not None


def periodos_sobrestado(processo) -> list[tuple[datetime, datetime | None]]:
    """``(inicio, fim)`` of every suspension; ``fim`` None for the current one."""
    periodos = [tuple(p) for p in atributo(processo, "_periodos_sobrestado", ())]
    atual = tramite.sobrestamento(processo)
    if atual is not None:
        periodos.append((atual.desde, None))
    return periodos


def tempo_sobrestado(processo, ate: datetime | None = None) -> timedelta:
    """Total suspended time (the current suspension counted up to ``ate``)."""
    ate = ate or tramite.agora()
    total = timedelta()
    for inicio, fim in periodos_sobrestado(processo):
        total += (fim or ate) - inicio
    return total


def sobrestar(processo, motivo: str, processo_vinculado=None) -> None:
    """Suspend ``processo``: only when it is open in the acting unit alone."""
    unidade = regras.exigir_aberto(processo)
    motivo = _motivo(motivo)
    if sobrestado(processo):
        raise proibido(
            _(
                "sobrestar_ja_sobrestado",
                default="The process ${numero} is already suspended.",
                mapping={"numero": processo.numero},
            )
        )
    if tramite.unidades_abertas(processo) != [unidade.UID()]:
        raise proibido(
            _(
                "sobrestar_aberto_em_outras",
                default="The process ${numero} is also open in other units: it can "
                "only be suspended when open in your unit alone.",
                mapping={"numero": processo.numero},
            )
        )
    vinculado = None
    if processo_vinculado not in (None, ""):
        vinculado = resolver_processo(processo_vinculado, "processo_vinculado")
        if vinculado.UID() == processo.UID():
            raise invalido(
                _(
                    "sobrestar_vinculado_proprio",
                    default="processo_vinculado: a process cannot be linked to itself.",
                )
            )
    processo._sobrestamento = tramite.Sobrestamento(
        unidade.UID(),
        motivo,
        _usuario(),
        processo_vinculado=vinculado.UID() if vinculado is not None else None,
    )
    atributos = {"motivo": motivo}
    if vinculado is not None:
        atributos["processo_vinculado"] = vinculado.numero
    andamentos.registrar(processo, "sobrestamento", unidade=unidade, **atributos)
    tramite.reindexar(processo)


def remover_sobrestamento(processo) -> None:
    unidade = regras.exigir_aberto(processo)
    atual = tramite.sobrestamento(processo)
    if atual is None:
        raise proibido(
            _(
                "sobrestamento_inexistente",
                default="The process ${numero} is not suspended.",
                mapping={"numero": processo.numero},
            )
        )
    periodos = atributo(processo, "_periodos_sobrestado")
    if periodos is None:
        periodos = processo._periodos_sobrestado = PersistentList()
    periodos.append((atual.desde, tramite.agora()))
    processo._sobrestamento = None
    andamentos.registrar(processo, "sobrestamento_removido", unidade=unidade)
    tramite.reindexar(processo)
