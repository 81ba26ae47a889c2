"""FileStorage → PostgreSQL (history-free RelStorage), and comparing storages.

``make migrar-postgresql`` (``python -m seimg.deploy.migracao migrar``)
copies the embedded database (``Data.fs`` and its blobs) into the cluster's
PostgreSQL with ``zodbconvert``, then checks it:

1. the **count check**: objects in the FileStorage's index = rows of
   RelStorage's ``object_state`` (the history-free schema: one row per
   object, blobs in ``blob_chunk`` as large objects);
2. unless ``--sem-verificar``, :func:`comparar`: every object of the
   FileStorage loads from PostgreSQL with identical state bytes, and every
   blob has the same SHA-256.

The FileStorage is opened read-only and its lock (``Data.fs.lock``) is held
for the whole run, so Zope cannot start on it meanwhile; a Zope that runs on
it makes the migration refuse (stop it, or migrate a copy restored with
``make restore``). A destination that already holds ZODB objects is refused
unless ``--substituir``. A migration that fails leaves the destination's
RelStorage tables empty and says so.

``python -m seimg.deploy.migracao comparar A B`` compares any two storages
(a ``zope.conf``, or a ZConfig file with one storage section), both opened
read-only, RelStorage with a throw-away blob cache: one line in Portuguese
with the counts, exit 0 when identical, 1 when not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextlib import nullcontext
from contextlib import suppress
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile


#: Differences kept in a report as examples (all are counted).
EXEMPLOS = 10


class ErroMigracao(Exception):
    """What went wrong, in Portuguese, for the operator."""


# --- configurations -------------------------------------------------------------


def _valor(texto: str) -> str:
    if any(c in texto for c in "\r\n"):
        raise ErroMigracao(f"valor inválido na configuração: {texto!r}")
    return texto.replace("$", "$$")


def config_filestorage(caminho: Path, blobs: Path | None, nome: str = "") -> str:
    """A read-only FileStorage section (``nome``: zodbconvert's source/…)."""
    linhas = [f"<filestorage {nome}>".replace(" >", ">")]
    linhas.append(f"  path {_valor(str(caminho))}")
    if blobs is not None:
        linhas.append(f"  blob-dir {_valor(str(blobs))}")
    linhas += ["  read-only true", "</filestorage>"]
    return "\n".join(linhas) + "\n"


def config_relstorage(
    dsn: str, cache_blobs: Path, nome: str = "", somente_leitura: bool = False
) -> str:
    """A history-free RelStorage section, blobs in the database."""
    linhas = [
        f"<relstorage {nome}>".replace(" >", ">"),
        "  keep-history false",
        "  shared-blob-dir false",
        f"  blob-dir {_valor(str(cache_blobs))}",
        "  blob-cache-size 1gb",
        "  cache-local-mb 200",
    ]
    if somente_leitura:
        linhas.append("  read-only true")
    linhas += [
        "  <postgresql>",
        f"    dsn {_valor(dsn)}",
        "  </postgresql>",
        "</relstorage>",
    ]
    return "\n".join(linhas) + "\n"


_ABRE = re.compile(r"^<\s*([A-Za-z_][\w.-]*)\b[^>]*>$")
_CACHE = ("blob-dir", "cache-local-dir")
_SEM_ARMAZENAMENTO = (
    "a configuração não tem nenhum armazenamento ZODB (um zope.conf com "
    "<zodb_db main> ou um arquivo com uma seção <filestorage>, <relstorage>…)."
)
_FECHA = re.compile(r"^</\s*([A-Za-z_][\w.-]*)\s*>$")


def armazenamento_de(texto: str, cache_blobs: Path) -> str:
    """The storage section of a configuration, to be opened read-only.

    ``texto`` is a ``zope.conf`` (its ``<zodb_db main>``'s storage is taken,
    with its ``%define`` and ``%import`` lines) or a file holding one storage
    section. FileStorage and RelStorage get ``read-only true``; a RelStorage
    keeping blobs in the database gets ``cache_blobs`` as its blob cache (a
    running instance's cache is never shared).
    """
    linhas = texto.splitlines()
    diretivas = [x for x in linhas if x.strip().startswith(("%define", "%import"))]
    corpo = [
        x.strip() for x in linhas if x.strip() and not x.strip().startswith(("%", "#"))
    ]
    if any(x.startswith("<zodb_db") for x in corpo):
        corpo = _dentro_do_banco(corpo)
    cache_proprio = not _compartilha(corpo)
    saida: list[str] = []
    pilha: list[str] = []
    topo = 0
    for limpa in corpo:
        aberta, fechada = _ABRE.match(limpa), _FECHA.match(limpa)
        if aberta:
            topo += not pilha
            pilha.append(aberta.group(1).lower())
            saida.append(limpa)
            if len(pilha) == 1 and pilha[0] in ("filestorage", "relstorage"):
                saida.append("read-only true")
            continue
        if fechada:
            if pilha == ["relstorage"] and cache_proprio:
                saida.append(f"blob-dir {_valor(str(cache_blobs))}")
            if pilha:
                pilha.pop()
            saida.append(limpa)
            continue
        if not pilha:  # a key outside any section: not a storage configuration
            raise ErroMigracao(_SEM_ARMAZENAMENTO)
        chave = limpa.split(None, 1)[0].lower()
        if len(pilha) == 1 and chave == "read-only":
            continue
        if pilha == ["relstorage"] and cache_proprio and chave in _CACHE:
            continue
        saida.append(limpa)
    if topo != 1:  # nothing, or several sections (<environment>…)
        raise ErroMigracao(_SEM_ARMAZENAMENTO)
    return "\n".join(diretivas + saida) + "\n"


def _compartilha(corpo: list[str]) -> bool:
    for linha in corpo:
        partes = linha.strip().split()
        if len(partes) == 2 and partes[0].lower() == "shared-blob-dir":
            return partes[1].lower() in ("true", "on", "yes")
    return False


def _dentro_do_banco(corpo: list[str]) -> list[str]:
    """The sections nested in ``<zodb_db main>`` (else the first
    ``<zodb_db>``), its own keys dropped."""
    bancos = [x for x in corpo if _ABRE.match(x) and x[1:].startswith("zodb_db")]
    principal = next((x for x in bancos if x.split()[1:] == ["main>"]), bancos[0])
    dentro: list[str] = []
    profundidade = -1
    for linha in corpo:
        limpa = linha.strip()
        if profundidade < 0:
            if limpa == principal:
                profundidade = 0
            continue
        if _ABRE.match(limpa):
            profundidade += 1
        elif _FECHA.match(limpa):
            if profundidade == 0:
                break
            profundidade -= 1
            dentro.append(limpa)
            continue
        if profundidade >= 1:
            dentro.append(limpa)
    return dentro


def _texto(config: str | Path) -> str:
    if isinstance(config, Path) or ("\n" not in config and "<" not in config):
        caminho = Path(config)
        if not caminho.is_file():
            raise ErroMigracao(f"a configuração {caminho} não existe.")
        return caminho.read_text(encoding="utf-8")
    return config


@contextmanager
def aberto(config: str | Path):
    """The storage of ``config`` (path or text), read-only, closed after."""
    import ZODB.config

    cache = Path(tempfile.mkdtemp(prefix="seimg-comparar-"))
    try:
        texto = armazenamento_de(_texto(config), cache)
        try:
            storage = ZODB.config.storageFromString(texto)
        except Exception as erro:
            raise ErroMigracao(
                f"não foi possível abrir o armazenamento: {_primeira_linha(erro)}"
            ) from erro
        try:
            yield storage
        finally:
            storage.close()
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _primeira_linha(erro: BaseException) -> str:
    texto = str(erro).strip() or type(erro).__name__
    return texto.splitlines()[0]


# --- comparing --------------------------------------------------------------------


@dataclass
class Relatorio:
    """What :func:`comparar` found (every difference counted, a few kept)."""

    objetos_a: int = 0
    objetos_b: int = 0
    blobs: int = 0
    ausentes: int = 0  # in A, not in B
    sobrando: int = 0  # in B, not in A
    diferentes: int = 0  # state bytes differ
    blobs_diferentes: int = 0
    exemplos: list[str] = field(default_factory=list)

    @property
    def iguais(self) -> bool:
        return (
            self.objetos_a == self.objetos_b
            and not (self.ausentes or self.sobrando or self.diferentes)
            and not self.blobs_diferentes
        )

    def anotar(self, tipo: str, oid: bytes) -> None:
        if len(self.exemplos) < EXEMPLOS:
            self.exemplos.append(f"{tipo} 0x{oid.hex().lstrip('0') or '0'}")

    def resumo(self) -> str:
        if self.iguais:
            return (
                f"Iguais: {self.objetos_a} objetos em A e {self.objetos_b} em B, "
                f"estado idêntico objeto a objeto; {self.blobs} arquivos (blobs) "
                "com o mesmo SHA-256."
            )
        exemplos = f" (ex.: {', '.join(self.exemplos)})" if self.exemplos else ""
        return (
            f"DIFERENTES: {self.objetos_a} objetos em A e {self.objetos_b} em B; "
            f"{self.ausentes} ausentes em B, {self.sobrando} só em B, "
            f"{self.diferentes} com estado diferente, {self.blobs_diferentes} de "
            f"{self.blobs} arquivos (blobs) diferentes{exemplos}."
        )


def registros(storage) -> Iterator[tuple[bytes, bytes, bytes]]:
    """``(oid, tid, state)`` of every current object, in oid order."""
    try:
        oid, tid, dados, seguinte = storage.record_iternext(None)
    except (ValueError, StopIteration, IndexError):  # an empty storage
        return
    yield oid, tid, dados
    while seguinte is not None:
        oid, tid, dados, seguinte = storage.record_iternext(seguinte)
        yield oid, tid, dados


def _sha256_blob(storage, oid: bytes, tid: bytes) -> str:
    try:
        caminho = storage.loadBlob(oid, tid)
    except Exception as erro:  # POSKeyError, a missing large object…
        return f"ERRO {type(erro).__name__}"
    soma = hashlib.sha256()
    with open(caminho, "rb") as arquivo:
        for bloco in iter(lambda: arquivo.read(1 << 20), b""):
            soma.update(bloco)
    return soma.hexdigest()


def comparar_armazenamentos(a, b) -> Relatorio:
    """Object by object: A's oids in B, same state bytes, same blobs."""
    from ZODB.blob import is_blob_record

    relatorio = Relatorio()
    blobs: list[tuple[bytes, bytes, bytes]] = []
    fim = object()
    lado_a, lado_b = registros(a), registros(b)
    ra, rb = next(lado_a, fim), next(lado_b, fim)
    while ra is not fim or rb is not fim:
        if rb is fim or (ra is not fim and ra[0] < rb[0]):
            relatorio.objetos_a += 1
            relatorio.ausentes += 1
            relatorio.anotar("ausente em B", ra[0])
            ra = next(lado_a, fim)
        elif ra is fim or rb[0] < ra[0]:
            relatorio.objetos_b += 1
            relatorio.sobrando += 1
            relatorio.anotar("só em B", rb[0])
            rb = next(lado_b, fim)
        else:
            relatorio.objetos_a += 1
            relatorio.objetos_b += 1
            if ra[2] != rb[2]:
                relatorio.diferentes += 1
                relatorio.anotar("diferente", ra[0])
            elif is_blob_record(ra[2]):
                blobs.append((ra[0], ra[1], rb[1]))
            ra, rb = next(lado_a, fim), next(lado_b, fim)
    # blobs after both iterations ended (a RelStorage iterates on a cursor)
    for oid, tid_a, tid_b in blobs:
        relatorio.blobs += 1
        if _sha256_blob(a, oid, tid_a) != _sha256_blob(b, oid, tid_b):
            relatorio.blobs_diferentes += 1
            relatorio.anotar("arquivo diferente", oid)
    return relatorio


def comparar(config_a: str | Path, config_b: str | Path) -> Relatorio:
    """Compare the storages of two configurations (paths or ZConfig text)."""
    with aberto(config_a) as a, aberto(config_b) as b:
        return comparar_armazenamentos(a, b)


# --- PostgreSQL -------------------------------------------------------------------


def _sem_senha(dsn: str) -> str:
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", dsn)


def conectar(dsn: str):
    """A psycopg2 connection (autocommit), or a Portuguese error."""
    import psycopg2

    try:
        conexao = psycopg2.connect(dsn, connect_timeout=10)
    except psycopg2.ProgrammingError as erro:  # a malformed DSN
        raise ErroMigracao(
            f"DSN inválido ({_sem_senha(dsn)}): {_primeira_linha(erro)}"
        ) from erro
    except psycopg2.OperationalError as erro:
        raise ErroMigracao(
            f"não foi possível conectar ao PostgreSQL ({_sem_senha(dsn)}): "
            f"{_primeira_linha(erro)}. Confira se o servidor está no ar e o "
            "DSN (SEIMG_POSTGRESQL_DSN)."
        ) from erro
    conexao.autocommit = True
    return conexao


def objetos_no_postgresql(dsn: str) -> int:
    """Rows of RelStorage's ``object_state`` (0 when there is no schema)."""
    conexao = conectar(dsn)
    try:
        with conexao.cursor() as cursor:
            cursor.execute("SELECT to_regclass('object_state') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM object_state")
            return int(cursor.fetchone()[0])
    finally:
        conexao.close()


def esvaziar(dsn: str) -> None:
    """Empty RelStorage's tables in ``dsn`` (``zap_all``: blobs' large
    objects unlinked, oids restarted); seimg's own tables are untouched."""
    cache = Path(tempfile.mkdtemp(prefix="seimg-esvaziar-"))
    try:
        import ZODB.config

        storage = ZODB.config.storageFromString(
            "%import relstorage\n" + config_relstorage(dsn, cache)
        )
        try:
            storage.zap_all()
        finally:
            storage.close()
    finally:
        shutil.rmtree(cache, ignore_errors=True)


@contextmanager
def servidor_do_cluster(criar: bool = False, environ=os.environ):
    """The cluster's DSN for the block: ``SEIMG_POSTGRESQL_DSN`` as given,
    else our own server in ``$SEIMG_DATA/postgresql`` (``criar``: made and
    its database created when missing), started for the block when it is
    not running and stopped after it."""
    from seimg.deploy import postgresql as servidores

    dado = (environ.get("SEIMG_POSTGRESQL_DSN") or "").strip()
    if dado:
        yield dado
        return
    banco = environ.get("SEIMG_PG_BANCO", servidores.BANCO)
    try:
        servidor = servidores.do_ambiente(environ)
        if criar:
            servidor.preparar()
        elif not servidor.preparado():
            raise ErroMigracao(
                "não há PostgreSQL do cluster em "
                f"{servidor.dados} nem SEIMG_POSTGRESQL_DSN."
            )
        processo = None
        if not _no_ar(servidor):
            print(
                f"Iniciando o PostgreSQL do cluster ({servidor.dados}, porta "
                f"{servidor.porta}) para este comando…",
                file=sys.stderr,
            )
            processo = servidor.iniciar()
        try:
            yield servidor.criar_banco(banco) if criar else servidor.dsn(banco)
        finally:
            if processo is not None:
                servidor.parar(processo)
                print("PostgreSQL do cluster parado.", file=sys.stderr)
    except servidores.ErroPostgres as erro:
        raise ErroMigracao(str(erro)) from erro


def _no_ar(servidor) -> bool:
    pronto = subprocess.run(
        [
            str(servidor.bin / "pg_isready"),
            "-q",
            "-h",
            servidor.host,
            "-p",
            str(servidor.porta),
        ],
        check=False,
    )
    return pronto.returncode == 0


# --- migrating --------------------------------------------------------------------


@contextmanager
def _trava_do_filestorage(caminho: Path):
    """Hold ``Data.fs.lock``: refuse when Zope runs on it, keep it from
    starting until the migration ends."""
    import zc.lockfile

    try:
        trava = zc.lockfile.LockFile(str(caminho) + ".lock")
    except zc.lockfile.LockError as erro:
        raise ErroMigracao(
            f"o Zope está em execução sobre {caminho} (a trava {caminho}.lock "
            "está em uso). Pare-o antes de migrar (Ctrl-C no make start), ou "
            "migre uma cópia restaurada com make restore."
        ) from erro
    try:
        yield
    finally:
        trava.close()
        with suppress(OSError):
            os.unlink(str(caminho) + ".lock")


def _objetos_no_filestorage(caminho: Path, blobs: Path | None) -> int:
    from ZODB.FileStorage import FileStorage

    storage = FileStorage(
        str(caminho), read_only=True, blob_dir=str(blobs) if blobs else None
    )
    try:
        return len(storage)
    finally:
        storage.close()


def _zodbconvert() -> str:
    local = Path(sys.executable).with_name("zodbconvert")
    return str(local) if local.exists() else "zodbconvert"


def migrar(
    fs_path: str | Path,
    blob_dir: str | Path | None,
    dsn: str,
    substituir: bool = False,
    verificar: bool = True,
    saida=sys.stderr,
) -> Relatorio | None:
    """Copy the FileStorage ``fs_path`` (+ ``blob_dir``) into ``dsn``.

    Returns :func:`comparar`'s report (None with ``verificar=False``).
    Raises :class:`ErroMigracao` with a Portuguese message; when it raises
    after the copy started, the destination's ZODB tables were emptied.
    """
    fs = Path(fs_path).resolve()
    if not fs.is_file():
        raise ErroMigracao(
            f"não há banco de dados em {fs} (SEIMG_DATA aponta para a instância "
            "embutida certa?)."
        )
    blobs = Path(blob_dir).resolve() if blob_dir else None
    if blobs is not None and not blobs.is_dir():
        raise ErroMigracao(
            f"não há a pasta dos arquivos (blobs) {blobs}; informe a certa com --blobs."
        )

    def dizer(texto: str) -> None:
        print(texto, file=saida, flush=True)

    with _trava_do_filestorage(fs):
        existentes = objetos_no_postgresql(dsn)
        if existentes and not substituir:
            raise ErroMigracao(
                f"o banco de destino já tem {existentes} objetos do ZODB; nada foi "
                "alterado. Para apagá-los e migrar de novo, use --substituir "
                "(make migrar-postgresql SUBSTITUIR=1)."
            )
        origem = _objetos_no_filestorage(fs, blobs)
        dizer(f"Migrando {origem} objetos de {fs} para o PostgreSQL (zodbconvert)…")
        trabalho = Path(tempfile.mkdtemp(prefix="seimg-migracao-"))
        iniciada = False
        try:
            os.chmod(trabalho, 0o700)
            config = trabalho / "zodbconvert.conf"
            config.touch(mode=0o600)  # it names the database
            config.write_text(
                "%import relstorage\n"
                + config_filestorage(fs, blobs, "source")
                + config_relstorage(dsn, trabalho / "blobcache", "destination"),
                encoding="utf-8",
            )
            argv = [_zodbconvert(), *(["--clear"] if substituir else []), str(config)]
            iniciada = True
            feito = subprocess.run(argv, capture_output=True, text=True, check=False)
            if feito.returncode != 0:
                cauda = "\n".join(
                    (feito.stderr or feito.stdout).strip().splitlines()[-8:]
                )
                raise ErroMigracao(f"o zodbconvert falhou:\n{cauda}")
            destino = objetos_no_postgresql(dsn)
            if destino != origem:
                raise ErroMigracao(
                    f"contagem diferente: {origem} objetos no FileStorage e "
                    f"{destino} no PostgreSQL."
                )
            dizer(f"Contagem conferida: {destino} objetos no PostgreSQL.")
            relatorio = None
            if verificar:
                dizer("Comparando objeto por objeto…")
                relatorio = comparar(
                    config_filestorage(fs, blobs),
                    "%import relstorage\n" + config_relstorage(dsn, trabalho / "c"),
                )
                if not relatorio.iguais:
                    raise ErroMigracao(relatorio.resumo())
                dizer(relatorio.resumo())
            copiar_contadores(dsn, fs, blobs, dizer)
            return relatorio
        except BaseException as erro:
            if iniciada:
                _desfazer(dsn, dizer)
            if isinstance(erro, ErroMigracao):
                raise
            if isinstance(erro, Exception):
                raise ErroMigracao(
                    f"a migração falhou: {_primeira_linha(erro)}"
                ) from erro
            raise
        finally:
            shutil.rmtree(trabalho, ignore_errors=True)


def _desfazer(dsn: str, dizer) -> None:
    try:
        esvaziar(dsn)
    except Exception as erro:
        dizer(
            "ATENÇÃO: não foi possível esvaziar o banco de destino "
            f"({_primeira_linha(erro)}); rode a migração de novo com --substituir."
        )
    else:
        dizer("O banco de destino foi esvaziado: nada ficou pela metade.")


# --- numbers --------------------------------------------------------------------


def sites_com_contadores(conexao) -> list:
    """The objects at the Zope root holding seimg's number counters
    (``_seimg_contadores``: the Plone sites), read without Zope."""
    aplicacao = conexao.root().get("Application")
    if aplicacao is None:
        return []
    aplicacao._p_activate()
    sites = []
    for objeto in list(vars(aplicacao).values()):
        if getattr(objeto, "_p_oid", None) is None:
            continue
        with suppress(Exception):  # a broken or unloadable object: not a site
            objeto._p_activate()
            if vars(objeto).get("_seimg_contadores") is not None:
                sites.append(objeto)
    return sites


def copiar_contadores(dsn: str, fs: Path, blobs: Path | None, dizer) -> int:
    """Copy the ZODB number counters into PostgreSQL's sequences.

    Belt and braces: the PostgreSQL allocator also seeds a key from the ZODB
    counter on its first use. Read from the FileStorage just migrated
    (identical to the destination); a value never goes back.
    """
    try:
        from seimg.numeracao import sequencias
    except ImportError:  # a seimg without PostgreSQL numbers
        dizer("Contadores de numeração: copiados no primeiro uso de cada um.")
        return 0
    from ZODB.DB import DB
    from ZODB.FileStorage import FileStorage

    storage = FileStorage(
        str(fs), read_only=True, blob_dir=str(blobs) if blobs else None
    )
    banco = DB(storage)
    total = 0
    try:
        conexao = banco.open()
        try:
            for site in sites_com_contadores(conexao):
                total += sequencias.copiar_contadores_zodb(site, dsn)
        finally:
            conexao.close()
    finally:
        banco.close()
    if total:
        dizer(f"Contadores de numeração copiados para o PostgreSQL: {total}.")
    return total


# --- command line -----------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seimg.deploy.migracao",
        description="Migra o FileStorage para o PostgreSQL e compara armazenamentos.",
    )
    acoes = parser.add_subparsers(dest="acao", required=True)
    migra = acoes.add_parser("migrar", help="FileStorage → PostgreSQL (RelStorage)")
    migra.add_argument("--data-fs", help="o Data.fs (padrão: o de SEIMG_DATA)")
    migra.add_argument("--blobs", help="a pasta de blobs (padrão: a de SEIMG_DATA)")
    migra.add_argument("--dsn", help="o banco de destino (padrão: o do cluster)")
    migra.add_argument("--substituir", action="store_true")
    migra.add_argument("--sem-verificar", dest="verificar", action="store_false")
    compara = acoes.add_parser("comparar", help="compara dois armazenamentos")
    compara.add_argument("a")
    compara.add_argument("b")
    opcoes = parser.parse_args(argv)
    try:
        if opcoes.acao == "comparar":
            relatorio = comparar(Path(opcoes.a), Path(opcoes.b))
            print(relatorio.resumo())
            return 0 if relatorio.iguais else 1
        var = Path(os.environ.get("SEIMG_DATA", "var")).resolve() / "instance" / "var"
        fs = Path(opcoes.data_fs or var / "filestorage" / "Data.fs")
        if not fs.is_file():  # before starting a server for nothing
            raise ErroMigracao(
                f"não há banco de dados em {fs.resolve()} (SEIMG_DATA aponta "
                "para a instância embutida certa?)."
            )
        with (
            nullcontext(opcoes.dsn) if opcoes.dsn else servidor_do_cluster(criar=True)
        ) as dsn:
            migrar(
                fs,
                opcoes.blobs or var / "blobstorage",
                dsn,
                substituir=opcoes.substituir,
                verificar=opcoes.verificar,
            )
        print(
            "Migração concluída. Sirva o site no PostgreSQL com make cluster "
            "(o mesmo SEIMG_DATA e SEIMG_POSTGRESQL_DSN); o Data.fs ficou intacto.",
            file=sys.stderr,
        )
    except ErroMigracao as erro:
        print(f"ERRO: {erro}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
