"""Upgrades with several instances: one runs the upgrade steps, the others wait.

``make atualizar`` (``scripts/atualizar.py``) runs seimg's pending
GenericSetup upgrade steps while holding :func:`trava`, a PostgreSQL
session advisory lock named for the upgrade. An instance that starts
meanwhile waits in :func:`ao_abrir_banco` (``IDatabaseOpenedWithRoot``,
before it serves anything or opens a connection to the site) until the lock
is free, logging "aguardando a atualização do banco…", so it never serves
the site halfway through an upgrade. In the embedded mode (no
``SEIMG_POSTGRESQL_DSN``) both are no-ops: there is one process, and
``make atualizar`` needs Zope stopped.

The waiters take the lock *shared* (``pg_try_advisory_lock_shared``): any
number of instances may start together, and only an upgrade (exclusive)
makes them wait.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextlib import suppress
from seimg.base import postgresql
import hashlib
import logging
import time


logger = logging.getLogger("seimg.atualizacao")

NOME = "seimg-atualizacao"
#: The advisory lock's key: a signed 64-bit number derived from its name.
CHAVE = int.from_bytes(hashlib.sha256(NOME.encode()).digest()[:8], "big", signed=True)
#: Seconds between two messages of a waiting instance.
AVISO = 30.0


def _conectar(dsn: str):
    import psycopg2

    try:
        conexao = psycopg2.connect(dsn, connect_timeout=postgresql.TEMPO_CONEXAO)
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as erro:
        raise postgresql.BancoIndisponivel() from erro
    conexao.autocommit = True
    return conexao


@contextmanager
def trava(dsn: str | None = None, avisar=None):
    """Hold the upgrade lock (exclusive) for the block; waits for another
    upgrade that holds it. A no-op without PostgreSQL."""
    dsn = dsn or postgresql.dsn()
    if not dsn:
        yield False
        return
    conexao = _conectar(dsn)
    try:
        with conexao.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", (CHAVE,))
            if not cursor.fetchone()[0]:
                mensagem = "outra atualização do banco está em andamento; aguardando…"
                logger.info(mensagem)
                if avisar is not None:
                    avisar(mensagem)
                cursor.execute("SELECT pg_advisory_lock(%s)", (CHAVE,))
        yield True
    finally:
        # (closing the session frees the lock anyway)
        with suppress(Exception), conexao.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (CHAVE,))
        conexao.close()


def em_andamento(dsn: str | None = None) -> bool:
    """Whether an upgrade holds the lock now."""
    dsn = dsn or postgresql.dsn()
    if not dsn:
        return False
    conexao = _conectar(dsn)
    try:
        return not _livre(conexao)
    finally:
        conexao.close()


def _livre(conexao) -> bool:
    with conexao.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock_shared(%s)", (CHAVE,))
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT pg_advisory_unlock_shared(%s)", (CHAVE,))
    return True


def esperar(
    dsn: str | None = None, intervalo: float = 1.0, aviso: float = AVISO
) -> float:
    """Block while an upgrade holds the lock; returns the seconds waited."""
    dsn = dsn or postgresql.dsn()
    if not dsn:
        return 0.0
    inicio = time.monotonic()
    ultimo_aviso = None
    conexao = _conectar(dsn)
    try:
        while not _livre(conexao):
            agora = time.monotonic()
            if ultimo_aviso is None or agora - ultimo_aviso >= aviso:
                logger.warning(
                    "aguardando a atualização do banco… (uma atualização está "
                    "em andamento em outro processo; %.0f s)",
                    agora - inicio,
                )
                ultimo_aviso = agora
            time.sleep(intervalo)
    finally:
        conexao.close()
    esperado = time.monotonic() - inicio
    if ultimo_aviso is not None:
        logger.info("atualização do banco concluída; iniciando (%.0f s)", esperado)
    return esperado


def ao_abrir_banco(event) -> None:
    """``IDatabaseOpenedWithRoot``: wait for an upgrade in progress."""
    if not postgresql.ativo():
        return
    try:
        esperar()
    except postgresql.BancoIndisponivel:
        # RelStorage opened the same database a moment ago; if it is gone
        # now, the instance's health check reports it.
        logger.warning("não foi possível verificar se há atualização em andamento")
