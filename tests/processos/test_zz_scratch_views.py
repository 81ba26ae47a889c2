from tests.processos.test_views import _limpar, request_  # noqa
from tests.processos.conftest import como, tabela, novo_processo, novo_oficio
from plone import api


def test_dump(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        proc = novo_processo(portal)
        doc = novo_oficio(proc)
        from plone.app.versioningbehavior.behaviors import IVersioningSupport
        from plone.dexterity.content import get_assignable, _recursion_detection
        print("CACHE", getattr(doc, "_v__providedBy__", "nada"), doc._p_mtime)
        print("BLOCKED", getattr(_recursion_detection, "blocked", None))
        a = get_assignable(doc)
        print("ASSIGN", a, list(a.enumerateBehaviors()) if a else None)
        doc._v__providedBy__ = None
        print("AFTER", IVersioningSupport.providedBy(doc))
        print("FOLDER", IVersioningSupport.providedBy(portal["exemplos"]) if "exemplos" in portal else None)
    assert 0
