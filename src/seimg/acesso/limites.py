"""The store of access counters and locks, behind one small interface.

Everything that limits guessing (wrong passwords per login and address,
known addresses, locks, password-reset requests, authenticity checks, the
signing lockout) keeps its state here, **outside the ZODB and outside the
request's transaction**: a request that ends in 401 aborts its transaction,
so a counter kept there would be rolled back with it, and an append-only
``Data.fs`` would grow with every guess.

The interface (:class:`ILimiteStore`) has three kinds of records:

- *events*: ``(tipo, chave, momento)`` rows, counted in sliding windows;
- *marks*: one ``(tipo, chave)`` row with an expiry (``ate``) and a short
  text, for locks and for "this login succeeded from this address";
- *buckets*: one ``(tipo, chave)`` row of tokens (:func:`balde`), for rates
  with bursts whatever the traffic (the public portal's pages and exports,
  per address: one row, not one per request).

Times are seconds since the epoch (``time.time()``); callers pass them in,
so tests never sleep: :data:`relogio` is the clock everyone asks.

:class:`SQLiteStore` is the implementation for the embedded site: one file,
``$SEIMG_DATA/seguranca/limites.sqlite``, in WAL mode, one short connection
and transaction per operation (safe across threads and processes on one
host). :class:`~seimg.acesso.limites_postgresql.PostgresStore` is the same
interface in the shared PostgreSQL database (:mod:`seimg.base.postgresql`,
tables ``seimg_limites_*``): every Zope instance of a cluster sees the same
counters and locks, so a login locked through one instance is locked on
all. :func:`loja` picks it when ``SEIMG_POSTGRESQL_DSN`` is set, the SQLite
file otherwise.
:class:`MemoriaStore` keeps the same data in a dict, for unit tests.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from seimg.base import postgresql
from typing import Protocol
from typing import runtime_checkable
import logging
import os
import sqlite3
import tempfile
import threading
import time


logger = logging.getLogger("seimg.acesso")

ARQUIVO = "limites.sqlite"
# Events older than this are deleted (it must exceed every window in use).
RETENCAO_PADRAO = 7 * 24 * 3600.0
# How often (seconds) a store deletes old events and expired marks.
PODA_INTERVALO = 600.0

relogio: Callable[[], float] = time.time
"""The clock (seconds since the epoch); tests replace it."""


def agora() -> float:
    return relogio()


@dataclass(frozen=True)
class Marca:
    """A lock or a remembered fact, valid until ``ate``."""

    tipo: str
    chave: str
    ate: float
    criada: float
    info: str = ""


def balde(
    estado: tuple[float, float] | None,
    momento: float,
    capacidade: float,
    por_segundo: float,
    custo: float = 1.0,
) -> tuple[float, float]:
    """A token bucket's step: ``estado`` is ``(fichas, momento)`` as last
    stored (None: a full bucket). Returns the tokens to store (at
    ``momento``) and 0.0 when ``custo`` was taken, else the seconds to wait."""
    if estado is None:
        fichas = capacidade
    else:
        anteriores, quando = estado
        fichas = min(capacidade, anteriores + max(0.0, momento - quando) * por_segundo)
    if fichas >= custo:
        return fichas - custo, 0.0
    falta = custo - fichas
    return fichas, (falta / por_segundo if por_segundo > 0 else float("inf"))


@runtime_checkable
class ILimiteStore(Protocol):
    """What a store of counters and locks provides (times in epoch seconds)."""

    def registrar(self, tipo: str, chave: str, momento: float) -> None:
        """Record one event."""

    def momentos(
        self,
        tipo: str,
        chave: str,
        desde: float | None = None,
        limite: int | None = None,
    ) -> list[float]:
        """The events of ``(tipo, chave)`` after ``desde``, newest first."""

    def tentar(
        self, tipo: str, chave: str, momento: float, janela: float, limite: int
    ) -> bool:
        """Record one event unless ``limite`` events exist within ``janela``.

        Atomic: returns False (and records nothing) when over the limit.
        """

    def consumir(
        self,
        tipo: str,
        chave: str,
        momento: float,
        capacidade: float,
        por_segundo: float,
        custo: float = 1.0,
    ) -> float:
        """Take ``custo`` tokens from the bucket ``(tipo, chave)`` (full at
        ``capacidade``, refilled at ``por_segundo``).

        Atomic: returns 0.0 when taken, else the seconds until enough tokens
        are back (and takes nothing). One row per key, whatever the traffic.
        """

    def esquecer(self, tipo: str, chave: str | None = None) -> None:
        """Delete the events of ``(tipo, chave)`` (of every key if None)."""

    def marcar(
        self, tipo: str, chave: str, ate: float, momento: float, info: str = ""
    ) -> None:
        """Create or replace the mark ``(tipo, chave)``."""

    def marca(self, tipo: str, chave: str, momento: float) -> Marca | None:
        """The mark if it is still valid at ``momento``."""

    def marcas(self, tipo: str, momento: float) -> list[Marca]:
        """Every mark of ``tipo`` still valid at ``momento``."""

    def desmarcar(self, tipo: str, chave: str) -> bool:
        """Delete a mark; True when there was one (valid or not)."""

    def limpar(self, tipos: tuple[str, ...] | None = None) -> None:
        """Delete everything (of ``tipos`` only, when given)."""


class SQLiteStore:
    """:class:`ILimiteStore` in one SQLite file (WAL, short transactions)."""

    def __init__(
        self,
        caminho: str | os.PathLike,
        retencao: float = RETENCAO_PADRAO,
        timeout: float = 5.0,
    ):
        self.caminho = Path(caminho)
        self.retencao = retencao
        self.timeout = timeout
        self._pronto = False
        self._lock = threading.Lock()
        self._local = threading.local()
        self._podado_em = 0.0

    def __repr__(self):
        return f"<SQLiteStore {self.caminho}>"

    # --- connections -------------------------------------------------------

    def _preparar(self, con: sqlite3.Connection) -> None:
        with self._lock:
            if self._pronto:
                return
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(
                """
                CREATE TABLE IF NOT EXISTS eventos (
                    tipo TEXT NOT NULL,
                    chave TEXT NOT NULL,
                    momento REAL NOT NULL
                );
                CREATE INDEX IF NOT EXISTS eventos_chave
                    ON eventos (tipo, chave, momento);
                CREATE INDEX IF NOT EXISTS eventos_momento ON eventos (momento);
                CREATE TABLE IF NOT EXISTS baldes (
                    tipo TEXT NOT NULL,
                    chave TEXT NOT NULL,
                    fichas REAL NOT NULL,
                    momento REAL NOT NULL,
                    PRIMARY KEY (tipo, chave)
                );
                CREATE TABLE IF NOT EXISTS marcas (
                    tipo TEXT NOT NULL,
                    chave TEXT NOT NULL,
                    ate REAL NOT NULL,
                    criada REAL NOT NULL,
                    info TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (tipo, chave)
                );
                """
            )
            self._pronto = True

    def _conexao(self) -> sqlite3.Connection:
        """This thread's connection (opened once: opening costs more than
        the queries of a request)."""
        con = getattr(self._local, "con", None)
        if con is None:
            if not self._pronto:
                self.caminho.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            con = sqlite3.connect(
                self.caminho, timeout=self.timeout, isolation_level=None
            )
            try:
                self._preparar(con)
                con.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                con.close()
                raise
            self._local.con = con
        return con

    def fechar(self) -> None:
        """Close this thread's connection (the next operation opens another)."""
        con = getattr(self._local, "con", None)
        self._local.con = None
        if con is not None:
            con.close()

    @contextmanager
    def _transacao(self, escrita: bool = False):
        con = self._conexao()
        try:
            con.execute("BEGIN IMMEDIATE" if escrita else "BEGIN")
        except sqlite3.Error:
            self.fechar()  # a broken connection is not kept
            raise
        try:
            yield con
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                self.fechar()
            raise
        try:
            con.execute("COMMIT")
        except sqlite3.Error:
            self.fechar()
            raise

    def _podar(self, con: sqlite3.Connection, momento: float) -> None:
        """Delete old events and expired marks, at most every PODA_INTERVALO."""
        if momento - self._podado_em < PODA_INTERVALO:
            return
        self._podado_em = momento
        con.execute("DELETE FROM eventos WHERE momento < ?", (momento - self.retencao,))
        con.execute("DELETE FROM marcas WHERE ate < ?", (momento,))
        con.execute("DELETE FROM baldes WHERE momento < ?", (momento - self.retencao,))

    # --- events ------------------------------------------------------------

    def registrar(self, tipo: str, chave: str, momento: float) -> None:
        with self._transacao(escrita=True) as con:
            con.execute(
                "INSERT INTO eventos (tipo, chave, momento) VALUES (?, ?, ?)",
                (tipo, chave, momento),
            )
            self._podar(con, momento)

    def momentos(
        self,
        tipo: str,
        chave: str,
        desde: float | None = None,
        limite: int | None = None,
    ) -> list[float]:
        with self._transacao() as con:
            rows = con.execute(
                "SELECT momento FROM eventos WHERE tipo = ? AND chave = ? "
                "AND momento > ? ORDER BY momento DESC LIMIT ?",
                (
                    tipo,
                    chave,
                    float("-inf") if desde is None else desde,
                    -1 if limite is None else limite,
                ),
            ).fetchall()
        return [row[0] for row in rows]

    def tentar(
        self, tipo: str, chave: str, momento: float, janela: float, limite: int
    ) -> bool:
        with self._transacao(escrita=True) as con:
            con.execute(
                "DELETE FROM eventos WHERE tipo = ? AND chave = ? AND momento <= ?",
                (tipo, chave, momento - janela),
            )
            (quantos,) = con.execute(
                "SELECT count(*) FROM eventos WHERE tipo = ? AND chave = ?",
                (tipo, chave),
            ).fetchone()
            if quantos >= limite:
                return False
            con.execute(
                "INSERT INTO eventos (tipo, chave, momento) VALUES (?, ?, ?)",
                (tipo, chave, momento),
            )
            self._podar(con, momento)
            return True

    def consumir(
        self,
        tipo: str,
        chave: str,
        momento: float,
        capacidade: float,
        por_segundo: float,
        custo: float = 1.0,
    ) -> float:
        with self._transacao(escrita=True) as con:
            linha = con.execute(
                "SELECT fichas, momento FROM baldes WHERE tipo = ? AND chave = ?",
                (tipo, chave),
            ).fetchone()
            fichas, espera = balde(linha, momento, capacidade, por_segundo, custo)
            con.execute(
                "INSERT INTO baldes (tipo, chave, fichas, momento) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (tipo, chave) DO UPDATE SET fichas = excluded.fichas,"
                " momento = excluded.momento",
                (tipo, chave, fichas, momento),
            )
            self._podar(con, momento)
            return espera

    def esquecer(self, tipo: str, chave: str | None = None) -> None:
        with self._transacao(escrita=True) as con:
            if chave is None:
                con.execute("DELETE FROM eventos WHERE tipo = ?", (tipo,))
            else:
                con.execute(
                    "DELETE FROM eventos WHERE tipo = ? AND chave = ?", (tipo, chave)
                )

    # --- marks -------------------------------------------------------------

    def marcar(
        self, tipo: str, chave: str, ate: float, momento: float, info: str = ""
    ) -> None:
        with self._transacao(escrita=True) as con:
            con.execute(
                "INSERT INTO marcas (tipo, chave, ate, criada, info) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tipo, chave) DO UPDATE SET "
                "ate = excluded.ate, criada = excluded.criada, info = excluded.info",
                (tipo, chave, ate, momento, info),
            )

    def marca(self, tipo: str, chave: str, momento: float) -> Marca | None:
        with self._transacao() as con:
            row = con.execute(
                "SELECT tipo, chave, ate, criada, info FROM marcas "
                "WHERE tipo = ? AND chave = ? AND ate > ?",
                (tipo, chave, momento),
            ).fetchone()
        return Marca(*row) if row else None

    def marcas(self, tipo: str, momento: float) -> list[Marca]:
        with self._transacao() as con:
            rows = con.execute(
                "SELECT tipo, chave, ate, criada, info FROM marcas "
                "WHERE tipo = ? AND ate > ? ORDER BY chave",
                (tipo, momento),
            ).fetchall()
        return [Marca(*row) for row in rows]

    def desmarcar(self, tipo: str, chave: str) -> bool:
        with self._transacao(escrita=True) as con:
            cursor = con.execute(
                "DELETE FROM marcas WHERE tipo = ? AND chave = ?", (tipo, chave)
            )
            return cursor.rowcount > 0

    def limpar(self, tipos: tuple[str, ...] | None = None) -> None:
        with self._transacao(escrita=True) as con:
            if tipos is None:
                con.execute("DELETE FROM eventos")
                con.execute("DELETE FROM marcas")
                con.execute("DELETE FROM baldes")
                return
            for tipo in tipos:
                con.execute("DELETE FROM eventos WHERE tipo = ?", (tipo,))
                con.execute("DELETE FROM marcas WHERE tipo = ?", (tipo,))
                con.execute("DELETE FROM baldes WHERE tipo = ?", (tipo,))


