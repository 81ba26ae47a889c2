"""``Idempotency-Key`` on the REST endpoints that create things.

A client that times out does not know whether its request was done, and
retries. With an ``Idempotency-Key`` header (the IETF draft "The
Idempotency-Key HTTP Header Field", as Stripe has it), the retry gets the
first answer instead of a second process:

- no key: nothing changes;
- a new key: reserved atomically ("em andamento"), the request runs, and its
  answer (2xx only: status, ``Content-Type``, ``Location`` and body) is kept
  **only when the ZODB transaction commits**. A failure (4xx/5xx, an
  exception, a ``ConflictError`` before the publisher's retry, a failed
  commit, an abort) releases the key, so a retry runs again;
- the same key and the same request (method, path, body, ``Content-Type``,
  ``X-Unidade``), done: the kept answer, exactly, with
  ``Idempotent-Replayed: true``, and nothing runs (no object, no number);
  unless the user may no longer View the object its ``Location`` names (it
  became sigiloso, the user left the unit, it is gone): then 404, as for
  any hidden object;
- the same key and another body: 422; the same key still running: 409 with
  ``Retry-After``; a malformed key (empty, longer than 255 characters, not
  printable ASCII): 400. All in seimg's error shape, in Portuguese.

A release or an answer the store could not write (the database went down
after the request) is retried before this process's next request with a
key. Keys belong to a user: another user's equal key is another key. A key is
remembered for ``SEIMG_IDEMPOTENCIA_HORAS`` hours (24) from its first use,
then pruned. A reservation whose request never finished (the process died)
is taken over after :data:`ABANDONO` seconds.

The records live outside the ZODB, behind :class:`IIdempotenciaStore`:
:class:`SQLiteStore` (``$SEIMG_DATA/idempotencia/chaves.sqlite``, the
embedded default), :class:`PostgresStore` (table ``seimg_idempotencia`` of
the shared database, when :func:`seimg.base.postgresql.ativo`, so every
instance of a cluster knows every key) and :class:`MemoriaStore` (tests).

A service opts in with the :class:`Idempotente` mixin (before its plone.
restapi base class); ``idempotente()`` may narrow it (e.g. to the creating
path of a service that also has actions).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from seimg import _
from seimg.base import postgresql
from typing import NamedTuple
from typing import Protocol
from typing import runtime_checkable
import hashlib
import json
import logging
import os
import socket
import sqlite3
import tempfile
import threading
import time
import uuid


logger = logging.getLogger("seimg.idempotencia")

CABECALHO = "Idempotency-Key"
REPETIDA = "Idempotent-Replayed"
VARIAVEL_HORAS = "SEIMG_IDEMPOTENCIA_HORAS"
HORAS_PADRAO = 24.0
#: Longest key accepted (characters).
TAMANHO_MAXIMO = 255
#: Seconds after which a reservation whose request never ended (its process
#: died between the reservation and the end of the transaction) is taken
#: over by the next request with its key.
ABANDONO = 600.0
#: How often (seconds) a store deletes expired keys.
PODA_INTERVALO = 600.0
#: Seconds a client should wait before retrying a key still in progress.
RETRY_AFTER = 2
#: Response headers kept and replayed (besides the status and the body).
CABECALHOS_GUARDADOS = ("Content-Type", "Location")

EM_ANDAMENTO = "em_andamento"
CONCLUIDO = "concluido"

relogio: Callable[[], float] = time.time
"""The clock (seconds since the epoch); tests replace it."""

MENSAGEM_INVALIDA = _(
    "idempotencia_chave_invalida",
    default="The Idempotency-Key header must have 1 to 255 printable ASCII characters.",
)
MENSAGEM_EM_ANDAMENTO = _(
    "idempotencia_em_andamento",
    default="A request with this Idempotency-Key is still running. Wait for "
    "its answer and try again in a few seconds.",
)
MENSAGEM_DIVERGENTE = _(
    "idempotencia_divergente",
    default="This Idempotency-Key was already used for a different request. "
    "Use a new key for a new request.",
)


def validade() -> float:
    """Seconds a key is remembered (``SEIMG_IDEMPOTENCIA_HORAS``, default 24)."""
    valor = os.environ.get(VARIAVEL_HORAS, "").strip()
    if not valor:
        return HORAS_PADRAO * 3600
    try:
        horas = float(valor)
    except ValueError:
        horas = -1.0
    if not 0 < horas <= 24 * 365:
        logger.warning(
            "%s=%r is not a number of hours; using 24", VARIAVEL_HORAS, valor
        )
        horas = HORAS_PADRAO
    return horas * 3600


# --- records ------------------------------------------------------------------


class Identificacao(NamedTuple):
    """What names a key: the user's key on one method and path."""

    usuario: str
    chave: str
    metodo: str
    caminho: str


