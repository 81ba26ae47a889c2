"""The Controle de Processos' own index: each unit's lists, already in order.

The catalog answers "which processes are open in this unit" well, but
sorting them costs a key per result, and the intersections with
``portal_type`` and security walk sets as large as the installation. This
index keeps, per unit and per list, the processes in the default order
(newest first), so a page costs the same at 100,000 processes as at 1,000:
the page's keys are read from the front of a tree, the total from a
counter.

Layout (on the site, attribute :data:`ATRIBUTO`)::

    OOBTree  unit UID → OOBTree  list name → OOBTree key → (container path,
                                                            the Processo)
                                 list name + "#" → BTrees.Length (its size)

The value reaches the process without the catalog or the processos folder
(whose buckets a page would otherwise read one per row as the installation
grows): a page loads the same objects at 100,000 processes as at 1,000.

List names are those of :data:`LISTAS`, plus ``":sigiloso"`` for sigiloso
processes (kept apart: only credential holders see them, so they are
checked one by one; every other process in a unit's list is readable by the
unit's members, see :mod:`seimg.processos.roles`). A key is
:func:`chave` — ``(-created µs, número, UID)`` — plus, in
``retornos_aguardando``, the UID of the unit owing the return (one row per
owing unit).

Every structure resolves concurrent writes: the trees are BTrees (inserts
in different buckets merge), the counters are ``Length`` objects. Nothing
is stored on the process: :func:`atualizar` finds a process's current
entries by its key prefix in the lists of the units it went through.

It is kept by :func:`atualizar` on :class:`seimg.processos.interfaces.
IRoteamentoAlterado` (every routing change, and sigiloso-ness changes) and
on removal; :func:`calcular` is the same answer computed from the routing
state; :func:`reconstruir` rebuilds it (``make controle-reconstruir``, the
console script ``seimg-controle``, and upgrade step 1012).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from plone import api
from seimg.nivel_acesso import niveis
from seimg.processos import tramite
import heapq
import logging
import transaction


logger = logging.getLogger("seimg.controle")

ATRIBUTO = "_seimg_controle"

LISTAS = (
    "recebidos",
    "gerados",
    "retornos_devolver",
    "retornos_aguardando",
    "sobrestados",
)
SIGILOSO = ":sigiloso"
NOMES = tuple(n + s for n in LISTAS for s in ("", SIGILOSO))
FIM = "\uffff"


def raiz(portal=None) -> OOBTree | None:
    """The index, or None when this site has not built it (then the
    Controle de Processos reads the catalog; also outside a site)."""
    from Acquisition import aq_base
    from zope.component.hooks import getSite

    portal = portal if portal is not None else getSite()
    return getattr(aq_base(portal), ATRIBUTO, None) if portal is not None else None


def chave(processo) -> tuple:
    """The process's key: newest first, then by número."""
    return (-processo.created().micros(), processo.numero or "", processo.UID())


def calcular(processo) -> set[tuple]:
    """``{(unit UID, list name, key)}`` the routing state puts ``processo`` in.

    The same rules as the catalog queries of :func:`seimg.controle.api.
    consulta`.
    """
    if getattr(processo, "portal_type", None) != "Processo":
        return set()
    base = chave(processo)
    sufixo = (
        SIGILOSO if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO else ""
    )
    sobrestado = tramite.sobrestamento(processo) is not None
    abertas = tramite.unidades_abertas(processo)
    recebidas = set(tramite.recebidas(processo))
    devedoras = set(tramite.retornos(processo))
    result = set()
    for uid in abertas:
        if sobrestado:
            lista = "sobrestados"
        else:
            lista = "recebidos" if uid in recebidas else "gerados"
        result.add((uid, lista + sufixo, base))
        if uid in devedoras:
            result.add((uid, "retornos_devolver" + sufixo, base))
    for devido in tramite.retornos_pendentes(processo):
        result.add(
            (devido.credora, "retornos_aguardando" + sufixo, (*base, devido.devedora))
        )
    return result


def _listas(indice: OOBTree, uid: str) -> OOBTree:
    listas = indice.get(uid)
    if listas is None:
        listas = indice[uid] = OOBTree()
    return listas


def _arvore(listas: OOBTree, nome: str) -> OOBTree:
    arvore = listas.get(nome)
    if arvore is None:
        arvore = listas[nome] = OOBTree()
        listas[nome + "#"] = Length()
    return arvore


def _unidades(processo, entradas) -> set[str]:
    """Units whose lists may hold ``processo``: every unit it went through."""
    return set(tramite.unidades_com_acesso(processo)) | {u for u, _n, _k in entradas}


def valor(processo) -> tuple:
    """What a key points at: the process and where it lives."""
    return (aq_parent(aq_inner(processo)).getPhysicalPath(), aq_base(processo))


