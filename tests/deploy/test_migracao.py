"""FileStorage → PostgreSQL migration and PostgreSQL backup/restore (issue 20).

Small storages made with ZODB directly (no Plone): a few hundred persistent
objects in an OOBTree, a second transaction that changes some, two blobs.
Each test gets a new empty database on the session's PostgreSQL
(``banco_postgresql``). The round trips are compared object by object
(:func:`seimg.deploy.migracao.comparar`): every oid, its state bytes, each
blob's SHA-256.
"""

from pathlib import Path
from persistent import Persistent
from seimg.deploy import migracao
from seimg.deploy.migracao import comparar
from seimg.deploy.migracao import config_filestorage
from seimg.deploy.migracao import config_relstorage
from seimg.deploy.migracao import ErroMigracao
from seimg.deploy.migracao import migrar
from seimg.deploy.migracao import objetos_no_postgresql
import io
import os
import pytest
import socket
import subprocess
import sys
import tempfile


REPO = Path(__file__).resolve().parents[2]
BLOB_GRANDE = os.urandom(300_000)


class Pasta(Persistent):
    """Stands for Zope's Application and a Plone site (attributes only)."""


def _filestorage(pasta: Path, blobs: Path | None = None) -> tuple[Path, Path]:
    from BTrees.OOBTree import OOBTree
    from persistent.mapping import PersistentMapping
    from seimg.numeracao.contadores import Contador
    from ZODB.blob import Blob
    from ZODB.DB import DB
    from ZODB.FileStorage import FileStorage

    pasta.mkdir(parents=True, exist_ok=True)
    datafs, blobs = pasta / "Data.fs", blobs or pasta / "blobstorage"
    banco = DB(FileStorage(str(datafs), blob_dir=str(blobs)))
    with banco.transaction() as conexao:
        raiz = conexao.root()
        raiz["arvore"] = arvore = OOBTree()
        for i in range(300):
            arvore[f"p{i:04d}"] = PersistentMapping({"i": i, "texto": "á" * (i % 50)})
        for nome, conteudo in (("a", b"primeiro arquivo\n" * 500), ("b", BLOB_GRANDE)):
            blob = Blob()
            with blob.open("w") as arquivo:
                arquivo.write(conteudo)
            raiz[nome] = blob
        # a site's number counters, as seimg.numeracao.contadores keeps them
        raiz["Application"] = aplicacao = Pasta()
        aplicacao.seimg = site = Pasta()
        site._seimg_contadores = OOBTree({"nup/CMVS/2026": Contador(41)})
    with banco.transaction() as conexao:  # history: a second revision
        conexao.root()["arvore"]["p0001"]["i"] = -1
    banco.close()
    return datafs, blobs


def _objetos_no_filestorage(datafs: Path) -> int:
    from ZODB.FileStorage import FileStorage

    storage = FileStorage(str(datafs), read_only=True)
    try:
        return len(storage)
    finally:
        storage.close()


def _config_rel(dsn: str, pasta: Path) -> Path:
    config = pasta / "b.conf"
    config.write_text("%import relstorage\n" + config_relstorage(dsn, pasta / "cache"))
    return config


