"""PostgresStore: the behaviour of the SQLite store, on a real PostgreSQL,
shared by several instances (tests/postgresql.py gives each test a fresh
database)."""

from seimg.acesso import limites
from seimg.acesso.limites_postgresql import PostgresStore
from seimg.base import postgresql
from tests.acesso.test_limites_unit import test_balde_com_rajada_e_reposicao  # noqa: F401
from tests.acesso.test_limites_unit import test_eventos_em_janela  # noqa: F401
from tests.acesso.test_limites_unit import test_implementam_a_interface  # noqa: F401
from tests.acesso.test_limites_unit import test_limpar_por_tipo  # noqa: F401
from tests.acesso.test_limites_unit import test_marcas_expiram  # noqa: F401
from tests.acesso.test_limites_unit import test_tentar_e_atomico_e_desliza  # noqa: F401
import pytest
import threading


@pytest.fixture
def loja(banco_postgresql):
    """The store of the imported behavioural tests, on PostgreSQL."""
    return PostgresStore(banco_postgresql)


def test_outra_instancia_ve_tudo(banco_postgresql):
    """Another store on the same database (another Zope instance) sees the
    events, locks and buckets of the first."""
    uma = PostgresStore(banco_postgresql)
    uma.registrar("falha-par", "ana\n203.0.113.9", 10.0)
    uma.marcar("bloqueio", "ana", ate=1000.0, momento=10.0, info="x")
    assert uma.tentar("pedido-senha", "203.0.113.9", 10.0, 3600, 1)
    assert uma.consumir("b", "ip", 10.0, 1, 0.001) == 0.0

    outra = PostgresStore(banco_postgresql)
    assert outra.momentos("falha-par", "ana\n203.0.113.9") == [10.0]
    assert outra.marca("bloqueio", "ana", 20.0).info == "x"
    assert not outra.tentar("pedido-senha", "203.0.113.9", 20.0, 3600, 1)
    assert outra.consumir("b", "ip", 10.0, 1, 0.001) > 0
    assert "dbname" not in repr(outra)


def test_poda(banco_postgresql):
    loja = PostgresStore(banco_postgresql, retencao=100.0)
    loja.registrar("falha", "a", 1.0)
    loja.marcar("m", "a", ate=5.0, momento=1.0)
    loja.consumir("b", "a", 1.0, 3, 1.0)
    loja._podado_em = 0.0
    loja.registrar("falha", "a", 1000.0)  # prunes: older than 900, expired marks
    assert loja.momentos("falha", "a") == [1000.0]
    with postgresql.transacao(banco_postgresql) as cursor:
        cursor.execute("SELECT count(*) FROM seimg_limites_marcas")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM seimg_limites_baldes")
        assert cursor.fetchone()[0] == 0


def test_tentar_concorrente_nunca_passa_do_limite(banco_postgresql):
    """Threads with their own connections (as instances would) hammer one
    limit: exactly ``limite`` attempts pass, and only those are recorded."""
    aceitos = []
    barreira = threading.Barrier(4)

    def trabalhar():
        loja = PostgresStore(banco_postgresql)  # one connection per thread
        barreira.wait()
        for _i in range(15):
            if loja.tentar("t", "x", 1.0, 60, 25):
                aceitos.append(1)
        postgresql.fechar()

    threads = [threading.Thread(target=trabalhar) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(aceitos) == 25
    assert len(PostgresStore(banco_postgresql).momentos("t", "x")) == 25


def test_baldes_concorrentes_nao_perdem_fichas(banco_postgresql):
    tomados = []

    def trabalhar():
        loja = PostgresStore(banco_postgresql)
        for _i in range(10):
            if loja.consumir("b", "ip", 5.0, 12, 0.0) == 0.0:
                tomados.append(1)
        postgresql.fechar()

    threads = [threading.Thread(target=trabalhar) for _i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(tomados) == 12


def test_loja_escolhe_postgresql_com_dsn(banco_postgresql, tmp_path, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    anterior = limites.usar(None)
    try:
        monkeypatch.setenv(postgresql.VARIAVEL, banco_postgresql)
        loja = limites.loja()
        assert isinstance(loja, PostgresStore)
        assert limites.loja() is loja
        fixa = limites.MemoriaStore()
        limites.usar(fixa)
        assert limites.loja() is fixa  # usar() still wins (the tests' store)
        limites.usar(None)
        monkeypatch.delenv(postgresql.VARIAVEL)
        assert isinstance(limites.loja(), limites.SQLiteStore)
    finally:
        limites.usar(anterior)


def test_banco_fora_do_ar_e_503():
    loja = PostgresStore("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=1")
    with pytest.raises(postgresql.BancoIndisponivel) as erro:
        loja.tentar("t", "x", 1.0, 60, 1)
    assert erro.value.status == 503
