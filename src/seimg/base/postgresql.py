"""seimg's shared state in PostgreSQL: one switch, short transactions.

``SEIMG_POSTGRESQL_DSN`` (a libpq connection string) is the switch. Unset,
seimg is the embedded default: FileStorage, the SQLite store of limits, jobs
in a local folder, numbers in ZODB counters. Set, the Zope instances run on
RelStorage in that database (``seimg.deploy.instance``) and everything that
several instances must share lives there too, beside the ZODB tables:

- the access limits and locks (:mod:`seimg.acesso.limites`),
- background jobs and their results (:mod:`seimg.base.tarefas`),
- number sequences (:mod:`seimg.numeracao`),
- idempotency keys (:mod:`seimg.base.idempotencia`).

Each backend declares its tables with :func:`registrar_esquema` (names start
with ``seimg_``); they are created when first needed, once per process and
database, under an advisory lock (several instances may start at once).

:func:`transacao` gives this thread's connection for one short transaction,
**never** part of the ZODB transaction: committed when the block ends,
rolled back when it raises. A connection that fails (the server restarted or
is down) is dropped, and the error becomes :class:`BancoIndisponivel` (503
with a Portuguese message and ``Retry-After``); the next call connects
again, so an instance recovers by itself when PostgreSQL returns.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextlib import suppress
import hashlib
import logging
import os
import threading
import time


logger = logging.getLogger(__name__)

VARIAVEL = "SEIMG_POSTGRESQL_DSN"
#: Seconds a client should wait before retrying when the database is down.
RETRY_AFTER = 10
#: Seconds to wait for a connection before giving up.
TEMPO_CONEXAO = 5
#: A connection idle for longer is checked (``SELECT 1``) before reuse, so
#: one that a restarted server closed is replaced instead of failing a
#: request.
OCIOSA = 5.0

MENSAGEM = (
    "O banco de dados está indisponível no momento. Nada foi gravado; tente "
    "de novo em alguns segundos."
)


SEM_ESPACO = (
    "O banco de dados está sem espaço para gravar. Nada foi gravado; o "
    "administrador foi avisado pelos registros do servidor. Tente mais tarde."
)


class BancoIndisponivel(Exception):
    """PostgreSQL cannot be reached (503 + Retry-After)."""

    status = 503
    retry_after = RETRY_AFTER

    def __init__(self, mensagem: str = MENSAGEM):
        super().__init__(mensagem)
        self.mensagem = mensagem


def dsn() -> str | None:
    """The DSN of the shared database, or None (the embedded default)."""
    valor = (os.environ.get(VARIAVEL) or "").strip()
    return valor or None


def ativo() -> bool:
    """Whether seimg's shared state lives in PostgreSQL."""
    return dsn() is not None


# --- schema -------------------------------------------------------------------

_esquemas: dict[str, str] = {}
_criados: set[tuple[str, str]] = set()
_esquemas_lock = threading.Lock()


def registrar_esquema(nome: str, ddl: str) -> None:
    """Declare the tables of backend ``nome`` (idempotent SQL: ``CREATE
    TABLE IF NOT EXISTS …``), created on first use in each database."""
    _esquemas[nome] = ddl


def _garantir_esquemas(conexao, alvo: str) -> None:
    pendentes = [n for n in _esquemas if (alvo, n) not in _criados]
    if not pendentes:
        return
    with _esquemas_lock:
        pendentes = [n for n in _esquemas if (alvo, n) not in _criados]
        if not pendentes:
            return
        chave = int.from_bytes(hashlib.sha256(b"seimg-esquema").digest()[:4], "big")
        with conexao.cursor() as cursor:
            # concurrent CREATE TABLE IF NOT EXISTS may still collide
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (chave,))
            for nome in pendentes:
                cursor.execute(_esquemas[nome])
        conexao.commit()
        _criados.update((alvo, n) for n in pendentes)


# --- connections --------------------------------------------------------------

_local = threading.local()


def _erros():
    import psycopg2

    return (psycopg2.OperationalError, psycopg2.InterfaceError)


def _conectar(alvo: str):
    import psycopg2

    try:
        conexao = psycopg2.connect(alvo, connect_timeout=TEMPO_CONEXAO)
    except _erros() as erro:
        logger.warning("PostgreSQL unavailable: %s", str(erro).strip())
        raise BancoIndisponivel() from erro
    conexao.set_session(autocommit=False)
    return conexao


