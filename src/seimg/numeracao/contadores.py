"""Conflict-free counters: NUP sequences, números SEI, document-type numbers.

Storage: an ``OOBTree`` of key -> :class:`Contador` at the attribute
``_seimg_contadores`` of a persistent *holder* (the Plone site in
production; :func:`instalar` creates it).

Allocation (:func:`alocar`, several sequences at once, or :func:`proximo`)
happens in a **separate ZODB connection** with its own transaction manager,
committed at once (one commit for every number a request needs) and retried on
``ConflictError`` (threads of one process take turns under a lock, so only
other processes can conflict): the request's transaction only reads, so two
requests creating processes at the same time never conflict on a counter,
and a number is never issued twice. If the request later aborts, its number is
simply lost (a gap): numbers are never reused (sei-domain.md §2.1).
:class:`Contador` deliberately has no ``_p_resolveConflict``: concurrent
increments must conflict and be retried, never be merged.

Allocation falls back to the holder's own connection (inside the current
transaction, so a concurrent request may get a ConflictError and be retried
by the publisher) when a separate connection cannot see the counters:

- the database is a ``DemoStorage`` (plone.app.testing layers), where a
  separate commit would outlive the test's abort;
- the holder is not committed yet (no ``_p_jar``/``_p_oid``, or a new oid);
- the tree is missing in the committed state: either the site was created
  before :func:`instalar` existed (the tree is then created here, in the
  current transaction) or it was installed in this very transaction.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.DemoStorage import DemoStorage
from ZODB.POSException import ConflictError
from ZODB.POSException import POSKeyError
import logging
import random
import threading
import time
import transaction


logger = logging.getLogger(__name__)

ATRIBUTO = "_seimg_contadores"
TENTATIVAS = 30

# Threads of one process take turns (a few ms each), so they never conflict
# with each other; conflicts remain possible only between processes (ZEO or
# RelStorage clients), and those are retried.
_TRAVA = threading.Lock()


class Contador(Persistent):
    """The last value issued by one sequence (no conflict resolution)."""

    def __init__(self, valor: int = 0):
        self.valor = valor


def instalar(holder) -> OOBTree:
    """Create the counters' tree on ``holder`` (idempotent); returns it."""
    base = aq_base(holder)
    arvore = getattr(base, ATRIBUTO, None)
    if arvore is None:
        arvore = OOBTree()
        setattr(base, ATRIBUTO, arvore)
    return arvore


def _arvore(holder) -> OOBTree | None:
    # aq_base: never acquire another holder's tree
    return getattr(aq_base(holder), ATRIBUTO, None)


def _incrementar(arvore: OOBTree, chave: str, passo: int = 1) -> int:
    contador = arvore.get(chave)
    if contador is None:
        contador = Contador()
        arvore[chave] = contador
    contador.valor += passo
    return contador.valor


def _incrementar_todos(arvore: OOBTree, passos: dict[str, int]) -> dict[str, int]:
    return {
        chave: _incrementar(arvore, chave, passo) for chave, passo in passos.items()
    }


def _ler(arvore: OOBTree | None, chave: str) -> int:
    contador = arvore.get(chave) if arvore is not None else None
    return contador.valor if contador is not None else 0


def _holder(holder):
    if holder is None:
        from plone import api

        holder = api.portal.get()
    return holder


def _separada(holder) -> bool:
    """Whether a separate connection may be used for ``holder``."""
    jar = getattr(aq_base(holder), "_p_jar", None)
    if jar is None or getattr(aq_base(holder), "_p_oid", None) is None:
        return False
    return not isinstance(jar.db().storage, DemoStorage)


class _Invisivel(Exception):
    """The separate connection does not see the holder or its counters."""


def _em_conexao_separada(holder, operacao):
    """Run ``operacao(arvore)`` in a new connection and commit at once,
    retrying on ConflictError; raises _Invisivel when the committed state
    has no holder or no tree."""
    base = aq_base(holder)
    db = base._p_jar.db()
    gerente = transaction.TransactionManager()
    conexao = db.open(transaction_manager=gerente)
    try:
        for tentativa in range(1, TENTATIVAS + 1):
            gerente.begin()
            try:
                try:
                    outro = conexao.get(base._p_oid)
                    arvore = _arvore(outro)
                except (POSKeyError, KeyError) as erro:
                    raise _Invisivel from erro
                if arvore is None:
                    raise _Invisivel
                resultado = operacao(arvore)
                gerente.commit()
                return resultado
            except ConflictError:
                gerente.abort()
                if tentativa == TENTATIVAS:
                    logger.warning("counter conflicts after %d tries", tentativa)
                    raise
                # exponential backoff with full jitter, at most 20 ms
                time.sleep(random.uniform(0, min(0.02, 0.001 * 2**tentativa)))
            except BaseException:
                gerente.abort()
                raise
    finally:
        conexao.close()


def separada(holder=None) -> bool:
    """Whether allocations on ``holder`` are committed apart from the request
    (False under a DemoStorage or before the counters are committed)."""
    return _separada(_holder(holder))


def alocar(passos: dict[str, int], holder=None) -> dict[str, int]:
    """Advance every sequence ``chave`` of ``passos`` by its ``passo`` (≥ 1)
    in **one** commit; returns each one's new last value.

    With a passo of 1 the value is the number issued; with more, the values
    ``novo - passo + 1 … novo`` are reserved for the caller (a block). Never
    reissued.
    """
    if not passos:
        return {}
    if any(passo < 1 for passo in passos.values()):
        raise ValueError(f"passos must be positive: {passos!r}")
    holder = _holder(holder)
    if _separada(holder):
        try:
            with _TRAVA:
                return _em_conexao_separada(
                    holder, lambda arvore: _incrementar_todos(arvore, passos)
                )
        except _Invisivel:
            logger.info(
                "counters not committed yet on %r: allocating %s in the "
                "current transaction",
                holder,
                ", ".join(passos),
            )
    arvore = _arvore(holder)
    if arvore is None:
        arvore = instalar(holder)
    return _incrementar_todos(arvore, passos)


def proximo(chave: str, holder=None) -> int:
    """The next value of sequence ``chave`` (the first is 1); never reissued."""
    return alocar({chave: 1}, holder)[chave]


def atual(chave: str, holder=None) -> int:
    """The last value issued by ``chave`` (0 if none); for display and tests."""
    holder = _holder(holder)
    local = _ler(_arvore(holder), chave)
    if _separada(holder):
        try:
            # read the committed state: the current transaction may be older
            comprometido = _em_conexao_separada(
                holder, lambda arvore: _ler(arvore, chave)
            )
        except _Invisivel:
            return local
        return max(local, comprometido)
    return local