def _porta_fechada() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_migracao_comparada_objeto_a_objeto(banco_postgresql, tmp_path, capsys):
    datafs, blobs = _filestorage(tmp_path / "fs")
    total = _objetos_no_filestorage(datafs)
    assert total > 300
    saida = io.StringIO()
    relatorio = migrar(datafs, blobs, banco_postgresql, saida=saida)
    assert relatorio.iguais, relatorio.resumo()
    assert (relatorio.objetos_a, relatorio.objetos_b, relatorio.blobs) == (
        total,
        total,
        2,
    )
    assert f"Contagem conferida: {total} objetos" in saida.getvalue()
    assert "Contadores de numeração copiados para o PostgreSQL: 1." in saida.getvalue()
    conexao = migracao.conectar(banco_postgresql)
    with conexao.cursor() as cursor:
        cursor.execute("SELECT chave, valor FROM seimg_contadores")
        assert cursor.fetchall() == [("nup/CMVS/2026", 41)]
    conexao.close()
    assert objetos_no_postgresql(banco_postgresql) == total
    assert not Path(str(datafs) + ".lock").exists()

    # The command line, as the lead calls it on a real site.
    a = tmp_path / "a.conf"
    a.write_text(config_filestorage(datafs, blobs))
    b = _config_rel(banco_postgresql, tmp_path)
    assert migracao.main(["comparar", str(a), str(b)]) == 0
    linha = capsys.readouterr().out.strip()
    assert linha == (
        f"Iguais: {total} objetos em A e {total} em B, estado idêntico objeto a "
        "objeto; 2 arquivos (blobs) com o mesmo SHA-256."
    )

    # One object and one blob changed in B: both are reported (the check can fail).
    import transaction
    import ZODB.config

    storage = ZODB.config.storageFromString(
        "%import relstorage\n" + config_relstorage(banco_postgresql, tmp_path / "w")
    )
    banco = ZODB.DB(storage)
    with banco.transaction() as conexao:
        raiz = conexao.root()
        raiz["arvore"]["p0150"]["texto"] = "alterado"
        with raiz["b"].open("w") as arquivo:
            arquivo.write(b"outro conteudo")
    transaction.abort()
    banco.close()
    relatorio = comparar(a, b)
    assert not relatorio.iguais
    assert (relatorio.diferentes, relatorio.ausentes, relatorio.sobrando) == (1, 0, 0)
    assert (relatorio.blobs, relatorio.blobs_diferentes) == (2, 1)
    assert migracao.main(["comparar", str(a), str(b)]) == 1
    assert capsys.readouterr().out.startswith(
        f"DIFERENTES: {total} objetos em A e {total} em B; 0 ausentes em B, 0 só "
        "em B, 1 com estado diferente, 1 de 2 arquivos (blobs) diferentes (ex.: "
    )


def test_destino_com_objetos_recusado_e_substituido(banco_postgresql, tmp_path):
    datafs, blobs = _filestorage(tmp_path / "fs")
    migrar(datafs, blobs, banco_postgresql, verificar=False, saida=io.StringIO())
    total = objetos_no_postgresql(banco_postgresql)
    with pytest.raises(ErroMigracao, match=r"já tem .* objetos do ZODB; nada foi"):
        migrar(datafs, blobs, banco_postgresql, saida=io.StringIO())
    assert objetos_no_postgresql(banco_postgresql) == total
    relatorio = migrar(
        datafs, blobs, banco_postgresql, substituir=True, saida=io.StringIO()
    )
    assert relatorio.iguais


def test_falha_deixa_o_destino_vazio(banco_postgresql, tmp_path, monkeypatch):
    datafs, blobs = _filestorage(tmp_path / "fs")
    real = migracao.comparar

    def estragado(a, b):
        relatorio = real(a, b)
        relatorio.diferentes = 1
        return relatorio

    monkeypatch.setattr(migracao, "comparar", estragado)
    saida = io.StringIO()
    with pytest.raises(ErroMigracao, match="DIFERENTES"):
        migrar(datafs, blobs, banco_postgresql, saida=saida)
    assert "esvaziado: nada ficou pela metade" in saida.getvalue()
    assert objetos_no_postgresql(banco_postgresql) == 0


def test_entradas_ruins(banco_postgresql, tmp_path):
    datafs, blobs = _filestorage(tmp_path / "fs")
    with pytest.raises(ErroMigracao, match="não há banco de dados em"):
        migrar(tmp_path / "nada" / "Data.fs", None, banco_postgresql)
    with pytest.raises(ErroMigracao, match="não há a pasta dos arquivos"):
        migrar(datafs, tmp_path / "nada", banco_postgresql)
    # a server that is down / a wrong DSN / not a DSN
    fora = f"host=127.0.0.1 port={_porta_fechada()} dbname=x user=seimg"
    with pytest.raises(ErroMigracao, match="não foi possível conectar ao PostgreSQL"):
        migrar(datafs, blobs, fora)
    errado = banco_postgresql.replace("dbname=", "dbname=nao_existe_")
    with pytest.raises(ErroMigracao, match=r"nao_existe_.*does not exist"):
        migrar(datafs, blobs, errado)
    with pytest.raises(ErroMigracao, match="DSN inválido"):
        migrar(datafs, blobs, "isto não é um dsn")
    # Zope running on the Data.fs (its lock is held)
    import zc.lockfile

    trava = zc.lockfile.LockFile(str(datafs) + ".lock")
    try:
        with pytest.raises(ErroMigracao, match="o Zope está em execução"):
            migrar(datafs, blobs, banco_postgresql)
    finally:
        trava.close()
    assert objetos_no_postgresql(banco_postgresql) == 0


