"""``/processos``' own class: adding a process does not write the folder.

Plone re-catalogues a container on every addition and removal
(``plone.dexterity.content.reindexOnModify`` on the
``IContainerModifiedEvent``), and re-cataloguing stamps its modification
date: every new process wrote the ``processos`` folder object itself, which
has no conflict resolution, so concurrent creations anywhere in the
installation conflicted on it and were retried (issue 20: p99 12 s with 8
clients). :class:`PastaProcessos` is a plain ``Folder`` that skips that
re-cataloguing while a process is added or removed: the additions write
only the folder's BTrees (``_tree``, ``_mt_index``: inserts in a bucket
merge) and ``Length`` counter, whose conflicts resolve. Edits of the folder
itself are catalogued as before.

:func:`adotar` gives an existing folder this class (the profile, upgrade
step 1025).
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from contextlib import contextmanager
from plone.app.contenttypes.content import Folder


class PastaProcessos(Folder):
    """The folder of every Processo (portal_type ``Folder``)."""

    _v_seimg_filhos = False

    @contextmanager
    def _filhos(self):
        """While a process is added, removed or renamed (these nest: a
        rename removes and adds)."""
        anterior = self._v_seimg_filhos
        self._v_seimg_filhos = True
        try:
            yield
        finally:
            self._v_seimg_filhos = anterior

    def _setObject(self, id, object, *args, **kw):
        with self._filhos():
            return super()._setObject(id, object, *args, **kw)

    def _delObject(self, id, *args, **kw):
        with self._filhos():
            return super()._delObject(id, *args, **kw)

    def manage_renameObject(self, id, new_id, *args, **kw):
        # plone.api's create adds under a temporary id, then renames
        with self._filhos():
            return super().manage_renameObject(id, new_id, *args, **kw)

    def reindexObject(self, idxs=[]):  # noqa: B006 (CMF's signature)
        if self._v_seimg_filhos:
            return  # a process added or removed: nothing of the folder changed
        return super().reindexObject(idxs)


def adotar(pasta) -> bool:
    """Give the ``processos`` folder :class:`PastaProcessos` (in place: same
    object, id, UID, permissions); True when it changed."""
    base = aq_base(pasta)
    if isinstance(base, PastaProcessos):
        return False
    base.__class__ = PastaProcessos
    if getattr(base, "_p_jar", None) is not None:
        base._p_changed = True  # its record names the new class
        # The parent's reference names the class too (a ghost is made of
        # the class its referrer names): store it again.
        aq_base(aq_parent(pasta))._tree[base.getId()] = base
    return True
