"""make cluster refuses bad settings clearly, before starting anything."""

from pathlib import Path
from tests.deploy.servico import ambiente
from tests.deploy.servico import processos_de
import socket
import subprocess
import tempfile


REPO = Path(__file__).resolve().parents[2]


def _livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cluster(data: Path, **extra) -> subprocess.CompletedProcess:
    portas = {
        "SEIMG_PORT": str(_livre()),
        "SEIMG_LIBREOFFICE_PORT": str(_livre()),
        "SEIMG_SMTP_PORT": str(_livre()),
        "SEIMG_PG_PORT": str(_livre()),
    }
    env = ambiente(data, **{**portas, **extra})
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "cluster.sh")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_porta_ocupada(tmp_path):
    with socket.socket() as ocupada:
        ocupada.bind(("127.0.0.1", 0))
        ocupada.listen()
        porta = ocupada.getsockname()[1]
        feito = _cluster(tmp_path / "data", SEIMG_PG_PORT=str(porta))
    assert feito.returncode == 1
    assert "portas já em uso" in feito.stderr
    assert f"{porta} (do PostgreSQL (SEIMG_PG_PORT))" in feito.stderr
    assert "seimg parado." in feito.stdout
    assert not (tmp_path / "data" / "postgresql").exists()  # nothing started


def test_dsn_errado(tmp_path):
    dsn = f"host=127.0.0.1 port={_livre()} dbname=seimg user=seimg connect_timeout=2"
    feito = _cluster(tmp_path / "data", SEIMG_POSTGRESQL_DSN=dsn)
    assert feito.returncode == 1
    assert "não foi possível conectar ao PostgreSQL" in feito.stderr
    assert "SEIMG_POSTGRESQL_DSN" in feito.stderr
    assert not processos_de(tmp_path / "data")


def test_dsn_malformado(tmp_path):
    feito = _cluster(tmp_path / "data", SEIMG_POSTGRESQL_DSN="isto não é um dsn")
    assert feito.returncode == 1
    assert "não foi possível conectar ao PostgreSQL" in feito.stderr


def test_numero_de_instancias(tmp_path):
    for valor, mensagem in (
        ("0", "SEIMG_INSTANCIAS deve estar entre 1 e 16."),
        ("dois", "SEIMG_INSTANCIAS='dois' não é um número inteiro."),
    ):
        feito = _cluster(tmp_path / "data", SEIMG_INSTANCIAS=valor)
        assert feito.returncode == 1
        assert mensagem in feito.stderr


def test_pasta_que_o_postgres_nao_alcanca():
    """As root, the server runs as postgres: a data folder inside a private
    folder is refused with the command that fixes it."""
    import os

    if os.geteuid() != 0:
        return
    privada = Path(tempfile.mkdtemp(prefix="seimg-privada-"))  # mode 700
    try:
        feito = _cluster(privada / "data")
        assert feito.returncode == 1
        assert "o usuário postgres não consegue entrar em" in feito.stderr
        assert "chmod o+x" in feito.stderr
    finally:
        import shutil

        shutil.rmtree(privada, ignore_errors=True)
