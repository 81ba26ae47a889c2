"""make backup / make restore never put the database password on a command
line: ``ps`` shows every process's arguments to every user of the host."""

from seimg.deploy import copia
from seimg.deploy.migracao import ErroMigracao
import hashlib
import io
import json
import pytest


SENHA = "s3gr3d0-Do-Banco"
DSN = f"host=db.example port=5432 dbname=seimg user=seimg password={SENHA}"


class Cursor:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False

    def execute(self, sql, *args):
        self.sql = sql

    def fetchone(self):
        if "pg_export_snapshot" in self.sql:
            return ("00000003-1", "15.8")
        return (0,)


class Conexao:
    autocommit = True

    def set_session(self, **opcoes):
        pass

    def cursor(self):
        return Cursor()

    def rollback(self):
        pass

    def close(self):
        pass


@pytest.fixture
def chamadas(monkeypatch):
    feitas = []

    class Feito:
        returncode = 1
        stderr = "falhou"

    def run(argv, **opcoes):
        feitas.append((argv, opcoes.get("env")))
        return Feito()

    monkeypatch.setattr(copia.subprocess, "run", run)
    monkeypatch.setattr(copia, "conectar", lambda dsn: Conexao())
    monkeypatch.setattr(copia, "figuras", lambda cursor: {})
    monkeypatch.setattr(copia, "_bin", lambda nome: nome)
    return feitas


def _sem_senha_na_linha(feitas):
    assert feitas
    for argv, ambiente in feitas:
        assert not any(SENHA in parte for parte in argv), argv
        assert "dbname=seimg" in " ".join(argv)
        assert ambiente["PGPASSWORD"] == SENHA


def test_pg_dump_sem_senha_na_linha_de_comando(chamadas, tmp_path):
    with pytest.raises(ErroMigracao, match="pg_dump falhou"):
        copia.copiar(DSN, tmp_path / "copia")
    _sem_senha_na_linha(chamadas)


def test_pg_restore_sem_senha_na_linha_de_comando(chamadas, tmp_path):
    dump = tmp_path / copia.DUMP
    dump.write_bytes(b"PGDMP")
    dados = {"sha256": hashlib.sha256(b"PGDMP").hexdigest(), "objetos": 1}
    (tmp_path / copia.DADOS).write_text(json.dumps(dados))
    with pytest.raises(ErroMigracao, match="pg_restore falhou"):
        copia.restaurar(tmp_path, DSN, saida=io.StringIO())
    _sem_senha_na_linha(chamadas)
