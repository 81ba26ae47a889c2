"""A real, throw-away PostgreSQL for the tests (Debian's postgresql-15).

``postgresql_servidor`` (session): one server of our own (``seimg.deploy.
postgresql``: initdb in a temporary folder, a free port on 127.0.0.1, run as
the ``postgres`` user when root), started on first use and stopped at the
end of the session. ``postgresql_dsn`` (session): a database on it;
``banco_postgresql`` (function): a new empty database for one test, dropped
after it. Neither sets ``SEIMG_POSTGRESQL_DSN``: a test that wants seimg to
use the database sets it (``monkeypatch.setenv``).
"""

from seimg.deploy.postgresql import Servidor
import itertools
import os
import pytest
import shutil
import socket
import tempfile


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgresql_servidor():
    pasta = tempfile.mkdtemp(prefix="seimg-pg-")
    os.chmod(pasta, 0o711)  # the postgres user passes through
    servidor = Servidor(os.path.join(pasta, "postgresql"), _porta_livre())
    servidor.preparar()
    processo = servidor.iniciar()
    try:
        yield servidor
    finally:
        servidor.parar(processo)
        shutil.rmtree(pasta, ignore_errors=True)


@pytest.fixture(scope="session")
def postgresql_dsn(postgresql_servidor) -> str:
    return postgresql_servidor.criar_banco("seimg_testes")


_numeros = itertools.count(1)


@pytest.fixture
def banco_postgresql(postgresql_servidor):
    """The DSN of a new empty database (dropped after the test)."""
    from seimg.base import postgresql

    nome = f"seimg_teste_{os.getpid()}_{next(_numeros)}"
    dsn = postgresql_servidor.criar_banco(nome)
    yield dsn
    postgresql.fechar()
    postgresql_servidor.remover_banco(nome)