@dataclass(frozen=True)
class Resposta:
    """A kept answer: status, the headers that matter, the body."""

    status: int
    cabecalhos: dict
    corpo: bytes


@dataclass(frozen=True)
class Registro:
    """A key in use: the fingerprint of its request, its state and answer."""

    impressao: str
    estado: str
    dono: str
    criado: float
    resposta: Resposta | None = None


def _resposta(status, cabecalhos, corpo) -> Resposta | None:
    if status is None:
        return None
    if isinstance(cabecalhos, str):
        cabecalhos = json.loads(cabecalhos or "{}")
    return Resposta(int(status), dict(cabecalhos or {}), bytes(corpo or b""))


def _tomavel(registro: Registro, dono: str, momento: float) -> bool:
    """Whether a new reservation by ``dono`` replaces ``registro``: expired,
    or a reservation of ``dono`` itself (the publisher's retry of the same
    request), or one whose request was abandoned."""
    if registro.criado <= momento - validade():
        return True
    if registro.estado != EM_ANDAMENTO:
        return False
    return (
        registro.dono == dono
        or registro.criado <= momento - ABANDONO
        or _processo_morto(registro.dono)
    )


def _processo_morto(dono: str) -> bool:
    """Whether the reservation's process (``host:pid:token``) died on this
    host: an instance killed mid-request never releases its keys, and its
    clients' retries must not wait for ABANDONO."""
    partes = (dono or "").split(":")
    if len(partes) != 3 or partes[0] != socket.gethostname():
        return False
    try:
        pid = int(partes[1])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@runtime_checkable
class IIdempotenciaStore(Protocol):
    """Where keys are kept (times in epoch seconds)."""

    def reservar(
        self, ident: Identificacao, impressao: str, dono: str, momento: float
    ) -> Registro | None:
        """Reserve ``ident`` for ``dono`` (atomic). None: reserved; else the
        record in the way (in progress, or done: the caller compares the
        fingerprints)."""

    def concluir(self, ident: Identificacao, dono: str, resposta: Resposta) -> bool:
        """Keep the answer of ``dono``'s reservation; False if it is gone."""

    def liberar(self, ident: Identificacao, dono: str) -> bool:
        """Drop ``dono``'s reservation if still in progress."""

    def registro(self, ident: Identificacao) -> Registro | None:
        """The record of ``ident`` (expired or not), for tests and support."""

    def podar(self, momento: float) -> int:
        """Delete the keys expired at ``momento``; how many."""

    def limpar(self) -> None:
        """Delete everything."""


class MemoriaStore:
    """:class:`IIdempotenciaStore` in this process's memory (tests)."""

    def __init__(self):
        self._registros: dict[Identificacao, Registro] = {}
        self._lock = threading.Lock()

    def reservar(self, ident, impressao, dono, momento):
        with self._lock:
            atual = self._registros.get(ident)
            if atual is None or _tomavel(atual, dono, momento):
                self._registros[ident] = Registro(
                    impressao, EM_ANDAMENTO, dono, momento
                )
                return None
            return atual

    def concluir(self, ident, dono, resposta):
        with self._lock:
            atual = self._registros.get(ident)
            if atual is None or atual.dono != dono:
                return False
            self._registros[ident] = Registro(
                atual.impressao, CONCLUIDO, dono, atual.criado, resposta
            )
            return True

    def liberar(self, ident, dono):
        with self._lock:
            atual = self._registros.get(ident)
            if atual is None or atual.dono != dono or atual.estado != EM_ANDAMENTO:
                return False
            del self._registros[ident]
            return True

    def registro(self, ident):
        with self._lock:
            return self._registros.get(ident)

    def podar(self, momento):
        limite = momento - validade()
        with self._lock:
            velhos = [i for i, r in self._registros.items() if r.criado <= limite]
            for ident in velhos:
                del self._registros[ident]
        return len(velhos)

    def limpar(self):
        with self._lock:
            self._registros.clear()


