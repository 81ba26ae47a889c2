"""The store of counters and locks: both implementations, and restarts."""

from seimg.acesso import limites
from seimg.acesso.limites import MemoriaStore
from seimg.acesso.limites import SQLiteStore
import pytest
import sqlite3
import threading


@pytest.fixture(params=["sqlite", "memoria"])
def loja(request, tmp_path):
    if request.param == "sqlite":
        return SQLiteStore(tmp_path / "seguranca" / "limites.sqlite")
    return MemoriaStore()


def test_implementam_a_interface(loja):
    assert isinstance(loja, limites.ILimiteStore)


def test_eventos_em_janela(loja):
    for momento in (10.0, 20.0, 30.0):
        loja.registrar("falha", "a", momento)
    loja.registrar("falha", "b", 25.0)
    loja.registrar("outro", "a", 25.0)
    assert loja.momentos("falha", "a") == [30.0, 20.0, 10.0]
    assert loja.momentos("falha", "a", desde=15.0) == [30.0, 20.0]
    assert loja.momentos("falha", "a", limite=1) == [30.0]
    loja.esquecer("falha", "a")
    assert loja.momentos("falha", "a") == []
    assert loja.momentos("falha", "b") == [25.0]
    loja.esquecer("falha")
    assert loja.momentos("falha", "b") == []
    assert loja.momentos("outro", "a") == [25.0]


def test_tentar_e_atomico_e_desliza(loja):
    assert all(loja.tentar("t", "x", m, 60, 3) for m in (0.0, 1.0, 2.0))
    assert not loja.tentar("t", "x", 3.0, 60, 3)
    assert loja.momentos("t", "x") == [2.0, 1.0, 0.0]  # the refusal is not kept
    assert loja.tentar("t", "y", 3.0, 60, 3)
    assert loja.tentar("t", "x", 60.5, 60, 3)
    assert not loja.tentar("t", "x", 60.6, 60, 3)


def test_marcas_expiram(loja):
    loja.marcar("bloqueio", "ana", ate=100.0, momento=10.0, info="motivo")
    marca = loja.marca("bloqueio", "ana", 50.0)
    assert (marca.chave, marca.ate, marca.criada, marca.info) == (
        "ana",
        100.0,
        10.0,
        "motivo",
    )
    assert loja.marca("bloqueio", "ana", 100.0) is None
    assert [m.chave for m in loja.marcas("bloqueio", 50.0)] == ["ana"]
    assert loja.marcas("bloqueio", 100.0) == []
    loja.marcar("bloqueio", "ana", ate=200.0, momento=150.0)  # replaced
    assert loja.marca("bloqueio", "ana", 160.0).ate == 200.0
    assert loja.desmarcar("bloqueio", "ana")
    assert not loja.desmarcar("bloqueio", "ana")


def test_limpar_por_tipo(loja):
    loja.registrar("a", "k", 1.0)
    loja.registrar("b", "k", 1.0)
    loja.marcar("a", "k", 10.0, 1.0)
    loja.limpar(("a",))
    assert loja.momentos("a", "k") == []
    assert loja.marca("a", "k", 2.0) is None
    assert loja.momentos("b", "k") == [1.0]
    loja.limpar()
    assert loja.momentos("b", "k") == []


def test_contadores_sobrevivem_a_reinicio(tmp_path):
    """A new store object on the same file (a restarted Zope) sees everything."""
    caminho = tmp_path / "limites.sqlite"
    antes = SQLiteStore(caminho)
    antes.registrar("falha-par", "ana\n203.0.113.9", 10.0)
    antes.marcar("bloqueio", "ana", ate=1000.0, momento=10.0, info="x")
    assert antes.tentar("pedido-senha", "203.0.113.9", 10.0, 3600, 1)
    del antes

    depois = SQLiteStore(caminho)
    assert depois.momentos("falha-par", "ana\n203.0.113.9") == [10.0]
    assert depois.marca("bloqueio", "ana", 20.0).info == "x"
    assert not depois.tentar("pedido-senha", "203.0.113.9", 20.0, 3600, 1)


def test_sqlite_em_wal_e_poda(tmp_path):
    loja = SQLiteStore(tmp_path / "limites.sqlite", retencao=100.0)
    loja.registrar("falha", "a", 1.0)
    loja.marcar("m", "a", ate=5.0, momento=1.0)
    with sqlite3.connect(loja.caminho) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    loja._podado_em = 0.0
    loja.registrar("falha", "a", 1000.0)  # prunes: older than 900, expired marks
    assert loja.momentos("falha", "a") == [1000.0]
    with sqlite3.connect(loja.caminho) as con:
        assert con.execute("SELECT count(*) FROM marcas").fetchone()[0] == 0


def test_sqlite_concorrente(tmp_path):
    """Threads (and processes) share the file: no lost updates of the limit."""
    caminho = tmp_path / "limites.sqlite"
    aceitos = []

    def trabalhar():
        loja = SQLiteStore(caminho)  # one object per thread, like processes
        for _i in range(20):
            if loja.tentar("t", "x", 1.0, 60, 50):
                aceitos.append(1)

    threads = [threading.Thread(target=trabalhar) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(aceitos) == 50


def test_loja_padrao_em_seimg_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    anterior = limites.usar(None)
    try:
        loja = limites.loja()
        assert loja.caminho == tmp_path / "seguranca" / "limites.sqlite"
        assert limites.loja() is loja
        fixa = MemoriaStore()
        limites.usar(fixa)
        assert limites.loja() is fixa
    finally:
        limites.usar(anterior)


def test_balde_com_rajada_e_reposicao(loja):
    # a burst of 3, then one token a second
    assert [loja.consumir("b", "ip", 0.0, 3, 1.0) for _ in range(3)] == [0.0] * 3
    assert loja.consumir("b", "ip", 0.0, 3, 1.0) == pytest.approx(1.0)
    assert loja.consumir("b", "ip", 0.5, 3, 1.0) == pytest.approx(0.5)  # not taken
    assert loja.consumir("b", "ip", 1.0, 3, 1.0) == 0.0
    assert loja.consumir("b", "outro", 1.0, 3, 1.0) == 0.0  # per key
    assert loja.consumir("b", "ip", 100.0, 3, 1.0) == 0.0  # refilled, capped at 3
    assert loja.consumir("b", "ip", 100.0, 3, 1.0, custo=2) == 0.0
    assert loja.consumir("b", "ip", 100.0, 3, 1.0) == pytest.approx(1.0)
    loja.limpar(("b",))
    assert loja.consumir("b", "ip", 100.0, 3, 1.0) == 0.0  # full again


def test_balde_puro():
    assert limites.balde(None, 0.0, 5, 1.0) == (4, 0.0)
    assert limites.balde((0.0, 0.0), 0.25, 5, 1.0) == (0.25, pytest.approx(0.75))
    assert limites.balde((0.0, 0.0), 1.0, 5, 0.0)[1] == float("inf")