class MemoriaStore:
    """:class:`ILimiteStore` in this process's memory (unit tests, fallbacks)."""

    def __init__(self):
        self._eventos: dict[tuple[str, str], list[float]] = {}
        self._marcas: dict[tuple[str, str], Marca] = {}
        self._baldes: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def registrar(self, tipo, chave, momento):
        with self._lock:
            self._eventos.setdefault((tipo, chave), []).append(momento)

    def momentos(self, tipo, chave, desde=None, limite=None):
        desde = float("-inf") if desde is None else desde
        with self._lock:
            lista = sorted(
                (m for m in self._eventos.get((tipo, chave), ()) if m > desde),
                reverse=True,
            )
        return lista if limite is None else lista[:limite]

    def tentar(self, tipo, chave, momento, janela, limite):
        with self._lock:
            lista = [
                m for m in self._eventos.get((tipo, chave), ()) if m > momento - janela
            ]
            if len(lista) >= limite:
                self._eventos[(tipo, chave)] = lista
                return False
            lista.append(momento)
            self._eventos[(tipo, chave)] = lista
            return True

    def consumir(self, tipo, chave, momento, capacidade, por_segundo, custo=1.0):
        with self._lock:
            fichas, espera = balde(
                self._baldes.get((tipo, chave)), momento, capacidade, por_segundo, custo
            )
            self._baldes[(tipo, chave)] = (fichas, momento)
            return espera

    def esquecer(self, tipo, chave=None):
        with self._lock:
            for chave_ in [k for k in self._eventos if k[0] == tipo]:
                if chave is None or chave_[1] == chave:
                    del self._eventos[chave_]

    def marcar(self, tipo, chave, ate, momento, info=""):
        with self._lock:
            self._marcas[(tipo, chave)] = Marca(tipo, chave, ate, momento, info)

    def marca(self, tipo, chave, momento):
        with self._lock:
            marca = self._marcas.get((tipo, chave))
        return marca if marca is not None and marca.ate > momento else None

    def marcas(self, tipo, momento):
        with self._lock:
            return sorted(
                (
                    m
                    for m in self._marcas.values()
                    if m.tipo == tipo and m.ate > momento
                ),
                key=lambda m: m.chave,
            )

    def desmarcar(self, tipo, chave):
        with self._lock:
            return self._marcas.pop((tipo, chave), None) is not None

    def limpar(self, tipos=None):
        with self._lock:
            if tipos is None:
                self._eventos.clear()
                self._marcas.clear()
                self._baldes.clear()
                return
            for chave in [k for k in self._baldes if k[0] in tipos]:
                del self._baldes[chave]
            for chave in [k for k in self._eventos if k[0] in tipos]:
                del self._eventos[chave]
            for chave in [k for k in self._marcas if k[0] in tipos]:
                del self._marcas[chave]


