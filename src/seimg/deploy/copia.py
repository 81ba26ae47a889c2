"""Backup and restore of the cluster's PostgreSQL (``make backup`` /
``make restore`` when the site runs on PostgreSQL).

``copiar`` writes ``banco.dump`` (``pg_dump -Fc`` of the whole database:
RelStorage's tables, the blobs as large objects, seimg's own ``seimg_*``
tables), ``banco.dump.sha256`` and ``banco.json``: what the copy holds
(ZODB objects, blobs, the newest transaction, a digest of every object's
oid and transaction, each table's rows), counted in the **same snapshot**
the dump reads (``pg_export_snapshot``), so the copy may be made while the
instances write.

``restaurar`` checks the checksum, refuses a database that holds anything,
runs ``pg_restore --no-owner --role=<the DSN's user>`` in one transaction
(a failure writes nothing), then verifies: the same figures as
``banco.json``, and the restored storage opened through RelStorage, every
object read and every blob loaded. A verification that fails leaves the
database empty again.

Usage (``scripts/backup.sh``, ``scripts/restore.sh``)::

    python -m seimg.deploy.copia copiar <pasta>      # prints MANIFESTO lines
    python -m seimg.deploy.copia restaurar <pasta>

with the database of ``SEIMG_POSTGRESQL_DSN``, else the cluster's own
server in ``$SEIMG_DATA/postgresql`` (started for the command when it is
not running; ``restaurar`` creates it in an empty ``SEIMG_DATA``).
"""

from __future__ import annotations

from pathlib import Path
from seimg.deploy.migracao import _primeira_linha
from seimg.deploy.migracao import _sem_senha
from seimg.deploy.migracao import aberto
from seimg.deploy.migracao import conectar
from seimg.deploy.migracao import config_relstorage
from seimg.deploy.migracao import ErroMigracao
from seimg.deploy.migracao import registros
from seimg.deploy.migracao import servidor_do_cluster
import hashlib
import json
import os
import subprocess
import sys
import tempfile


DUMP = "banco.dump"
DADOS = "banco.json"


def _bin(nome: str) -> str:
    from seimg.deploy.postgresql import binarios
    from seimg.deploy.postgresql import ErroPostgres

    try:
        return str(binarios() / nome)
    except ErroPostgres as erro:
        raise ErroMigracao(str(erro)) from erro


def _sha256(caminho: Path) -> str:
    soma = hashlib.sha256()
    with open(caminho, "rb") as arquivo:
        for bloco in iter(lambda: arquivo.read(1 << 20), b""):
            soma.update(bloco)
    return soma.hexdigest()


