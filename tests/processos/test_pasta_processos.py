"""``/processos`` is not written when a process is added (issue 20).

Plone re-catalogued the folder, stamping its modification date, on every
addition: every new process wrote that one object, and concurrent creations
conflicted on it (bench/bench_concorrencia.py). Upgrade step 1025 gives an
existing folder the class that skips it.
"""

from Acquisition import aq_base
from plone.app.contenttypes.content import Folder
from Products.CMFCore.indexing import processQueue
from seimg.content.pasta import PastaProcessos
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo


def _catalogado(portal, pasta):
    catalogo = portal.portal_catalog
    (brain,) = catalogo.unrestrictedSearchResults(UID=pasta.UID())
    return brain.modified


def test_adding_a_process_does_not_write_the_folder(portal):
    pasta = portal["processos"]
    assert type(aq_base(pasta)) is PastaProcessos
    modificada = pasta.modified()
    catalogada = _catalogado(portal, pasta)
    assert not aq_base(pasta)._p_changed
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
    processQueue()
    assert processo.getId() in pasta
    assert not aq_base(pasta)._p_changed
    assert pasta.modified() == modificada
    assert _catalogado(portal, pasta) == catalogada
    # edits of the folder itself are still catalogued
    pasta.reindexObject()
    processQueue()
    assert pasta.modified() > modificada


def test_upgrade_1025_gives_the_folder_its_class(portal):
    from seimg.upgrades import v1025

    pasta = portal["processos"]
    uid, ids = pasta.UID(), set(pasta.objectIds())
    aq_base(pasta).__class__ = Folder  # as on a site before 1025
    v1025.upgrade(None)
    pasta = portal["processos"]
    assert type(aq_base(pasta)) is PastaProcessos
    assert (pasta.UID(), set(pasta.objectIds())) == (uid, ids)
    assert type(aq_base(portal._tree["processos"])) is PastaProcessos
    v1025.upgrade(None)  # idempotent