_COLUNAS = "impressao, estado, dono, criado, status, cabecalhos, corpo"
_CHAVE = "usuario = {p} AND chave = {p} AND metodo = {p} AND caminho = {p}"


class _SQLStore:
    """What the SQL stores share: the reservation's steps, in one
    transaction of the backend (``_transacao``, yielding a DB-API cursor)."""

    tabela = "idempotencia"
    p = "?"  # the driver's placeholder

    def __init__(self):
        self._podado_em = 0.0

    @contextmanager
    def _transacao(self):  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def _onde(self) -> str:
        return _CHAVE.format(p=self.p)

    def _ler(self, cursor, ident, trancar=False) -> Registro | None:
        sql = f"SELECT {_COLUNAS} FROM {self.tabela} WHERE {self._onde()}"
        cursor.execute(sql + (" FOR UPDATE" if trancar else ""), tuple(ident))
        linha = cursor.fetchone()
        if linha is None:
            return None
        impressao, estado, dono, criado, status, cabecalhos, corpo = linha
        return Registro(
            impressao, estado, dono, criado, _resposta(status, cabecalhos, corpo)
        )

    def _podar(self, cursor, momento: float) -> None:
        if momento - self._podado_em < PODA_INTERVALO:
            return
        self._podado_em = momento
        cursor.execute(
            f"DELETE FROM {self.tabela} WHERE criado <= {self.p}",
            (momento - validade(),),
        )

    def reservar(self, ident, impressao, dono, momento):
        p = self.p
        for _tentativa in range(3):
            with self._transacao() as cursor:
                self._podar(cursor, momento)
                cursor.execute(
                    f"INSERT INTO {self.tabela} (usuario, chave, metodo, caminho, "
                    f"impressao, estado, dono, criado) VALUES ({p}, {p}, {p}, {p}, "
                    f"{p}, {p}, {p}, {p}) ON CONFLICT DO NOTHING",
                    (*ident, impressao, EM_ANDAMENTO, dono, momento),
                )
                if cursor.rowcount == 1:
                    return None
                atual = self._ler(cursor, ident, trancar=self.p == "%s")
                if atual is None:
                    continue  # released meanwhile: insert again
                if not _tomavel(atual, dono, momento):
                    return atual
                cursor.execute(
                    f"UPDATE {self.tabela} SET impressao = {p}, estado = {p}, "
                    f"dono = {p}, criado = {p}, status = NULL, cabecalhos = NULL, "
                    f"corpo = NULL WHERE {self._onde()}",
                    (impressao, EM_ANDAMENTO, dono, momento, *ident),
                )
                return None
        raise RuntimeError("idempotency key reservation kept failing")

    def concluir(self, ident, dono, resposta):
        p = self.p
        with self._transacao() as cursor:
            cursor.execute(
                f"UPDATE {self.tabela} SET estado = {p}, status = {p}, "
                f"cabecalhos = {p}, corpo = {p} WHERE {self._onde()} AND dono = {p}",
                (
                    CONCLUIDO,
                    resposta.status,
                    json.dumps(resposta.cabecalhos, sort_keys=True),
                    resposta.corpo,
                    *ident,
                    dono,
                ),
            )
            return cursor.rowcount == 1

    def liberar(self, ident, dono):
        p = self.p
        with self._transacao() as cursor:
            cursor.execute(
                f"DELETE FROM {self.tabela} WHERE {self._onde()} AND dono = {p} "
                f"AND estado = {p}",
                (*ident, dono, EM_ANDAMENTO),
            )
            return cursor.rowcount == 1

    def registro(self, ident):
        with self._transacao() as cursor:
            return self._ler(cursor, ident)

    def podar(self, momento):
        with self._transacao() as cursor:
            cursor.execute(
                f"DELETE FROM {self.tabela} WHERE criado <= {self.p}",
                (momento - validade(),),
            )
            return cursor.rowcount

    def limpar(self):
        with self._transacao() as cursor:
            cursor.execute(f"DELETE FROM {self.tabela}")


