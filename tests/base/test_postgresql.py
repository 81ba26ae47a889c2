"""seimg.base.postgresql against a real PostgreSQL (tests/postgresql.py)."""

from seimg.base import postgresql
import pytest


@pytest.fixture
def dsn(banco_postgresql, monkeypatch):
    monkeypatch.setenv(postgresql.VARIAVEL, banco_postgresql)
    postgresql.registrar_esquema(
        "teste", "CREATE TABLE IF NOT EXISTS seimg_teste (valor int NOT NULL)"
    )
    yield banco_postgresql
    postgresql._esquemas.pop("teste", None)


def _contar() -> int:
    with postgresql.transacao() as cursor:
        cursor.execute("SELECT count(*) FROM seimg_teste")
        return cursor.fetchone()[0]


def test_desligado_sem_dsn(monkeypatch):
    monkeypatch.delenv(postgresql.VARIAVEL, raising=False)
    assert not postgresql.ativo()
    assert postgresql.dsn() is None
    with pytest.raises(RuntimeError), postgresql.transacao():
        pass


def test_confirma_ao_sair_e_desfaz_ao_falhar(dsn):
    assert postgresql.ativo()
    with postgresql.transacao() as cursor:
        cursor.execute("INSERT INTO seimg_teste VALUES (1)")

    def falhar():
        with postgresql.transacao() as cursor:
            cursor.execute("INSERT INTO seimg_teste VALUES (2)")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        falhar()
    assert _contar() == 1


def test_conexao_derrubada_e_refeita(dsn, postgresql_servidor, monkeypatch):
    """The server closed the connection: one 503, then it connects again
    (and, once idle, the connection is checked before use)."""
    assert _contar() == 0
    postgresql_servidor.psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE usename = 'seimg' AND pid <> pg_backend_pid()"
    )
    monkeypatch.setattr(postgresql, "OCIOSA", 0.0)
    assert _contar() == 0  # checked before reuse: replaced, no error
    postgresql_servidor.psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE usename = 'seimg' AND pid <> pg_backend_pid()"
    )
    monkeypatch.setattr(postgresql, "OCIOSA", 3600.0)
    with pytest.raises(postgresql.BancoIndisponivel) as erro:
        _contar()
    assert "indisponível" in erro.value.mensagem
    assert erro.value.status == 503
    assert _contar() == 0


def test_servidor_fora_do_ar(monkeypatch):
    monkeypatch.setenv(
        postgresql.VARIAVEL, "host=127.0.0.1 port=1 dbname=x user=x connect_timeout=2"
    )
    assert not postgresql.disponivel()
    with pytest.raises(postgresql.BancoIndisponivel), postgresql.transacao():
        pass