def _sincronizar(indice, processo, entradas: set, unidades) -> None:
    base = chave(processo)
    apontado = None
    fim = (*base, FIM)
    for uid in unidades:
        listas = indice.get(uid)
        for nome in NOMES:
            arvore = listas.get(nome) if listas is not None else None
            atuais = set(arvore.keys(base, fim)) if arvore is not None else set()
            queridas = {k for u, n, k in entradas if u == uid and n == nome}
            if atuais == queridas:
                continue  # nothing written
            if arvore is None:
                listas = _listas(indice, uid)
                arvore = _arvore(listas, nome)
            contador = listas[nome + "#"]
            for k in atuais - queridas:
                del arvore[k]
                contador.change(-1)
            for k in queridas - atuais:
                if apontado is None:
                    apontado = valor(processo)
                arvore[k] = apontado
                contador.change(1)


def atualizar(processo) -> None:
    """Bring ``processo``'s entries in step with its routing state."""
    indice = raiz()
    if indice is None:
        return
    entradas = calcular(processo)
    _sincronizar(indice, processo, entradas, _unidades(processo, entradas))


def remover(processo) -> None:
    """``processo`` leaves every list (it was deleted)."""
    indice = raiz()
    if indice is None or getattr(processo, "portal_type", None) != "Processo":
        return
    _sincronizar(indice, processo, set(), _unidades(processo, set()))


def ao_alterar(event) -> None:
    """Subscriber of :class:`IRoteamentoAlterado`."""
    atualizar(event.object)


def ao_remover(processo, event) -> None:
    """Subscriber of a Processo's ``IObjectRemovedEvent``."""
    remover(processo)


# Reading -------------------------------------------------------------------


def tamanho(listas, nome: str) -> int:
    contador = listas.get(nome + "#") if listas is not None else None
    return contador() if contador is not None else 0


def processo_de(listas, lista: str, k: tuple, portal):
    """The (acquisition-wrapped) process of key ``k`` in ``lista``, or None."""
    for nome in (lista, lista + SIGILOSO):
        arvore = listas.get(nome)
        apontado = arvore.get(k) if arvore is not None else None
        if apontado is not None:
            caminho, processo = apontado
            container = portal.unrestrictedTraverse(caminho, None)
            return processo.__of__(container) if container is not None else None
    return None


def chaves(unidade_uid: str, lista: str, visivel) -> tuple[int, object, object]:
    """``(total, iterator of keys in order, listas)`` of a unit's list.

    ``visivel(key)`` is asked only of sigiloso processes (each is read);
    the others are counted by their ``Length``.
    """
    indice = raiz()
    listas = indice.get(unidade_uid) if indice is not None else None
    if listas is None:
        return 0, iter(()), None
    publicos = listas.get(lista)
    sigilosos = [k for k in listas.get(lista + SIGILOSO, ()) if visivel(k)]
    total = tamanho(listas, lista) + len(sigilosos)
    if not sigilosos:
        return total, iter(publicos if publicos is not None else ()), listas
    return total, heapq.merge(publicos or (), sigilosos), listas


# Building ------------------------------------------------------------------


def conteudo(indice: OOBTree) -> set[tuple]:
    """Every ``(unit, list name, key)`` the index holds (for checks)."""
    result = set()
    for uid, listas in indice.items():
        for nome, arvore in listas.items():
            if not nome.endswith("#"):
                for k, (_caminho, processo) in arvore.items():
                    result.add((uid, nome, k))
                    if processo.UID() != k[2]:
                        result.add((uid, nome, k, "processo errado"))
                if len(arvore) != listas[nome + "#"]():
                    result.add((uid, nome + "#", "contador errado"))
    return result


def _processos(portal):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Processo"):
        try:
            yield brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue


def esperado(portal=None) -> set[tuple]:
    """Every entry the routing state of every process calls for."""
    result = set()
    for processo in _processos(portal):
        result |= calcular(processo)
    return result


def reconstruir(portal=None, lote: int = 500) -> int:
    """Build the index anew from every process's routing state.

    Also stores a pre-1012 process's retornos in their own tree. Returns how
    many processes were read; keeps memory flat with a savepoint every
    ``lote`` processes.
    """
    portal = portal if portal is not None else api.portal.get()
    indice = OOBTree()
    contagem = 0
    for processo in _processos(portal):
        tramite.migrar_retornos(processo)
        apontado = valor(processo)
        for uid, nome, k in calcular(processo):
            listas = _listas(indice, uid)
            _arvore(listas, nome)[k] = apontado
            listas[nome + "#"].change(1)
        contagem += 1
        if contagem % lote == 0:
            transaction.savepoint(optimistic=True)
            portal._p_jar.cacheGC()
            logger.info("Controle de Processos: %d processes read", contagem)
    setattr(portal, ATRIBUTO, indice)
    return contagem


def criar_vazio(portal) -> None:
    """A new site (no processes yet) starts with an empty index."""
    if raiz(portal) is None:
        setattr(portal, ATRIBUTO, OOBTree())
