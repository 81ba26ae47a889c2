"""The routing state is read correctly from a process that is still a ZODB ghost.

A regression test: reading ``obj.__dict__`` of a ghost sees nothing, and the
routing code used to replace the stored trees with empty ones.
"""

from persistent import Persistent
from seimg.processos import tramite
import transaction
import ZODB


class Unidade:
    def __init__(self, uid):
        self.uid = uid

    def UID(self):
        return self.uid


class Processo(Persistent):
    unidade_geradora = "a"

    def reindexObject(self, idxs=None):
        pass

    def reindexObjectSecurity(self):
        pass


def test_estado_lido_de_um_fantasma():
    db = ZODB.DB(None)
    try:
        conn = db.open()
        processo = Processo()
        conn.root()["p"] = processo
        tramite.iniciar(processo, Unidade("a"))
        tramite.abrir_em(processo, Unidade("b"))
        transaction.commit()
        conn.close()

        outra = db.open()
        fantasma = outra.root()["p"]
        fantasma._p_deactivate()
        assert fantasma._p_status == "ghost"
        assert sorted(tramite.unidades_abertas(fantasma)) == ["a", "b"]
        assert sorted(tramite.unidades_com_acesso(fantasma)) == ["a", "b"]
        assert tramite.foi_enviado(fantasma)
        outra.close()
    finally:
        transaction.abort()
        db.close()
