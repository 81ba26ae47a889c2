"""Creations take turns: one at a time per process, and per cluster.

ZODB's optimistic concurrency makes concurrent creations in one unit write
the same few objects (the processos folder's tree, the catalog's buckets of
sequential ids, titles and NUPs, the search index's ``nup:`` keys): most
merge, but bucket splits do not, and a conflict costs a whole retry of the
request after a random sleep of up to seconds (Zope's ``delay_retry``), a
number lost and the CPU of the first try. Under 8 clients creating in one
unit that was p99 of 3–7 s on FileStorage and 9–27 s on the cluster.

So creation requests queue instead of colliding: a subscriber of
``IPubStart`` takes a lock **before** the request reads anything, then
starts the transaction again so its snapshot is taken after the previous
creation committed; ``IPubSuccess``/``IPubFailure`` release it (after the
commit or abort, before a conflict retry sleeps). The lock is a
``threading.Lock`` of the process and, with PostgreSQL
(``SEIMG_POSTGRESQL_DSN``), also a PostgreSQL advisory lock held by the
thread's own connection, so instances take turns too. Waiting is bounded
(:data:`ESPERA` seconds): past it the creation runs unlocked, as before.
Reads and other writes are never held.

A *creation* is recognised from the request alone (nothing is traversed
yet): a REST ``POST`` to a container (plone.restapi's content creation: the
last path segment is not a service), ``@documento-externo``, ``@duplicar``,
or a Classic UI add form (``++add++…``) submitted with ``POST``.
"""

from __future__ import annotations

from contextlib import suppress
from seimg.base import postgresql
import hashlib
import logging
import threading
import transaction


logger = logging.getLogger("seimg.criacao")

#: Seconds a creation waits for its turn before running unlocked.
ESPERA = 30.0
SERVICOS = frozenset({"@documento-externo", "@duplicar"})
CHAVE_PG = int.from_bytes(hashlib.sha256(b"seimg-criacao").digest()[:4], "big")
_MARCA = "seimg.criacao.vez"

_trava = threading.Lock()
_local = threading.local()


def e_criacao(request) -> bool:
    """Whether ``request`` creates content (see the module's docstring)."""
    if request.get("REQUEST_METHOD", "").upper() != "POST":
        return False
    caminho = request.get("PATH_INFO", "") or ""
    ultimo = caminho.rstrip("/").rsplit("/", 1)[-1]
    if ultimo.startswith("++add++"):
        return True
    if ultimo in SERVICOS:
        return True
    aceita = request.getHeader("Accept", "") or ""
    tipo = request.getHeader("Content-Type", "") or ""
    api = "application/json" in aceita or "application/json" in tipo
    return (
        api
        and bool(ultimo)
        and not ultimo.startswith(("@", "++"))
        and ("@@" not in caminho)
    )


def _conexao_pg():
    """This thread's connection holding the cluster-wide lock (its own: the
    lock lives as long as the session, across short transactions)."""
    import psycopg2

    alvo = postgresql.dsn()
    conexao = getattr(_local, "pg", None)
    if conexao is not None and (conexao.closed or _local.pg_dsn != alvo):
        with suppress(Exception):
            conexao.close()
        conexao = None
    if conexao is None:
        conexao = psycopg2.connect(alvo, connect_timeout=postgresql.TEMPO_CONEXAO)
        conexao.autocommit = True
        with conexao.cursor() as cursor:
            cursor.execute("SET lock_timeout = %s", (f"{int(ESPERA * 1000)}ms",))
        _local.pg, _local.pg_dsn = conexao, alvo
    return conexao


def _travar_pg() -> bool:
    try:
        with _conexao_pg().cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (CHAVE_PG,))
        return True
    except Exception as erro:
        logger.warning("creation runs without the cluster lock: %s", erro)
        _descartar_pg()
        return False


def _destravar_pg() -> None:
    conexao = getattr(_local, "pg", None)
    if conexao is None:
        return
    try:
        with conexao.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (CHAVE_PG,))
    except Exception:
        _descartar_pg()  # closing the session frees the lock


def _descartar_pg() -> None:
    conexao = getattr(_local, "pg", None)
    _local.pg = None
    if conexao is not None:
        with suppress(Exception):
            conexao.close()


def ao_iniciar(event) -> None:
    request = event.request
    if not e_criacao(request):
        return
    if not _trava.acquire(timeout=ESPERA):
        logger.warning("creation runs unlocked after %.0f s waiting", ESPERA)
        return
    vez = {"pg": False}
    request.other[_MARCA] = vez
    if postgresql.ativo():
        vez["pg"] = _travar_pg()
    # Another creation may have committed while this one waited: begin
    # again (nothing was read or written yet) so the snapshot is newer.
    transaction.manager.begin()


def ao_terminar(event) -> None:
    vez = event.request.other.pop(_MARCA, None)
    if vez is None:
        return
    if vez["pg"]:
        _destravar_pg()
    _trava.release()