_TABELAS = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
ORDER BY c.relname
"""


def figuras(cursor) -> dict:
    """What the database holds, for the manifest and the verification."""
    cursor.execute(_TABELAS)
    tabelas = [nome for (nome,) in cursor.fetchall()]
    if "object_state" not in tabelas:
        raise ErroMigracao(
            "o banco não tem as tabelas do ZODB (RelStorage): não é o banco do "
            "seimg (confira o DSN)."
        )
    cursor.execute(
        "SELECT count(*), coalesce(max(tid), 0), "
        "md5(coalesce(string_agg(zoid::text || ':' || tid::text, ',' "
        "ORDER BY zoid), '')) FROM object_state"
    )
    objetos, ultima, resumo = cursor.fetchone()
    cursor.execute("SELECT count(DISTINCT zoid) FROM blob_chunk")
    (blobs,) = cursor.fetchone()
    linhas = {}
    for nome in tabelas:
        cursor.execute(f'SELECT count(*) FROM "{nome}"')
        linhas[nome] = int(cursor.fetchone()[0])
    return {
        "objetos": int(objetos),
        "blobs": int(blobs),
        "ultima_transacao": int(ultima),
        "resumo_objetos": resumo,
        "tabelas": linhas,
    }


def copiar(dsn: str, pasta: Path) -> dict:
    """``pg_dump`` of ``dsn`` into ``pasta`` with its figures (one snapshot)."""
    pasta = Path(pasta)
    pasta.mkdir(parents=True, exist_ok=True)
    conexao = conectar(dsn)
    try:
        conexao.autocommit = False
        conexao.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conexao.cursor() as cursor:
            cursor.execute(
                "SELECT pg_export_snapshot(), current_setting('server_version')"
            )
            instantaneo, versao = cursor.fetchone()
            dados = figuras(cursor)
            alvo, ambiente = _para_comando(dsn)
            feito = subprocess.run(
                [
                    _bin("pg_dump"),
                    "-Fc",
                    f"--snapshot={instantaneo}",
                    "-f",
                    str(pasta / DUMP),
                    "-d",
                    alvo,
                ],
                capture_output=True,
                text=True,
                check=False,
                env=ambiente,
            )
        conexao.rollback()
    finally:
        conexao.close()
    if feito.returncode != 0:
        raise ErroMigracao(f"o pg_dump falhou: {feito.stderr.strip()[-2000:]}")
    dados["postgresql"] = versao
    dados["sha256"] = _sha256(pasta / DUMP)
    (pasta / (DUMP + ".sha256")).write_text(f"{dados['sha256']}  {DUMP}\n")
    (pasta / DADOS).write_text(json.dumps(dados, indent=1, sort_keys=True) + "\n")
    return dados


def manifesto(dados: dict) -> str:
    """Lines for the backup's MANIFESTO."""
    tabelas = ", ".join(f"{n} {q}" for n, q in sorted(dados["tabelas"].items()))
    return "\n".join(
        [
            f"banco: PostgreSQL {dados['postgresql']}, {DUMP} (pg_dump -Fc)",
            f"sha256: {dados['sha256']}",
            f"objetos do ZODB: {dados['objetos']}",
            f"blobs: {dados['blobs']}",
            f"última transação: {dados['ultima_transacao']}",
            f"tabelas: {tabelas}",
        ]
    )


def _conteudo(cursor) -> int:
    """Relations and large objects in the database (0: empty)."""
    cursor.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    )
    (relacoes,) = cursor.fetchone()
    cursor.execute("SELECT count(*) FROM pg_largeobject_metadata")
    (objetos,) = cursor.fetchone()
    return int(relacoes) + int(objetos)


def esvaziar_banco(dsn: str) -> None:
    """Drop what a restore wrote (the database was empty before it)."""
    conexao = conectar(dsn)
    try:
        with conexao.cursor() as cursor:
            cursor.execute("SELECT lo_unlink(oid) FROM pg_largeobject_metadata")
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    finally:
        conexao.close()


def _para_comando(dsn: str) -> tuple[str, dict]:
    """``dsn`` for a child's command line, where ``ps`` shows it to every
    user of the host, without its password, and the child's environment
    with that password in ``PGPASSWORD`` (readable by its owner only)."""
    from psycopg2.extensions import make_dsn
    from psycopg2.extensions import parse_dsn

    try:
        partes = parse_dsn(dsn)
    except Exception as erro:
        raise ErroMigracao(f"DSN inválido ({_sem_senha(dsn)}).") from erro
    ambiente = dict(os.environ)
    senha = partes.pop("password", None)
    if senha is not None:
        ambiente["PGPASSWORD"] = senha
    return make_dsn(**partes), ambiente


def _papel(dsn: str) -> str:
    from psycopg2.extensions import parse_dsn
    from seimg.deploy.postgresql import PAPEL

    try:
        return parse_dsn(dsn).get("user") or PAPEL
    except Exception as erro:
        raise ErroMigracao(f"DSN inválido ({_sem_senha(dsn)}).") from erro


