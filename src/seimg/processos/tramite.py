"""Where a processo is open now and where it has been (the units' side of it).

The routing state of a process, kept on the process itself:

- ``_abertas``: unit UID → :class:`Abertura` for every unit where the process
  is open now (received or not, assigned user, retorno programado, when the
  unit last looked at it);
- ``_historico``: unit UID → when it was first open there (units keep read
  access to what they have seen);
- ``_sobrestamento``: a :class:`Sobrestamento` while the process is
  suspended, else None;
- ``_retornos``: (owing unit UID, expecting unit UID) → :class:`Retorno` for
  every retorno programado still owed. It outlives the owing unit's opening:
  a unit that concludes the process without sending it back still owes it.

:mod:`seimg.tramitacao` builds the actions (enviar, receber, concluir…) on
these functions. Every change reindexes the process's security and its
routing indexes, since the local roles of :mod:`seimg.processos.roles` and
the Controle de Processos are computed from them, and notifies
:class:`RoteamentoAlterado` (the Controle de Processos keeps its per-unit
lists from it).
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from seimg.base.persistencia import atributo
from seimg.processos.interfaces import IRoteamentoAlterado
from zope.event import notify
from zope.interface import implementer


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
        self.visto_em = self.desde if enviado_por is None else None

    # Before 1012 the retorno programado lived here (see :class:`Retorno`);
    # older pickles still carry these, read only by :func:`_retornos_tree`.
    retorno_data: date | None = None
    retorno_para: str | None = None

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


class Retorno(Persistent):
    """A retorno programado owed by ``devedora`` to ``credora`` by ``data``."""

    avisado_em: date | None = None  # last reminder e-mail

    def __init__(self, devedora: str, credora: str, data: date):
        self.devedora = devedora
        self.credora = credora
        self.data = data
        self.desde = agora()


@implementer(IRoteamentoAlterado)
class RoteamentoAlterado:
    """The routing state of ``processo`` may have changed (after reindexing)."""

    def __init__(self, processo):
        self.object = processo


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
    notify(RoteamentoAlterado(processo))
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
    processo._retornos = OOBTree()
    processo._ultimo_documento = Instante()
    notify(RoteamentoAlterado(processo))


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


def _retornos_tree(processo, gravar: bool = False) -> OOBTree:
    """The ``_retornos`` tree; before 1012 the retornos lived on the aberturas.

    Reading such a process derives the tree without writing; ``gravar``
    (an action about to change retornos, or the upgrade) stores it and
    clears the old fields.
    """
    tree = atributo(processo, "_retornos")
    if isinstance(tree, OOBTree):
        return tree
    tree = OOBTree()
    for uid, a in _tree(processo, "_abertas").items():
        data, para = a.__dict__.get("retorno_data"), a.__dict__.get("retorno_para")
        if data and para:
            tree[(uid, para)] = Retorno(uid, para, data)
        if gravar and ("retorno_data" in a.__dict__ or "retorno_para" in a.__dict__):
            a.__dict__.pop("retorno_data", None)
            a.__dict__.pop("retorno_para", None)
            a._p_changed = True
    if gravar:
        processo._retornos = tree
    return tree


def migrar_retornos(processo) -> None:
    """Store a pre-1012 process's retornos in ``_retornos`` (upgrade 1012)."""
    _retornos_tree(processo, gravar=True)


def retornos_pendentes(processo) -> list[Retorno]:
    """Every retorno programado still owed, by date then owing unit."""
    return sorted(
        _retornos_tree(processo).values(), key=lambda r: (r.data, r.devedora, r.credora)
    )


def retorno(processo, devedora: str, credora: str) -> Retorno | None:
    return _retornos_tree(processo).get((devedora, credora))


def devidos_por(processo, devedora: str) -> list[Retorno]:
    """The retornos ``devedora`` (a unit UID) owes, by date."""
    return [r for r in retornos_pendentes(processo) if r.devedora == devedora]


def programar_retorno(processo, devedora: str, credora: str, data: date) -> Retorno:
    """``devedora`` owes the process back to ``credora`` by ``data``."""
    tree = _retornos_tree(processo, gravar=True)
    atual = tree.get((devedora, credora))
    if atual is None:
        atual = tree[(devedora, credora)] = Retorno(devedora, credora, data)
    else:
        atual.data = data
        atual.desde = agora()
        atual.avisado_em = None
    return atual


def remover_retorno(processo, devedora: str, credora: str) -> Retorno | None:
    """Remove the retorno (fulfilled or cancelled); the removed one or None."""
    tree = _retornos_tree(processo, gravar=True)
    return tree.pop((devedora, credora), None)


def retornos(processo) -> list[str]:
    """``<unit UID>`` of units owing it back, for the retorno programado lists."""
    return sorted({devedora for devedora, _credora in _retornos_tree(processo)})


def aguardando_retorno(processo) -> list[str]:
    """``<unit UID>`` of units waiting for the process to come back."""
    return sorted({credora for _devedora, credora in _retornos_tree(processo)})


def marcar_documento_novo(processo) -> None:
    """A document was added now (the "novo documento" flag of each unit)."""
    instante = atributo(processo, "_ultimo_documento")
    if instante is None:
        instante = processo._ultimo_documento = Instante()
    instante.valor = agora()


def ultimo_documento_em(processo) -> datetime | None:
    instante = atributo(processo, "_ultimo_documento")
    return instante.valor if instante is not None else None