# --- the store in use ---------------------------------------------------------

_fixa: ILimiteStore | None = None
_lojas: dict[Path | str, ILimiteStore] = {}
_lojas_lock = threading.Lock()


def caminho_padrao() -> Path:
    """``$SEIMG_DATA/seguranca/limites.sqlite`` (a private temp folder without it)."""
    dados = os.environ.get("SEIMG_DATA")
    if dados:
        pasta = Path(dados).resolve() / "seguranca"
    else:
        pasta = Path(tempfile.gettempdir()) / f"seimg-seguranca-{os.getuid()}"
    return pasta / ARQUIVO


def loja() -> ILimiteStore:
    """The store every limit uses: the one given to :func:`usar`, else one
    PostgresStore per DSN when ``SEIMG_POSTGRESQL_DSN`` is set, else one
    SQLiteStore per file (per process)."""
    if _fixa is not None:
        return _fixa
    dsn = postgresql.dsn()
    if dsn:
        from seimg.acesso.limites_postgresql import PostgresStore

        with _lojas_lock:
            store = _lojas.get(dsn)
            if store is None:
                store = _lojas[dsn] = PostgresStore(dsn)
        return store
    caminho = caminho_padrao()
    with _lojas_lock:
        store = _lojas.get(caminho)
        if store is None:
            store = _lojas[caminho] = SQLiteStore(caminho)
    return store


def usar(store: ILimiteStore | None) -> ILimiteStore | None:
    """Make ``store`` the one in use (None: back to the default); returns the old."""
    global _fixa
    antiga, _fixa = _fixa, store
    return antiga