def restaurar(pasta: Path, dsn: str, saida=sys.stderr) -> dict:
    """Restore ``pasta`` (a ``copiar`` copy) into the empty database ``dsn``."""

    def dizer(texto: str) -> None:
        print(texto, file=saida, flush=True)

    pasta = Path(pasta)
    dump, arquivo_dados = pasta / DUMP, pasta / DADOS
    if not dump.is_file() or not arquivo_dados.is_file():
        raise ErroMigracao(f"{pasta} não é uma cópia do PostgreSQL (falta {DUMP}).")
    dados = json.loads(arquivo_dados.read_text())
    if _sha256(dump) != dados["sha256"]:
        raise ErroMigracao(
            f"{dump} está danificado (o SHA-256 não confere com o da cópia)."
        )
    conexao = conectar(dsn)
    try:
        with conexao.cursor() as cursor:
            existentes = _conteudo(cursor)
    finally:
        conexao.close()
    if existentes:
        raise ErroMigracao(
            f"o banco de destino não está vazio ({existentes} tabelas, sequências "
            "ou objetos). A restauração só escreve num banco vazio (nada foi "
            "alterado): crie um banco novo (CREATE DATABASE … OWNER seimg) e "
            "aponte SEIMG_POSTGRESQL_DSN para ele."
        )
    dizer(f"Restaurando o banco PostgreSQL ({dados['objetos']} objetos)…")
    alvo, ambiente = _para_comando(dsn)
    feito = subprocess.run(
        [
            _bin("pg_restore"),
            "--no-owner",
            "--no-acl",
            f"--role={_papel(dsn)}",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            alvo,
            str(dump),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=ambiente,
    )
    if feito.returncode != 0:
        raise ErroMigracao(
            f"o pg_restore falhou (nada foi gravado): {feito.stderr.strip()[-2000:]}"
        )
    try:
        dizer("Conferindo o banco restaurado…")
        verificar(dsn, dados)
    except BaseException:
        try:
            esvaziar_banco(dsn)
        except Exception as erro:
            dizer(
                f"ATENÇÃO: não foi possível esvaziar o banco: {_primeira_linha(erro)}"
            )
        else:
            dizer("O banco de destino foi esvaziado de novo.")
        raise
    dizer(
        f"Banco conferido: {dados['objetos']} objetos do ZODB lidos, "
        f"{dados['blobs']} arquivos (blobs) carregados, "
        f"{len(dados['tabelas'])} tabelas com as mesmas linhas da cópia."
    )
    return dados


def verificar(dsn: str, dados: dict) -> None:
    """The restored database holds what the copy's figures say."""
    conexao = conectar(dsn)
    try:
        with conexao.cursor() as cursor:
            agora = figuras(cursor)
    finally:
        conexao.close()
    for chave in ("objetos", "blobs", "ultima_transacao", "resumo_objetos", "tabelas"):
        if agora[chave] != dados[chave]:
            raise ErroMigracao(
                f"o banco restaurado não confere com a cópia ({chave}: "
                f"{agora[chave]!r} em vez de {dados[chave]!r})."
            )
    from ZODB.blob import is_blob_record

    cache = Path(tempfile.gettempdir())  # aberto() makes a private one
    objetos = blobs = 0
    pendentes = []
    with aberto("%import relstorage\n" + config_relstorage(dsn, cache)) as storage:
        for oid, tid, estado in registros(storage):
            objetos += 1
            if is_blob_record(estado):
                pendentes.append((oid, tid))
        for oid, tid in pendentes:
            caminho = storage.loadBlob(oid, tid)  # the large object is there
            with open(caminho, "rb") as arquivo:
                while arquivo.read(1 << 20):
                    pass
            os.unlink(caminho)  # a throw-away cache: keep it small
            blobs += 1
    if objetos != dados["objetos"] or blobs != dados["blobs"]:
        raise ErroMigracao(
            f"o banco restaurado não confere com a cópia: {objetos} objetos e "
            f"{blobs} blobs lidos, a cópia tem {dados['objetos']} e {dados['blobs']}."
        )


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] not in ("copiar", "restaurar"):
        print(
            "uso: python -m seimg.deploy.copia copiar|restaurar <pasta>",
            file=sys.stderr,
        )
        return 2
    acao, pasta = argv[0], Path(argv[1])
    try:
        with servidor_do_cluster(criar=acao == "restaurar") as dsn:
            if acao == "copiar":
                print(manifesto(copiar(dsn, pasta)))
            else:
                restaurar(pasta, dsn)
    except ErroMigracao as erro:
        print(f"ERRO: {erro}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