_DDL_SQLITE = """
CREATE TABLE IF NOT EXISTS idempotencia (
    usuario TEXT NOT NULL,
    chave TEXT NOT NULL,
    metodo TEXT NOT NULL,
    caminho TEXT NOT NULL,
    impressao TEXT NOT NULL,
    estado TEXT NOT NULL,
    dono TEXT NOT NULL,
    criado REAL NOT NULL,
    status INTEGER,
    cabecalhos TEXT,
    corpo BLOB,
    PRIMARY KEY (usuario, chave, metodo, caminho)
);
CREATE INDEX IF NOT EXISTS idempotencia_criado ON idempotencia (criado);
"""


class SQLiteStore(_SQLStore):
    """:class:`IIdempotenciaStore` in one SQLite file (WAL, one connection per
    thread, short transactions): the embedded site's."""

    def __init__(self, caminho: str | os.PathLike, timeout: float = 5.0):
        super().__init__()
        self.caminho = Path(caminho)
        self.timeout = timeout
        self._pronto = False
        self._lock = threading.Lock()
        self._local = threading.local()

    def __repr__(self):
        return f"<idempotencia.SQLiteStore {self.caminho}>"

    def _conexao(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            if not self._pronto:
                self.caminho.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            con = sqlite3.connect(
                self.caminho, timeout=self.timeout, isolation_level=None
            )
            try:
                with self._lock:
                    if not self._pronto:
                        con.execute("PRAGMA journal_mode=WAL")
                        con.executescript(_DDL_SQLITE)
                        self._pronto = True
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
    def _transacao(self):
        con = self._conexao()
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            self.fechar()  # a broken connection is not kept
            raise
        cursor = con.cursor()
        try:
            yield cursor
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


ESQUEMA_POSTGRESQL = """
CREATE TABLE IF NOT EXISTS seimg_idempotencia (
    usuario text NOT NULL,
    chave text NOT NULL,
    metodo text NOT NULL,
    caminho text NOT NULL,
    impressao text NOT NULL,
    estado text NOT NULL,
    dono text NOT NULL,
    criado double precision NOT NULL,
    status integer,
    cabecalhos text,
    corpo bytea,
    PRIMARY KEY (usuario, chave, metodo, caminho)
);
CREATE INDEX IF NOT EXISTS seimg_idempotencia_criado
    ON seimg_idempotencia (criado);
"""
postgresql.registrar_esquema("idempotencia", ESQUEMA_POSTGRESQL)


class PostgresStore(_SQLStore):
    """:class:`IIdempotenciaStore` in the shared PostgreSQL database (table
    ``seimg_idempotencia``): every instance of a cluster sees every key."""

    tabela = "seimg_idempotencia"
    p = "%s"

    def __init__(self, dsn: str | None = None):
        super().__init__()
        self.dsn = dsn

    def __repr__(self):
        return "<idempotencia.PostgresStore>"

    @contextmanager
    def _transacao(self):
        with postgresql.transacao(self.dsn) as cursor:
            yield cursor


# --- the store in use ---------------------------------------------------------

_fixa: IIdempotenciaStore | None = None
_lojas: dict = {}
_lojas_lock = threading.Lock()


def caminho_padrao() -> Path:
    """``$SEIMG_DATA/idempotencia/chaves.sqlite`` (a private temp folder
    without it)."""
    dados = os.environ.get("SEIMG_DATA")
    if dados:
        pasta = Path(dados).resolve() / "idempotencia"
    else:
        pasta = Path(tempfile.gettempdir()) / f"seimg-idempotencia-{os.getuid()}"
    return pasta / "chaves.sqlite"


def loja() -> IIdempotenciaStore:
    """The store in use: PostgreSQL when seimg's shared state is there,
    else the SQLite file (one store object per database, per process)."""
    if _fixa is not None:
        return _fixa
    alvo = postgresql.dsn()
    chave = ("pg", alvo) if alvo else ("sqlite", caminho_padrao())
    with _lojas_lock:
        store = _lojas.get(chave)
        if store is None:
            store = PostgresStore(alvo) if alvo else SQLiteStore(chave[1])
            _lojas[chave] = store
    return store


def usar(store: IIdempotenciaStore | None) -> IIdempotenciaStore | None:
    """Make ``store`` the one in use (None: back to the default); returns the old."""
    global _fixa
    antiga, _fixa = _fixa, store
    return antiga


# --- requests -----------------------------------------------------------------


def chave_valida(valor: str) -> str | None:
    """The key of a header value, or None when malformed. A Structured
    Field string (``"..."``, the IETF draft's form) is unquoted."""
    if len(valor) >= 2 and valor[0] == valor[-1] == '"':
        valor = valor[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if not 1 <= len(valor) <= TAMANHO_MAXIMO:
        return None
    if any(not 0x20 <= ord(c) <= 0x7E for c in valor):
        return None
    return valor


def _tipo_midia(request) -> str:
    tipo = request.getHeader("Content-Type") or request.get("CONTENT_TYPE") or ""
    return tipo.split(";", 1)[0].strip().lower()


def _atualizar(h, valor) -> None:
    """Feed one form value into the hash ``h``, typed and delimited."""
    if isinstance(valor, (list, tuple)):
        h.update(b"L%d\0" % len(valor))
        for item in valor:
            _atualizar(h, item)
        return
    if hasattr(valor, "read") and hasattr(valor, "seek"):  # an upload
        cabecalhos = getattr(valor, "headers", None) or {}
        h.update(b"F")
        for parte in (
            getattr(valor, "filename", "") or "",
            cabecalhos.get("content-type", ""),
        ):
            h.update(str(parte).encode("utf-8", "surrogatepass") + b"\0")
        valor.seek(0)
        conteudo = hashlib.sha256()
        while bloco := valor.read(1 << 20):
            conteudo.update(bloco)
        valor.seek(0)
        h.update(conteudo.digest())
        return
    texto = valor if isinstance(valor, str) else repr(valor)
    h.update(b"S" + texto.encode("utf-8", "surrogatepass") + b"\0")


def impressao(request) -> str:
    """The fingerprint of a request: sha256 of its media type, its
    ``X-Unidade`` and its body (JSON canonicalised; a form by its fields and
    files, as a multipart boundary changes with every retry)."""
    h = hashlib.sha256()
    tipo = _tipo_midia(request)
    unidade = request.getHeader("X-Unidade") or ""
    h.update(f"{tipo}\0{unidade}\0".encode("utf-8", "surrogatepass"))
    if tipo in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for nome in sorted(request.form, key=str):
            h.update(str(nome).encode("utf-8", "surrogatepass") + b"\0")
            _atualizar(h, request.form[nome])
        return h.hexdigest()
    corpo = request.get("BODY") or b""
    if isinstance(corpo, str):
        corpo = corpo.encode("utf-8", "surrogatepass")
    try:
        corpo = json.dumps(
            json.loads(corpo), sort_keys=True, separators=(",", ":")
        ).encode("utf-8", "surrogatepass")
        h.update(b"J")
    except (ValueError, UnicodeDecodeError):
        h.update(b"B")
    h.update(corpo)
    return h.hexdigest()


def caminho(servico) -> str:
    """The physical path a service answers on (the same through any host,
    proxy or instance): its context's path, its name and its parameters."""
    partes = list(servico.context.getPhysicalPath())
    nome = getattr(servico, "__name__", None) or ""
    metodo = getattr(servico, "method", None)
    if metodo and nome.startswith(f"{metodo}_") and nome.count("_") >= 3:
        # plone.rest's view name: METHOD_type_subtype_<the service's name>
        nome = nome.split("_", 3)[3]
    if nome:
        partes.append(nome)
    partes.extend(str(p) for p in getattr(servico, "params", None) or ())
    return "/".join(partes)


_DONO = "seimg.idempotencia.dono"


def _dono(request) -> str:
    """A token of this request, the same on the publisher's retries of it
    (``HTTPRequest.retry`` builds the new request from the original
    environment)."""
    ambiente = getattr(request, "_orig_env", None)
    if not isinstance(ambiente, dict):
        ambiente = request.environ
    dono = ambiente.get(_DONO)
    if not dono:
        dono = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"
        ambiente[_DONO] = dono
    return dono


def _erro(request, status: int, tipo: str, mensagem) -> str:
    from zope.i18n import translate

    response = request.response
    response.setStatus(status)
    response.setHeader("Content-Type", "application/json")
    corpo = {"error": {"type": tipo, "message": translate(mensagem, context=request)}}
    return json.dumps(corpo, indent=2, sort_keys=True)


#: Where a kept answer keeps the physical path of its ``Location`` (taken
#: in the virtual host of the first request: a replay may come through
#: another); not a header, never replayed.
CAMINHO = "_caminho"


def _caminho_fisico(request, cabecalhos: dict) -> list[str]:
    """The physical path ``Location`` names in ``request``'s virtual host
    (empty: none, or not a URL of this site)."""
    local = cabecalhos.get("Location")
    if not local:
        return []
    try:
        return [str(nome) for nome in request.physicalPathFromURL(local)]
    except (AttributeError, TypeError, ValueError):
        return []


def _ainda_visivel(servico, resposta: Resposta) -> bool:
    """Whether the user may still View what a kept answer's ``Location``
    names. Its content, especificação or interessados may have become
    sigiloso, or the user may have lost the unit, since the first answer:
    the replay must not show them what a new request could not. The context
    of the service is checked by the publisher already; here the object
    created (the context's child, or a process made from it) is looked up
    by its path, unrestricted, up to the first view or service name (``@``);
    one that is gone counts as hidden (the same answer)."""
    from AccessControl.SecurityManagement import getSecurityManager
    from Acquisition import aq_base

    caminho = resposta.cabecalhos.get(CAMINHO)
    if caminho is None:
        caminho = _caminho_fisico(servico.request, resposta.cabecalhos)
    if not caminho:
        return True
    obj = servico.context.getPhysicalRoot()
    for nome in caminho:
        if not nome:
            continue
        if nome.startswith(("@", "++")):
            break
        pegar = getattr(obj, "_getOb", None)
        filho = pegar(nome, None) if pegar is not None else None
        if filho is None or getattr(aq_base(filho), "getId", None) is None:
            return False
        obj = filho
    return bool(getSecurityManager().checkPermission("View", obj))


def _repetir(request, resposta: Resposta):
    response = request.response
    response.setStatus(resposta.status)
    for nome, valor in resposta.cabecalhos.items():
        if nome != CAMINHO:
            response.setHeader(nome, valor)
    response.setHeader(REPETIDA, "true")
    return resposta.corpo.decode("utf-8")


#: Store writes that failed after their request (the database was down):
#: ``(store, ident, dono, resposta)`` (None: a release), retried by this
#: process before its next request with a key. Else a key whose release
#: failed stays "in progress" (409) until ABANDONO, and one whose answer was
#: not kept is run a second time after ABANDONO (a second process).
_pendentes: list = []
_pendentes_lock = threading.Lock()
#: At most this many kept for retrying (a long outage drops the oldest).
MAXIMO_PENDENTES = 10000


def _adiar(store, ident, dono, resposta: Resposta | None) -> None:
    with _pendentes_lock:
        _pendentes.append((store, ident, dono, resposta))
        del _pendentes[:-MAXIMO_PENDENTES]


def _retomar_pendentes() -> None:
    """Retry the store writes that failed (oldest first); stop at the first
    that fails again."""
    with _pendentes_lock:
        itens = list(_pendentes)
        _pendentes.clear()
    for n, (store, ident, dono, resposta) in enumerate(itens):
        try:
            if resposta is None:
                store.liberar(ident, dono)
            else:
                store.concluir(ident, dono, resposta)
        except Exception:
            with _pendentes_lock:
                _pendentes[:0] = itens[n:]
            return


def _liberar(store, ident, dono) -> None:
    try:
        store.liberar(ident, dono)
    except Exception:
        logger.warning("Could not release idempotency key %r", ident, exc_info=True)
        _adiar(store, ident, dono, None)


def _ao_fim(store, ident, dono, resposta: Resposta) -> None:
    """Keep ``resposta`` when the ZODB transaction commits, release the key
    when it fails or aborts."""
    import transaction

    def depois_do_commit(sucesso: bool):
        if not sucesso:
            _liberar(store, ident, dono)
            return
        try:
            store.concluir(ident, dono, resposta)
        except Exception:
            # retried before this process's next request with a key
            logger.warning("Could not keep idempotent answer %r", ident, exc_info=True)
            _adiar(store, ident, dono, resposta)

    atual = transaction.get()
    atual.addAfterCommitHook(depois_do_commit)
    atual.addAfterAbortHook(_liberar, args=(store, ident, dono))


def responder(servico, executar: Callable[[], object]):
    """Run ``executar`` (the service's rendering) under the request's
    ``Idempotency-Key``, if it has one."""
    from AccessControl.SecurityManagement import getSecurityManager

    request = servico.request
    valor = request.getHeader(CABECALHO)
    if valor is None:
        return executar()
    verificar = getattr(servico, "check_permission", None)
    if verificar is not None:
        verificar()  # replays and refusals too: only for who may use the service
    usuario = getSecurityManager().getUser()
    userid = usuario.getId() if usuario is not None else None
    if not userid:
        return executar()  # anonymous: creations refuse them anyway
    chave = chave_valida(valor.strip())
    if chave is None:
        return _erro(request, 400, "BadRequest", MENSAGEM_INVALIDA)
    ident = Identificacao(
        userid, chave, request.get("REQUEST_METHOD", "POST"), caminho(servico)
    )
    assinatura = impressao(request)
    dono = _dono(request)
    store = loja()
    _retomar_pendentes()
    registro = store.reservar(ident, assinatura, dono, relogio())
    if registro is not None:
        if registro.impressao != assinatura:
            return _erro(request, 422, "IdempotencyKeyReused", MENSAGEM_DIVERGENTE)
        if registro.estado != CONCLUIDO or registro.resposta is None:
            request.response.setHeader("Retry-After", str(RETRY_AFTER))
            return _erro(
                request, 409, "IdempotencyKeyInProgress", MENSAGEM_EM_ANDAMENTO
            )
        if not _ainda_visivel(servico, registro.resposta):
            from zExceptions import NotFound

            raise NotFound()  # what a request for a hidden object gets
        return _repetir(request, registro.resposta)
    try:
        corpo = executar()
    except BaseException:
        _liberar(store, ident, dono)
        raise
    response = request.response
    status = response.getStatus()
    if not 200 <= status < 300:
        _liberar(store, ident, dono)
        return corpo
    cabecalhos = {}
    for nome in CABECALHOS_GUARDADOS:
        valor = response.getHeader(nome)
        if valor:
            cabecalhos[nome] = valor
    caminho_criado = _caminho_fisico(request, cabecalhos)
    if caminho_criado:
        cabecalhos[CAMINHO] = caminho_criado
    if isinstance(corpo, str):
        guardado = corpo.encode("utf-8")
    elif isinstance(corpo, bytes):
        guardado = corpo
    elif corpo is None:
        guardado = b""
    else:  # a stream or an iterator: not kept, the key is released
        _liberar(store, ident, dono)
        return corpo
    _ao_fim(store, ident, dono, Resposta(status, cabecalhos, guardado))
    return corpo


class Idempotente:
    """Mixin of a plone.restapi service (listed before it): ``render()``
    honours ``Idempotency-Key``. Override :meth:`idempotente` to apply it to
    part of a service only."""

    def idempotente(self) -> bool:
        return True

    def render(self):
        if not self.idempotente():
            return super().render()
        return responder(self, super().render)