def _conexao(alvo: str):
    conexoes = getattr(_local, "conexoes", None)
    if conexoes is None:
        conexoes = _local.conexoes = {}
        _local.usos = {}
    conexao = conexoes.get(alvo)
    agora = time.monotonic()
    ociosa = agora - _local.usos.get(alvo, agora) > OCIOSA
    if conexao is not None and not conexao.closed and ociosa:
        try:
            with conexao.cursor() as cursor:
                cursor.execute("SELECT 1")
            conexao.rollback()
        except _erros():
            _descartar(alvo)
            conexao = None
    if conexao is None or conexao.closed:
        conexao = conexoes[alvo] = _conectar(alvo)
    _local.usos[alvo] = agora
    return conexao


def _descartar(alvo: str) -> None:
    conexoes = getattr(_local, "conexoes", None) or {}
    conexao = conexoes.pop(alvo, None)
    if conexao is not None:
        with suppress(Exception):  # already broken
            conexao.close()


def fechar() -> None:
    """Close this thread's connections (tests, process shutdown)."""
    for alvo in list(getattr(_local, "conexoes", None) or {}):
        _descartar(alvo)


@contextmanager
def transacao(alvo: str | None = None):
    """A cursor in one short transaction of this thread's connection.

    Committed when the block ends, rolled back when it raises. A failed
    connection raises :class:`BancoIndisponivel`; a connection that broke
    while idle (the server restarted) is replaced once, transparently.
    """
    alvo = alvo or dsn()
    if not alvo:
        raise RuntimeError(f"{VARIAVEL} is not set")
    erros = _erros()
    for tentativa in (1, 2):
        conexao = _conexao(alvo)
        try:
            _garantir_esquemas(conexao, alvo)
            cursor = conexao.cursor()
        except erros as erro:
            _descartar(alvo)
            if tentativa == 1:
                continue  # a stale connection: try a fresh one once
            raise BancoIndisponivel() from erro
        break
    try:
        with cursor:
            yield cursor
        conexao.commit()
    except erros as erro:
        _descartar(alvo)
        logger.warning("PostgreSQL connection lost: %s", str(erro).strip())
        raise BancoIndisponivel() from erro
    except BaseException:
        try:
            conexao.rollback()
        except erros:
            _descartar(alvo)
        raise


def disponivel(alvo: str | None = None) -> bool:
    """Whether the database answers a trivial query now (health checks)."""
    try:
        with transacao(alvo) as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except BancoIndisponivel:
        return False


# --- the database is down: one answer on every surface ------------------------


def _classes_indisponivel() -> tuple[type, ...]:
    classes: list[type] = [BancoIndisponivel]
    try:
        import psycopg2

        classes += [psycopg2.OperationalError, psycopg2.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg2 is a requirement
        pass
    return tuple(classes)


def causa_indisponivel(exc: BaseException | None) -> BaseException | None:
    """The database-unavailable error in ``exc``'s chain (its causes and
    contexts: RelStorage and ZODB wrap the driver's errors), or None."""
    classes = _classes_indisponivel()
    vistos = set()
    while exc is not None and id(exc) not in vistos:
        vistos.add(id(exc))
        if isinstance(exc, classes):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def mensagem_indisponivel(exc: BaseException) -> str:
    """The Portuguese message for a database-unavailable error."""
    if isinstance(exc, BancoIndisponivel):
        return exc.mensagem
    try:
        from psycopg2 import errors

        if isinstance(exc, errors.DiskFull):
            return SEM_ESPACO
    except ImportError:  # pragma: no cover
        pass
    return MENSAGEM


def resposta_indisponivel(exc: BaseException, json_: bool) -> tuple[str, list, bytes]:
    """``(status, headers, body)`` of the 503 answer, JSON in seimg's error
    shape for API clients, else a small page (no site template: the
    database that renders it is what is missing)."""
    import html
    import json

    mensagem = mensagem_indisponivel(exc)
    if json_:
        corpo = json.dumps(
            {"error": {"type": "BancoIndisponivel", "message": mensagem}},
            ensure_ascii=False,
        ).encode("utf-8")
        tipo = "application/json"
    else:
        corpo = (
            '<!DOCTYPE html>\n<html lang="pt-BR"><head><meta charset="utf-8">'
            "<title>Serviço temporariamente indisponível</title></head><body>"
            "<main><h1>Serviço temporariamente indisponível</h1>"
            f"<p>{html.escape(mensagem)}</p></main></body></html>\n"
        ).encode()
        tipo = "text/html; charset=utf-8"
    cabecalhos = [
        ("Content-Type", tipo),
        ("Content-Length", str(len(corpo))),
        ("Retry-After", str(RETRY_AFTER)),
        ("Cache-Control", "no-store"),
    ]
    return "503 Service Unavailable", cabecalhos, corpo