def _rodar(script: str, env: dict, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", f"scripts/{script}", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_copia_apagar_e_restaurar(postgresql_servidor, banco_postgresql, tmp_path):
    datafs, blobs = _filestorage(tmp_path / "fs")
    migrar(datafs, blobs, banco_postgresql, verificar=False, saida=io.StringIO())
    data = tmp_path / "data"
    (data / "certificados" / "CMVS").mkdir(parents=True)
    (data / "certificados" / "CMVS" / "a1.p12").write_bytes(b"certificado")
    copias = tmp_path / "copias"
    base = {k: v for k, v in os.environ.items() if not k.startswith("SEIMG_")}
    env = {
        **base,
        "SEIMG_DATA": str(data),
        "SEIMG_POSTGRESQL_DSN": banco_postgresql,
        "SEIMG_BACKUP": str(copias),
    }

    # The database down: nothing is left behind.
    fora = f"host=127.0.0.1 port={_porta_fechada()} dbname=x user=seimg"
    falha = _rodar("backup.sh", {**env, "SEIMG_POSTGRESQL_DSN": fora})
    assert falha.returncode != 0
    assert "não foi possível conectar ao PostgreSQL" in falha.stderr
    assert "falhou e foi desfeita" in falha.stderr
    assert not copias.exists() or list(copias.iterdir()) == []

    feito = _rodar("backup.sh", env)
    assert feito.returncode == 0, feito.stderr
    ultima = (copias / "ultimo").resolve()
    manifesto = (ultima / "MANIFESTO").read_text()
    total = _objetos_no_filestorage(datafs)
    assert f"objetos do ZODB: {total}" in manifesto
    assert "blobs: 2" in manifesto
    assert (ultima / "banco.dump").is_file()
    assert (ultima / "certificados" / "CMVS" / "a1.p12").read_bytes() == b"certificado"
    soma = subprocess.run(
        ["sha256sum", "-c", "banco.dump.sha256"], cwd=ultima, check=False
    )
    assert soma.returncode == 0

    # Wipe the origin, restore into a new database, compare with the original.
    migracao.esvaziar(banco_postgresql)
    assert objetos_no_postgresql(banco_postgresql) == 0
    nome = f"seimg_restaurado_{os.getpid()}"
    destino = postgresql_servidor.criar_banco(nome)
    try:
        restaurada = tmp_path / "restaurada"
        env_r = {**env, "SEIMG_DATA": str(restaurada), "SEIMG_POSTGRESQL_DSN": destino}
        feito = _rodar("restore.sh", env_r, str(copias))
        assert feito.returncode == 0, feito.stdout + feito.stderr
        assert f"Banco conferido: {total} objetos do ZODB lidos" in feito.stderr
        assert (restaurada / "certificados" / "CMVS" / "a1.p12").is_file()
        relatorio = comparar(
            config_filestorage(datafs, blobs),
            "%import relstorage\n" + config_relstorage(destino, tmp_path / "c"),
        )
        assert relatorio.iguais, relatorio.resumo()
        assert relatorio.blobs == 2

        # A database that holds anything is refused and left as it was.
        outra = tmp_path / "outra"
        recusa = _rodar("restore.sh", {**env_r, "SEIMG_DATA": str(outra)}, str(copias))
        assert recusa.returncode != 0
        assert "não está vazio" in recusa.stderr
        assert objetos_no_postgresql(destino) == total
    finally:
        postgresql_servidor.remover_banco(nome)


def test_make_migrar_postgresql_no_servidor_proprio(tmp_path):
    """Without a DSN the cluster's own server is made, started, stopped."""
    pasta = Path(tempfile.mkdtemp(prefix="seimg-migrar-"))
    os.chmod(pasta, 0o711)  # the postgres user passes through
    try:
        var = pasta / "instance" / "var"
        _filestorage(var / "filestorage", var / "blobstorage")
        base = {k: v for k, v in os.environ.items() if not k.startswith("SEIMG_")}
        env = {**base, "SEIMG_DATA": str(pasta), "SEIMG_PG_PORT": str(_porta_fechada())}
        feito = subprocess.run(
            [sys.executable, "-m", "seimg.deploy.migracao", "migrar"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert feito.returncode == 0, feito.stderr
        assert "Iguais:" in feito.stderr
        assert "Migração concluída" in feito.stderr
        assert (pasta / "postgresql" / "dados" / "PG_VERSION").is_file()
        # stopped again: the same command now finds a non-empty database
        again = subprocess.run(
            [sys.executable, "-m", "seimg.deploy.migracao", "migrar"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 1
        assert "ERRO: o banco de destino já tem" in again.stderr
    finally:
        subprocess.run(["rm", "-rf", str(pasta)], check=False)
