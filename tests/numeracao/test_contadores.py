"""Counters on a real FileStorage, under real concurrency (threads).

Each thread plays a request: its own connection and transaction manager,
numbers taken with ``proximo`` and an object of its own written in the
outer transaction (as creating content would), then a commit. Like the
publisher, a thread retries the whole "request" when its own outer commit
conflicts; ``proximo`` itself must never raise ConflictError.
"""

from BTrees.OOBTree import OOBTree
from collections import Counter as Contagem
from persistent.mapping import PersistentMapping
from seimg.numeracao import contadores
from seimg.numeracao.contadores import atual
from seimg.numeracao.contadores import Contador
from seimg.numeracao.contadores import instalar
from seimg.numeracao.contadores import proximo
from ZODB.DemoStorage import DemoStorage
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
import contextlib
import pytest
import threading
import transaction
import ZODB


THREADS = 8
POR_THREAD = 25


@pytest.fixture
def db(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")), pool_size=2 * THREADS)
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    root = conn.root()
    root["holder"] = PersistentMapping()
    root["criados"] = OOBTree()
    instalar(root["holder"])
    tm.commit()
    conn.close()
    yield database
    database.close()


def _em_paralelo(db, trabalho):
    """Run ``trabalho(i, conn, tm)`` in THREADS threads, all starting at once;
    returns the exceptions raised (there must be none)."""
    barreira = threading.Barrier(THREADS)
    erros: list[BaseException] = []

    def executar(i):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            barreira.wait()
            trabalho(i, conn, tm)
        except BaseException as erro:  # reported by the test
            erros.append(erro)
            tm.abort()
        finally:
            conn.close()

    threads = [threading.Thread(target=executar, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads)
    return erros


def _oids_dos_contadores(db) -> set:
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        arvore = conn.root()["holder"]._seimg_contadores
        return {arvore._p_oid} | {c._p_oid for c in arvore.values()}
    finally:
        conn.close()


@pytest.mark.parametrize("mesmo_processo", [True, False], ids=["threads", "processos"])
def test_concurrent_allocation_no_duplicates_no_conflicts(
    db, monkeypatch, mesmo_processo
):
    """``processos``: without the in-process lock, as if every thread were a
    process of its own, so the allocations really conflict and are retried.
    Threads share one GIL, whose switching stretches each try's window far
    beyond a real process's, so that variant gets more tries than production.
    """
    retentativas = Contagem()
    dormir = contadores.time.sleep

    def contar(segundos):
        retentativas["n"] += 1
        dormir(segundos)

    monkeypatch.setattr(contadores.time, "sleep", contar)
    if not mesmo_processo:
        monkeypatch.setattr(contadores, "_TRAVA", contextlib.nullcontext())
        monkeypatch.setattr(contadores, "TENTATIVAS", 500)
    emitidos: list[int] = []
    outra_chave: list[int] = []
    conflitos_externos: list[ConflictError] = []
    trava = threading.Lock()

    def trabalho(i, conn, tm):
        for j in range(POR_THREAD):
            while True:  # the publisher's retry of a conflicting request
                tm.begin()
                holder = conn.root()["holder"]
                numero = proximo("nup/orgao/2026", holder)
                with trava:
                    emitidos.append(numero)
                if j % 5 == 0:
                    n = proximo("sei", holder)
                    with trava:
                        outra_chave.append(n)
                conn.root()["criados"][f"{i}-{j}"] = PersistentMapping(numero=numero)
                try:
                    tm.commit()
                    break
                except ConflictError as erro:
                    tm.abort()
                    with trava:
                        conflitos_externos.append(erro)

    assert _em_paralelo(db, trabalho) == []

    total = len(emitidos)
    assert total >= THREADS * POR_THREAD
    # never the same number twice, none skipped by the counter itself
    assert sorted(emitidos) == list(range(1, total + 1))
    assert sorted(outra_chave) == list(range(1, len(outra_chave) + 1))
    assert len(outra_chave) >= THREADS * POR_THREAD // 5

    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        criados = conn.root()["criados"]
        assert len(criados) == THREADS * POR_THREAD
        numeros = [obj["numero"] for obj in criados.values()]
        assert len(set(numeros)) == len(numeros)  # no duplicates committed
        # the gaps are exactly the numbers of the retried (aborted) requests
        assert total - len(numeros) == len(conflitos_externos)
        holder = conn.root()["holder"]
        assert atual("nup/orgao/2026", holder) == total
        assert atual("sei", holder) == len(outra_chave)
        assert atual("nunca-usada", holder) == 0
    finally:
        conn.close()

    # the requests' own conflicts were on their content, never on a counter
    contadores_oids = _oids_dos_contadores(db)
    assert all(erro.oid not in contadores_oids for erro in conflitos_externos)
    if mesmo_processo:
        # the threads of one process took turns: not a single retry
        assert retentativas["n"] == 0


def test_aborted_request_leaves_a_gap_never_reissued(db):
    resultados: dict[int, str] = {}
    trava = threading.Lock()

    def trabalho(i, conn, tm):
        for j in range(10):
            tm.begin()
            holder = conn.root()["holder"]
            numero = proximo("doc/oficio/dcsc/2026", holder)
            if (i + j) % 3 == 0:
                tm.abort()  # the request failed after taking its number
                destino = "abortado"
            else:
                conn.root()["criados"][f"{i}-{j}"] = PersistentMapping(numero=numero)
                try:
                    tm.commit()
                    destino = "gravado"
                except ConflictError:  # on the content: the request fails
                    tm.abort()
                    destino = "abortado"
            with trava:
                assert numero not in resultados
                resultados[numero] = destino

    assert _em_paralelo(db, trabalho) == []

    abortados = {n for n, d in resultados.items() if d == "abortado"}
    assert abortados
    assert sorted(resultados) == list(range(1, len(resultados) + 1))

    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        holder = conn.root()["holder"]
        seguinte = proximo("doc/oficio/dcsc/2026", holder)
        assert seguinte == len(resultados) + 1
        assert seguinte not in abortados
        tm.abort()  # the next one is lost too, and still never reissued
        assert proximo("doc/oficio/dcsc/2026", holder) == seguinte + 1
        tm.abort()
    finally:
        conn.close()


def test_per_year_keys_restart_at_one(db):
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        holder = conn.root()["holder"]
        assert [proximo("nup/seplag/2025", holder) for _ in range(3)] == [1, 2, 3]
        assert proximo("nup/seplag/2026", holder) == 1
        assert proximo("nup/dcsc/2026", holder) == 1
        assert proximo("nup/seplag/2025", holder) == 4
        assert atual("nup/seplag/2026", holder) == 1
    finally:
        tm.abort()
        conn.close()


def test_allocation_is_committed_apart_from_the_request(db):
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        holder = conn.root()["holder"]
        assert proximo("sei", holder) == 1
        assert proximo("sei", holder) == 2
        # the request's transaction holds no change of the counters
        assert conn._registered_objects == []
        tm.abort()
        assert atual("sei", holder) == 2
        assert proximo("sei", holder) == 3
    finally:
        tm.abort()
        conn.close()


def test_counter_increments_are_not_merged(db):
    """Contador has no conflict resolution: two concurrent increments of one
    counter in two transactions conflict (so the allocator must retry)."""
    tm0 = transaction.TransactionManager()
    c0 = db.open(transaction_manager=tm0)
    proximo("x", c0.root()["holder"])
    tm0.abort()
    c0.close()

    tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
    c1 = db.open(transaction_manager=tm1)
    c2 = db.open(transaction_manager=tm2)
    try:
        tm1.begin()
        tm2.begin()
        a = c1.root()["holder"]._seimg_contadores["x"]
        b = c2.root()["holder"]._seimg_contadores["x"]
        assert isinstance(a, Contador)
        a.valor += 1
        b.valor += 1
        tm1.commit()
        with pytest.raises(ConflictError):
            tm2.commit()
    finally:
        tm1.abort()
        tm2.abort()
        c1.close()
        c2.close()


def test_retries_are_bounded(db, monkeypatch):
    """When a conflict persists, proximo gives up after TENTATIVAS tries."""
    chamadas = Contagem()

    def sempre_conflita(arvore, chave, passo=1):
        chamadas["n"] += 1
        raise ConflictError("simulated")

    monkeypatch.setattr(contadores, "_incrementar", sempre_conflita)
    monkeypatch.setattr(contadores.time, "sleep", lambda s: None)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with pytest.raises(ConflictError):
            proximo("x", conn.root()["holder"])
        assert chamadas["n"] == contadores.TENTATIVAS
    finally:
        tm.abort()
        conn.close()


def test_holder_committed_before_instalar(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    try:
        conn.root()["antigo"] = PersistentMapping()
        tm.commit()
        holder = conn.root()["antigo"]
        # fallback: the tree is created in the current transaction
        assert proximo("sei", holder) == 1
        assert proximo("sei", holder) == 2
        assert atual("sei", holder) == 2
        tm.commit()
        # from now on, in a separate connection
        assert proximo("sei", holder) == 3
        tm.abort()
        assert atual("sei", holder) == 3
        assert instalar(holder) is holder._seimg_contadores  # idempotent
    finally:
        tm.abort()
        conn.close()
        database.close()


def test_demo_storage_allocates_in_the_request():
    database = ZODB.DB(DemoStorage())
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    try:
        conn.root()["holder"] = holder = PersistentMapping()
        instalar(holder)
        tm.commit()
        assert proximo("sei", holder) == 1
        assert proximo("sei", holder) == 2
        tm.abort()  # a test's abort rolls the counter back too
        assert atual("sei", holder) == 0
        assert proximo("sei", holder) == 1
    finally:
        tm.abort()
        conn.close()
        database.close()


def test_holder_not_persisted_yet():
    holder = PersistentMapping()
    assert proximo("sei", holder) == 1
    assert proximo("sei", holder) == 2
    assert atual("sei", holder) == 2


def test_acquisition_wrapped_holder_never_borrows_a_parent_tree(tmp_path):
    from OFS.Folder import Folder

    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    try:
        conn.root()["app"] = Folder("app")
        app = conn.root()["app"]
        app._setObject("site", Folder("site"))
        instalar(app)
        tm.commit()
        site = app["site"]  # acquisition-wrapped, as the Plone site is
        assert proximo("sei", site) == 1  # its own tree, created here
        assert atual("sei", app) == 0
        instalar(site)
        tm.commit()
        assert proximo("sei", site) == 2  # separate connection from now on
        assert proximo("sei", app) == 1
        tm.abort()
        assert (atual("sei", site), atual("sei", app)) == (2, 1)
    finally:
        tm.abort()
        conn.close()
        database.close()


def _transacoes(db) -> int:
    return sum(1 for _ in db.storage.iterator())


def test_alocar_varias_sequencias_num_so_commit(db):
    """A request's numbers (NUP, número SEI, the type's number) are taken
    together: one side commit, not one per sequence."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        holder = conn.root()["holder"]
        antes = _transacoes(db)
        valores = contadores.alocar({"sei": 1, "doc/oficio/dcsc/2026": 1}, holder)
        assert valores == {"sei": 1, "doc/oficio/dcsc/2026": 1}
        assert _transacoes(db) == antes + 1
        assert contadores.alocar({"sei": 1, "nup/x/2026": 1}, holder) == {
            "sei": 2,
            "nup/x/2026": 1,
        }
        assert _transacoes(db) == antes + 2
        # a block: the values novo - passo + 1 … novo are the caller's
        assert contadores.alocar({"bloco": 100}, holder) == {"bloco": 100}
        assert proximo("bloco", holder) == 101
        with pytest.raises(ValueError, match="positive"):
            contadores.alocar({"sei": 0}, holder)
        tm.abort()
    finally:
        conn.close()


def test_cmfuid_em_blocos_sem_commit_por_id(tmp_path):
    """CMFEditions' history ids on a seimg site: unique, one side commit per
    block of ids (not per id), and never written on the tool."""
    from OFS.Folder import Folder
    from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool
    from seimg.numeracao import cmfuid

    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    try:
        portal = conn.root()["portal"] = Folder("portal")
        portal._setObject("portal_uidgenerator", UniqueIdGeneratorTool())
        instalar(portal)
        tm.commit()
        ferramenta = portal.portal_uidgenerator
        base = ferramenta._uid_counter
        antes = _transacoes(database)
        ids = [ferramenta() for _ in range(cmfuid.BLOCO + 5)]
        assert len(set(ids)) == len(ids)
        assert all(i > base for i in ids)
        assert _transacoes(database) == antes + 2  # two blocks
        assert not ferramenta._p_changed
        tm.abort()
    finally:
        conn.close()
        database.close()
