"""Where a processo is open now and where it has been (the units' side of it).

Issue "Tramitação" builds enviar/receber/concluir on these functions. Every
change reindexes the process's security, since the local roles of
:mod:`seimg.processos.roles` are computed from these sets.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList


def _agora():
    return datetime.now(UTC)


def unidades_abertas(processo) -> list[str]:
    """UIDs of the units where the process is open now."""
    return list(getattr(processo, "_abertas", None) or ())


def unidades_com_acesso(processo) -> list[str]:
    """UIDs of every unit where the process is or was open."""
    historico = getattr(processo, "_historico", None)
    return list(historico.keys()) if historico is not None else []


def aberto_em(processo, unidade) -> bool:
    return unidade is not None and unidade.UID() in unidades_abertas(processo)


def passou_por(processo, unidade) -> bool:
    return unidade is not None and unidade.UID() in unidades_com_acesso(processo)


def iniciar(processo, unidade) -> None:
    """The generating unit has it open (called once, when the process is added)."""
    processo._abertas = PersistentList([unidade.UID()])
    processo._historico = OOBTree({unidade.UID(): _agora()})


def abrir_em(processo, unidade) -> None:
    uid = unidade.UID()
    if uid not in processo._abertas:
        processo._abertas.append(uid)
    if uid not in processo._historico:
        processo._historico[uid] = _agora()
    processo.reindexObjectSecurity()


def fechar_em(processo, unidade) -> None:
    uid = unidade.UID()
    if uid in processo._abertas:
        processo._abertas.remove(uid)
        processo.reindexObjectSecurity()


def foi_enviado(processo) -> bool:
    """Has the process ever been open in a unit other than the generating one?"""
    return any(
        uid != processo.unidade_geradora for uid in unidades_com_acesso(processo)
    )
