"""Where a processo is open now and where it has been (the units' side of it).

The routing state of a process, kept on the process itself:

- ``_abertas``: unit UID → :class:`Abertura` for every unit where the process
  is open now (received or not, assigned user, retorno programado, when the
  unit last looked at it);
- ``_historico``: unit UID → when it was first open there (units keep read
  access to what they have seen);
- ``_sobrestamento``: a :class:`Sobrestamento` while the process is
  suspended, else None.

:mod:`seimg.tramitacao` builds the actions (enviar, receber, concluir…) on
these functions. Every change reindexes the process's security and its
routing indexes, since the local roles of :mod:`seimg.processos.roles` and
the Controle de Processos are computed from them.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from seimg.base.persistencia import atributo


ROUTING_INDEXES = (
    "unidades_abertas",
    "unidades_recebidas",
    "unidades_geradoras_abertas",
    "unidades_nao_recebidas",
    "atribuido_a",
    "retorno_programado",
    "aguardando_retorno",
    "sobrestado",
    "marcadores",
    "acompanhado_por",
)


def agora() -> datetime:
    return datetime.now(UTC)


class Abertura(Persistent):
    """The process as one unit has it open (one persistent object per unit)."""

    def __init__(self, unidade_uid: str, enviado_por: str | None = None):
        self.unidade = unidade_uid
        self.desde = agora()
        self.enviado_por = enviado_por  # UID of the sending unit; None: generated
        self.recebido_em = None if enviado_por else self.desde
        self.atribuido_a = None
        self.retorno_data: date | None = None
        self.retorno_para: str | None = None  # unit expecting it back
        self.visto_em = self.desde if enviado_por is None else None

    @property
    def recebido(self) -> bool:
        return self.recebido_em is not None


class Instante(Persistent):
    """A moment that only moves forward; concurrent updates keep the latest.

    Two documents added to one process at the same time both set it: the
    conflict resolves to the later moment instead of failing a request.
    """

    def __init__(self, valor: datetime | None = None):
        self.valor = valor

    def _p_resolveConflict(self, old, committed, new):
        valores = [s.get("valor") for s in (committed, new) if s.get("valor")]
        return {"valor": max(valores)} if valores else committed


class Sobrestamento(Persistent):
    def __init__(self, unidade_uid, motivo, usuario, processo_vinculado=None):
        self.unidade = unidade_uid
        self.motivo = motivo
        self.usuario = usuario
        self.processo_vinculado = processo_vinculado
        self.desde = agora()


def _tree(processo, name: str) -> OOBTree:
    tree = atributo(processo, name)
    if tree is None or not isinstance(tree, OOBTree):
        converted = OOBTree()
        if name == "_abertas":
            for uid in tree or ():  # early data: a list of UIDs
                converted[uid] = Abertura(uid)
        setattr(processo, name, converted)
        tree = converted
    return tree


def aberturas(processo) -> dict[str, Abertura]:
    """{unit UID: Abertura} of the units where the process is open."""
    return dict(_tree(processo, "_abertas").items())


def abertura(processo, unidade) -> Abertura | None:
    uid = unidade if isinstance(unidade, str) else unidade.UID()
    return _tree(processo, "_abertas").get(uid)


def unidades_abertas(processo) -> list[str]:
    """UIDs of the units where the process is open now."""
    return list(_tree(processo, "_abertas").keys())


def unidades_com_acesso(processo) -> list[str]:
    """UIDs of every unit where the process is or was open."""
    return list(_tree(processo, "_historico").keys())


def aberto_em(processo, unidade) -> bool:
    return unidade is not None and unidade.UID() in _tree(processo, "_abertas")


def passou_por(processo, unidade) -> bool:
    return unidade is not None and unidade.UID() in _tree(processo, "_historico")


def reindexar(processo) -> None:
    """Security and routing indexes after any change of the routing state."""
    processo.reindexObject(idxs=list(ROUTING_INDEXES))
    processo.reindexObjectSecurity()
    # Annexed processes are read by whoever reads their principal.
    from plone.app.uuid.utils import uuidToObject

    for uid in atributo(processo, "_anexos", ()):
        anexado = uuidToObject(uid, unrestricted=True)
        if anexado is not None:
            anexado.reindexObjectSecurity()


def iniciar(processo, unidade) -> None:
    """The generating unit has it open (called once, when the process is added)."""
    uid = unidade.UID()
    processo._abertas = OOBTree({uid: Abertura(uid)})
    processo._historico = OOBTree({uid: agora()})
    processo._sobrestamento = None
    processo._ultimo_documento = Instante()


def abrir_em(processo, unidade, enviado_por=None) -> Abertura:
    """Open the process in ``unidade`` (sent there by ``enviado_por``, a unit).

    Opening it again where it is already open keeps that unit's state.
    """
    uid = unidade.UID()
    abertas = _tree(processo, "_abertas")
    if uid not in abertas:
        remetente = enviado_por.UID() if enviado_por is not None else None
        abertas[uid] = Abertura(uid, enviado_por=remetente)
    historico = _tree(processo, "_historico")
    if uid not in historico:
        historico[uid] = agora()
    reindexar(processo)
    return abertas[uid]


def fechar_em(processo, unidade) -> None:
    uid = unidade.UID()
    abertas = _tree(processo, "_abertas")
    if uid in abertas:
        del abertas[uid]
        reindexar(processo)


def foi_enviado(processo) -> bool:
    """Has the process ever been open in a unit other than the generating one?"""
    geradora = processo.unidade_geradora
    return any(uid != geradora for uid in unidades_com_acesso(processo))


def sobrestamento(processo) -> Sobrestamento | None:
    return atributo(processo, "_sobrestamento")


# Catalog indexers read these (see seimg.processos.indexers).


def recebidas(processo) -> list[str]:
    """Units where it is open as received: sent there, or not generated there.

    The Controle de Processos lists these as *Recebidos*; the generating
    unit's own opening (never sent back to it) is *Gerados*.
    """
    geradora = atributo(processo, "unidade_geradora")
    return [
        uid
        for uid, a in _tree(processo, "_abertas").items()
        if a.enviado_por or uid != geradora
    ]


def geradora_aberta(processo) -> list[str]:
    """The generating unit, while it has its own opening (*Gerados*)."""
    recebidas_ = set(recebidas(processo))
    return [uid for uid in unidades_abertas(processo) if uid not in recebidas_]


def nao_recebidas(processo) -> list[str]:
    return [uid for uid, a in _tree(processo, "_abertas").items() if not a.recebido]


def atribuicoes(processo) -> list[str]:
    """``<unit UID>:<userid>`` of every assignment."""
    return [
        f"{uid}:{a.atribuido_a}"
        for uid, a in _tree(processo, "_abertas").items()
        if a.atribuido_a
    ]


def retornos(processo) -> list[str]:
    """``<unit UID>`` of units owing it back, for the retorno programado lists."""
    return [uid for uid, a in _tree(processo, "_abertas").items() if a.retorno_data]


def aguardando_retorno(processo) -> list[str]:
    """``<unit UID>`` of units waiting for the process to come back."""
    return sorted(
        {a.retorno_para for a in _tree(processo, "_abertas").values() if a.retorno_para}
    )


def marcar_documento_novo(processo) -> None:
    """A document was added now (the "novo documento" flag of each unit)."""
    instante = atributo(processo, "_ultimo_documento")
    if instante is None:
        instante = processo._ultimo_documento = Instante()
    instante.valor = agora()


def ultimo_documento_em(processo) -> datetime | None:
    instante = atributo(processo, "_ultimo_documento")
    return instante.valor if instante is not None else None
