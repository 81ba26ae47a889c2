"""CMFUid's id generator, on seimg's conflict-free counter.

CMFEditions gives every versioned object a history id from
``portal_uidgenerator``, whose ``__call__`` increments an integer on the
tool itself: every first version of a document in concurrent requests
writes the same object, and under load requests fail with ConflictError
(measured by tests/numeracao/test_concorrencia_http.py). seimg replaces that
increment with :func:`seimg.numeracao.contadores.proximo`, offset by the
value the tool had reached, which is never written again: ids stay unique
and increasing, and allocation no longer conflicts.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.Length import Length
from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool


CHAVE = "cmfuid"


def _proximo_id(self):
    from seimg.numeracao.contadores import proximo

    base = self._uid_counter
    if isinstance(base, Length):
        base = base()
    portal = aq_parent(aq_inner(self))
    return int(base) + proximo(CHAVE, holder=portal)


def aplicar() -> None:
    """Install the replacement (idempotent); called when seimg is imported."""
    if getattr(UniqueIdGeneratorTool.__call__, "_seimg", False):
        return
    _proximo_id._seimg = True
    _proximo_id.__doc__ = UniqueIdGeneratorTool.__call__.__doc__
    UniqueIdGeneratorTool.__call__ = _proximo_id
