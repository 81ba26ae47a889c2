"""CMFUid's id generator, on seimg's conflict-free counter, on seimg sites only.

CMFEditions gives every versioned object a history id from
``portal_uidgenerator``, whose ``__call__`` increments an integer on the
tool itself: every first version of a document in concurrent requests
writes the same object, and under load requests fail with ConflictError
(measured by tests/numeracao/test_concorrencia_http.py). On a seimg site
(one whose root holds seimg's counters) the ids come from the counter
``cmfuid``, offset by the value the tool had reached, which is never written
again: ids stay unique, and allocation no longer conflicts.

They are reserved in blocks of :data:`BLOCO` per process (one side commit per
block, not per id): ids are unique but not in creation order across
processes, and a block's unused ids are lost at restart — CMFEditions only
needs them unique. Other sites in the same Zope keep CMFUid's own
generator: nothing of seimg runs for their writes.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.Length import Length
from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool
import threading
import weakref


CHAVE = "cmfuid"
BLOCO = 100

_original = UniqueIdGeneratorTool.__call__
_trava = threading.Lock()
# database -> {portal oid: [next id, last id reserved]}
_blocos: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _seimg(portal) -> bool:
    from seimg.numeracao.contadores import ATRIBUTO

    return getattr(aq_base(portal), ATRIBUTO, None) is not None


def _proximo_id(self):
    from seimg import numeracao
    from seimg.numeracao import contadores

    portal = aq_parent(aq_inner(self))
    if not _seimg(portal):
        return _original(self)
    base = self._uid_counter
    if isinstance(base, Length):
        base = base()
    if not contadores.separada(portal):
        # DemoStorage (tests) or counters not committed yet: in the request
        return int(base) + numeracao.proximo(CHAVE, holder=portal)
    db = aq_base(portal)._p_jar.db()
    with _trava:
        do_banco = _blocos.setdefault(db, {})
        bloco = do_banco.get(aq_base(portal)._p_oid)
        if bloco is None or bloco[0] > bloco[1]:
            ultimo = numeracao.alocar({CHAVE: BLOCO}, holder=portal)[CHAVE]
            bloco = [ultimo - BLOCO + 1, ultimo]
            do_banco[aq_base(portal)._p_oid] = bloco
        valor = bloco[0]
        bloco[0] += 1
    return int(base) + valor


def aplicar() -> None:
    """Install the replacement (idempotent); called when seimg is imported."""
    if getattr(UniqueIdGeneratorTool.__call__, "_seimg", False):
        return
    _proximo_id._seimg = True
    _proximo_id.__doc__ = UniqueIdGeneratorTool.__call__.__doc__
    UniqueIdGeneratorTool.__call__ = _proximo_id
