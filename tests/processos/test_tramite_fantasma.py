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


def test_instante_concorrente_fica_com_o_mais_recente(tmp_path):
    from datetime import datetime
    from datetime import UTC
    from ZODB.FileStorage import FileStorage
    import transaction as txn

    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        tm0 = txn.TransactionManager()
        conn = db.open(transaction_manager=tm0)
        conn.root()["i"] = tramite.Instante()
        tm0.commit()
        tm1, tm2 = txn.TransactionManager(), txn.TransactionManager()
        a = db.open(transaction_manager=tm1).root()["i"]
        b = db.open(transaction_manager=tm2).root()["i"]
        cedo = datetime(2026, 11, 27, 10, tzinfo=UTC)
        tarde = datetime(2026, 11, 27, 11, tzinfo=UTC)
        a.valor = tarde
        b.valor = cedo
        tm1.commit()
        tm2.commit()  # resolved, not a ConflictError
        leitura = db.open(transaction_manager=txn.TransactionManager()).root()["i"]
        assert leitura.valor == tarde
    finally:
        db.close()
