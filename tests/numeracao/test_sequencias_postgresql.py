"""Number sequences in PostgreSQL (seimg.numeracao.sequencias), on a real
server: concurrency, seeding from the ZODB counters, independence from the
ZODB transaction."""

from collections import Counter as Contagem
from persistent.mapping import PersistentMapping
from seimg import numeracao
from seimg.base import postgresql
from seimg.numeracao import contadores
from seimg.numeracao import sequencias
from ZODB.MappingStorage import MappingStorage
import pytest
import threading
import transaction
import ZODB


@pytest.fixture
def dsn(banco_postgresql, monkeypatch):
    monkeypatch.setenv(postgresql.VARIAVEL, banco_postgresql)
    return banco_postgresql


@pytest.fixture
def holder():
    """A committed holder of ZODB counters (what the Plone site is)."""
    db = ZODB.DB(MappingStorage())
    tm = transaction.TransactionManager()
    conexao = db.open(transaction_manager=tm)
    conexao.root()["holder"] = PersistentMapping()
    contadores.instalar(conexao.root()["holder"])
    tm.commit()
    yield conexao.root()["holder"]
    tm.abort()
    conexao.close()
    db.close()


def _no_banco(chave):
    with postgresql.transacao() as cursor:
        cursor.execute("SELECT valor FROM seimg_contadores WHERE chave = %s", (chave,))
        linha = cursor.fetchone()
    return linha[0] if linha else None


def test_alocacao_concorrente_sem_duplicatas_em_blocos_contiguos(dsn, holder):
    threads, vezes = 6, 15
    numeros, blocos, erros = [], [], []
    barreira = threading.Barrier(threads)

    def trabalhar():
        try:
            barreira.wait()
            for _i in range(vezes):
                valores = numeracao.alocar({"sei": 1, "cmfuid": 5}, holder)
                numeros.append(valores["sei"])
                blocos.append(range(valores["cmfuid"] - 4, valores["cmfuid"] + 1))
        except BaseException as erro:  # reported below
            erros.append(erro)
        finally:
            postgresql.fechar()  # each thread had its own connection

    lista = [threading.Thread(target=trabalhar) for _i in range(threads)]
    for thread in lista:
        thread.start()
    for thread in lista:
        thread.join(60)
    assert not erros
    total = threads * vezes
    assert sorted(numeros) == list(range(1, total + 1))  # no duplicate, no gap
    reservados = Contagem(n for bloco in blocos for n in bloco)
    assert sorted(reservados) == list(range(1, 5 * total + 1))
    assert max(reservados.values()) == 1
    assert numeracao.atual("sei", holder) == total
    assert contadores.atual("sei", holder) == 0  # the ZODB was not touched


def test_primeiro_uso_parte_do_contador_da_zodb(dsn, holder):
    """A site migrated from FileStorage never reissues a number."""
    contadores.alocar({"nup/x/2026": 41, "doc/t": 3}, holder)
    assert numeracao.atual("nup/x/2026", holder) == 41  # not in PostgreSQL yet
    assert _no_banco("nup/x/2026") is None
    assert numeracao.proximo("nup/x/2026", holder) == 42
    assert numeracao.alocar({"doc/t": 2, "novo": 1}, holder) == {"doc/t": 5, "novo": 1}
    assert _no_banco("nup/x/2026") == 42
    assert numeracao.atual("nup/x/2026", holder) == 42
    # the ZODB counter is no longer the source: moving it changes nothing
    contadores.alocar({"nup/x/2026": 100}, holder)
    assert numeracao.proximo("nup/x/2026", holder) == 43
    # a row that vanished (a recreated database) is seeded again
    with postgresql.transacao() as cursor:
        cursor.execute("DELETE FROM seimg_contadores WHERE chave = 'nup/x/2026'")
    assert numeracao.proximo("nup/x/2026", holder) == 142


def test_abortar_a_transacao_da_zodb_deixa_lacuna(dsn, holder):
    transaction.begin()
    holder["algo"] = 1  # the request writes something
    primeiro = numeracao.proximo("sei", holder)
    transaction.abort()  # the request fails
    assert numeracao.proximo("sei", holder) == primeiro + 1  # a gap, no reissue
    assert _no_banco("sei") == primeiro + 1


def test_copiar_contadores_da_zodb_guarda_o_maior(dsn, holder):
    contadores.alocar({"a": 10, "b": 5}, holder)
    numeracao.alocar({"b": 1, "c": 1}, holder)  # b: 6 in PostgreSQL
    numeracao.alocar({"b": 1}, holder)  # 7
    assert sequencias.copiar_contadores_zodb(holder) == 2
    assert (_no_banco("a"), _no_banco("b"), _no_banco("c")) == (10, 7, 1)
    assert sequencias.copiar_contadores_zodb(holder) == 2  # again: the same
    assert numeracao.proximo("a", holder) == 11
    assert sequencias.copiar_contadores_zodb(PersistentMapping()) == 0


def test_sem_dsn_continua_na_zodb(holder, monkeypatch):
    monkeypatch.delenv(postgresql.VARIAVEL, raising=False)
    assert numeracao.proximo("sei", holder) == 1
    assert contadores.atual("sei", holder) == 1
    with pytest.raises(ValueError, match="positive"):
        sequencias.ALOCADOR.alocar({"sei": 0}, holder)
