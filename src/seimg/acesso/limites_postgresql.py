"""The store of access counters and locks in the shared PostgreSQL.

:class:`PostgresStore` implements :class:`seimg.acesso.limites.ILimiteStore`
with the semantics of the SQLite store, in tables ``seimg_limites_eventos``,
``seimg_limites_baldes`` and ``seimg_limites_marcas`` of the database of
``SEIMG_POSTGRESQL_DSN`` (:mod:`seimg.base.postgresql`): every Zope instance
of a cluster counts the same wrong passwords and enforces the same locks.
:func:`seimg.acesso.limites.loja` picks it when the DSN is set.
"""

from __future__ import annotations

from seimg.acesso.limites import balde
from seimg.acesso.limites import Marca
from seimg.acesso.limites import PODA_INTERVALO
from seimg.acesso.limites import RETENCAO_PADRAO
from seimg.base import postgresql
import hashlib


ESQUEMA_POSTGRESQL = """
CREATE TABLE IF NOT EXISTS seimg_limites_eventos (
    tipo text NOT NULL,
    chave text NOT NULL,
    momento double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS seimg_limites_eventos_chave
    ON seimg_limites_eventos (tipo, chave, momento);
CREATE INDEX IF NOT EXISTS seimg_limites_eventos_momento
    ON seimg_limites_eventos (momento);
CREATE TABLE IF NOT EXISTS seimg_limites_baldes (
    tipo text NOT NULL,
    chave text NOT NULL,
    fichas double precision NOT NULL,
    momento double precision NOT NULL,
    PRIMARY KEY (tipo, chave)
);
CREATE TABLE IF NOT EXISTS seimg_limites_marcas (
    tipo text NOT NULL,
    chave text NOT NULL,
    ate double precision NOT NULL,
    criada double precision NOT NULL,
    info text NOT NULL DEFAULT '',
    PRIMARY KEY (tipo, chave)
);
"""

postgresql.registrar_esquema("limites", ESQUEMA_POSTGRESQL)


def _trava(*partes: str) -> int:
    """A 64-bit advisory lock key for ``partes`` (the same in every process)."""
    texto = "\n".join(("seimg-limites", *partes)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(texto).digest()[:8], "big", signed=True)


