"""Number sequences in the shared PostgreSQL (several Zope instances).

When ``SEIMG_POSTGRESQL_DSN`` is set (:mod:`seimg.base.postgresql`),
:func:`seimg.numeracao.alocar` asks :data:`ALOCADOR` (an
:class:`~seimg.numeracao.IAlocadorNumeros`) instead of the ZODB counters of
:mod:`.contadores`: one row per sequence in ``seimg_contadores(chave text
primary key, valor bigint)``, the last value issued.

**Why rows and not ``CREATE SEQUENCE``.** A row advanced by ``UPDATE …
SET valor = valor + passo … RETURNING valor`` in its own short transaction
behaves as a sequence (committed at once, never rolled back with the
request: an aborted request leaves a gap, never a duplicate) and, unlike
``nextval``, reserves a *contiguous* block atomically (``passo`` > 1: the
CMFUid ids of :mod:`.cmfuid`, or several numbers of one request), and
advances several sequences in one transaction. Keys are dynamic (one per
unit, document type and year), which rows suit better than thousands of
sequence objects. The row lock serialises allocations of one key only for
the few microseconds of that transaction.

Each :meth:`AlocadorPostgres.alocar` is **one** PostgreSQL transaction,
never part of the ZODB's: the keys are seeded if missing (``INSERT … ON
CONFLICT DO NOTHING``), then advanced in sorted order (two requests that
need the same keys lock them in the same order: no deadlock).

**Seeding.** The first time a key is used in PostgreSQL its starting value
is the ZODB counter's current value (:func:`.contadores.atual`), so a site
migrated from FileStorage never reissues a number;
:func:`copiar_contadores_zodb` copies every ZODB counter at once (the
migration, ``make migrar-postgresql``), keeping the larger of both values.
"""

from __future__ import annotations

from seimg.base import postgresql
from seimg.numeracao import contadores
from seimg.numeracao import IAlocadorNumeros
from zope.interface import implementer
import threading


ESQUEMA = """
CREATE TABLE IF NOT EXISTS seimg_contadores (
    chave text PRIMARY KEY,
    valor bigint NOT NULL CHECK (valor >= 0)
);
"""

postgresql.registrar_esquema("contadores", ESQUEMA)


class _Sumiu(Exception):
    """A counter row this process saw is no longer there."""


@implementer(IAlocadorNumeros)
class AlocadorPostgres:
    """Counters as rows of ``seimg_contadores`` (see the module)."""

    def __init__(self):
        # (dsn, chave) known to exist in PostgreSQL: no seeding query again
        self._conhecidas: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def _sementes(self, alvo: str, chaves: list[str], holder) -> dict[str, int]:
        """The ZODB values of the keys not yet in PostgreSQL (read before
        the allocating transaction, which stays short)."""
        with self._lock:
            desconhecidas = [c for c in chaves if (alvo, c) not in self._conhecidas]
        if not desconhecidas:
            return {}
        with postgresql.transacao(alvo) as cursor:
            cursor.execute(
                "SELECT chave FROM seimg_contadores WHERE chave = ANY(%s)",
                (desconhecidas,),
            )
            existentes = {linha[0] for linha in cursor.fetchall()}
        with self._lock:
            self._conhecidas.update((alvo, c) for c in existentes)
        return {
            chave: contadores.atual(chave, holder)
            for chave in desconhecidas
            if chave not in existentes
        }

    def alocar(self, passos: dict[str, int], holder=None) -> dict[str, int]:
        if not passos:
            return {}
        if any(int(passo) < 1 for passo in passos.values()):
            raise ValueError(f"passos must be positive: {passos!r}")
        alvo = postgresql.dsn()
        chaves = sorted(passos)
        for tentativa in (1, 2):
            sementes = self._sementes(alvo, chaves, holder)
            try:
                resultado = self._avancar(alvo, chaves, passos, sementes)
            except _Sumiu:
                # a row known here is gone (a restored or recreated
                # database): seed again, once
                with self._lock:
                    self._conhecidas.difference_update((alvo, c) for c in chaves)
                if tentativa == 2:
                    raise RuntimeError("counter rows vanished twice") from None
                continue
            with self._lock:
                self._conhecidas.update((alvo, c) for c in chaves)
            return resultado
        raise AssertionError  # pragma: no cover

    def _avancar(self, alvo, chaves, passos, sementes) -> dict[str, int]:
        """The one allocating transaction: seed, then advance in key order."""
        resultado = {}
        with postgresql.transacao(alvo) as cursor:
            for chave in sorted(sementes):
                cursor.execute(
                    "INSERT INTO seimg_contadores (chave, valor) VALUES (%s, %s) "
                    "ON CONFLICT (chave) DO NOTHING",
                    (chave, sementes[chave]),
                )
            for chave in chaves:
                cursor.execute(
                    "UPDATE seimg_contadores SET valor = valor + %s "
                    "WHERE chave = %s RETURNING valor",
                    (int(passos[chave]), chave),
                )
                linha = cursor.fetchone()
                if linha is None:
                    raise _Sumiu(chave)  # rolls the whole transaction back
                resultado[chave] = linha[0]
        return resultado

    def atual(self, chave: str, holder=None) -> int:
        """The last value issued by ``chave``: PostgreSQL's, or the ZODB
        counter's while the key was never used in PostgreSQL."""
        with postgresql.transacao() as cursor:
            cursor.execute(
                "SELECT valor FROM seimg_contadores WHERE chave = %s", (chave,)
            )
            linha = cursor.fetchone()
        if linha is not None:
            return linha[0]
        return contadores.atual(chave, holder)

    def esquecer(self) -> None:
        """Forget which keys exist (tests that drop their database)."""
        with self._lock:
            self._conhecidas.clear()


ALOCADOR = AlocadorPostgres()


def copiar_contadores_zodb(holder, alvo: str | None = None) -> int:
    """Copy every ZODB counter of ``holder`` (the Plone site) into
    PostgreSQL, keeping the larger value of both; how many keys.

    For the migration from FileStorage (``make migrar-postgresql``); safe to
    run again, and while instances allocate (a value never goes back).
    """

    def ler(arvore) -> list[tuple[str, int]]:
        if arvore is None:
            return []
        return [(chave, int(contador.valor)) for chave, contador in arvore.items()]

    linhas = None
    if contadores._separada(holder):
        try:  # the committed state, as contadores.atual reads it
            linhas = contadores._em_conexao_separada(holder, ler)
        except contadores._Invisivel:
            linhas = None
    if linhas is None:
        linhas = ler(contadores._arvore(holder))
    if not linhas:
        return 0
    from psycopg2.extras import execute_values

    with postgresql.transacao(alvo) as cursor:
        execute_values(
            cursor,
            "INSERT INTO seimg_contadores (chave, valor) VALUES %s "
            "ON CONFLICT (chave) DO UPDATE "
            "SET valor = GREATEST(seimg_contadores.valor, excluded.valor)",
            sorted(linhas),
            page_size=500,
        )
    return len(linhas)