class PostgresStore:
    """:class:`ILimiteStore` in the shared PostgreSQL (every instance of a
    cluster): one short transaction per operation, outside the ZODB's.

    :meth:`tentar` and :meth:`consumir` first take a transaction-level
    advisory lock on their ``(tipo, chave)``, so two instances (or threads)
    checking the same limit take turns: they can never both pass it.
    Raises :class:`seimg.base.postgresql.BancoIndisponivel` when the
    database is down.
    """

    def __init__(self, dsn: str | None = None, retencao: float = RETENCAO_PADRAO):
        self.dsn = dsn or postgresql.dsn()
        if not self.dsn:
            raise RuntimeError(f"{postgresql.VARIAVEL} is not set")
        self.retencao = retencao
        self._podado_em = 0.0

    def __repr__(self):
        return "<PostgresStore>"  # never the DSN: it may hold a password

    def _transacao(self):
        return postgresql.transacao(self.dsn)

    def _podar(self, cursor, momento: float) -> None:
        """Delete old events and expired marks, at most every PODA_INTERVALO
        (per process: each instance prunes the shared tables now and then)."""
        if momento - self._podado_em < PODA_INTERVALO:
            return
        self._podado_em = momento
        antigo = momento - self.retencao
        cursor.execute(
            "DELETE FROM seimg_limites_eventos WHERE momento < %s", (antigo,)
        )
        cursor.execute("DELETE FROM seimg_limites_marcas WHERE ate < %s", (momento,))
        cursor.execute("DELETE FROM seimg_limites_baldes WHERE momento < %s", (antigo,))

    # --- events ------------------------------------------------------------

    def registrar(self, tipo: str, chave: str, momento: float) -> None:
        with self._transacao() as cursor:
            cursor.execute(
                "INSERT INTO seimg_limites_eventos (tipo, chave, momento) "
                "VALUES (%s, %s, %s)",
                (tipo, chave, momento),
            )
            self._podar(cursor, momento)

    def momentos(
        self,
        tipo: str,
        chave: str,
        desde: float | None = None,
        limite: int | None = None,
    ) -> list[float]:
        with self._transacao() as cursor:
            cursor.execute(
                "SELECT momento FROM seimg_limites_eventos WHERE tipo = %s "
                "AND chave = %s AND momento > %s ORDER BY momento DESC LIMIT %s",
                (tipo, chave, float("-inf") if desde is None else desde, limite),
            )
            return [row[0] for row in cursor.fetchall()]

    def tentar(
        self, tipo: str, chave: str, momento: float, janela: float, limite: int
    ) -> bool:
        with self._transacao() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", (_trava("eventos", tipo, chave),)
            )
            cursor.execute(
                "DELETE FROM seimg_limites_eventos WHERE tipo = %s AND chave = %s "
                "AND momento <= %s",
                (tipo, chave, momento - janela),
            )
            cursor.execute(
                "SELECT count(*) FROM seimg_limites_eventos "
                "WHERE tipo = %s AND chave = %s",
                (tipo, chave),
            )
            if cursor.fetchone()[0] >= limite:
                return False
            cursor.execute(
                "INSERT INTO seimg_limites_eventos (tipo, chave, momento) "
                "VALUES (%s, %s, %s)",
                (tipo, chave, momento),
            )
            self._podar(cursor, momento)
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
        with self._transacao() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", (_trava("baldes", tipo, chave),)
            )
            cursor.execute(
                "SELECT fichas, momento FROM seimg_limites_baldes "
                "WHERE tipo = %s AND chave = %s",
                (tipo, chave),
            )
            linha = cursor.fetchone()
            fichas, espera = balde(linha, momento, capacidade, por_segundo, custo)
            cursor.execute(
                "INSERT INTO seimg_limites_baldes (tipo, chave, fichas, momento) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (tipo, chave) DO UPDATE SET "
                "fichas = excluded.fichas, momento = excluded.momento",
                (tipo, chave, fichas, momento),
            )
            self._podar(cursor, momento)
            return espera

    def esquecer(self, tipo: str, chave: str | None = None) -> None:
        with self._transacao() as cursor:
            if chave is None:
                cursor.execute(
                    "DELETE FROM seimg_limites_eventos WHERE tipo = %s", (tipo,)
                )
            else:
                cursor.execute(
                    "DELETE FROM seimg_limites_eventos WHERE tipo = %s AND chave = %s",
                    (tipo, chave),
                )

    # --- marks -------------------------------------------------------------

    def marcar(
        self, tipo: str, chave: str, ate: float, momento: float, info: str = ""
    ) -> None:
        with self._transacao() as cursor:
            cursor.execute(
                "INSERT INTO seimg_limites_marcas (tipo, chave, ate, criada, info) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (tipo, chave) DO UPDATE "
                "SET ate = excluded.ate, criada = excluded.criada, "
                "info = excluded.info",
                (tipo, chave, ate, momento, info),
            )

    def marca(self, tipo: str, chave: str, momento: float) -> Marca | None:
        with self._transacao() as cursor:
            cursor.execute(
                "SELECT tipo, chave, ate, criada, info FROM seimg_limites_marcas "
                "WHERE tipo = %s AND chave = %s AND ate > %s",
                (tipo, chave, momento),
            )
            row = cursor.fetchone()
        return Marca(*row) if row else None

    def marcas(self, tipo: str, momento: float) -> list[Marca]:
        with self._transacao() as cursor:
            cursor.execute(
                "SELECT tipo, chave, ate, criada, info FROM seimg_limites_marcas "
                'WHERE tipo = %s AND ate > %s ORDER BY chave COLLATE "C"',
                (tipo, momento),
            )
            return [Marca(*row) for row in cursor.fetchall()]

    def desmarcar(self, tipo: str, chave: str) -> bool:
        with self._transacao() as cursor:
            cursor.execute(
                "DELETE FROM seimg_limites_marcas WHERE tipo = %s AND chave = %s",
                (tipo, chave),
            )
            return cursor.rowcount > 0

    def limpar(self, tipos: tuple[str, ...] | None = None) -> None:
        with self._transacao() as cursor:
            for tabela in (
                "seimg_limites_eventos",
                "seimg_limites_marcas",
                "seimg_limites_baldes",
            ):
                if tipos is None:
                    cursor.execute(f"DELETE FROM {tabela}")
                else:
                    cursor.execute(
                        f"DELETE FROM {tabela} WHERE tipo = ANY(%s)",
                        (list(tipos),),
                    )
