"""What ``comparar`` opens: the storage section of a zope.conf, read-only,
a RelStorage with a blob cache of its own (seimg.deploy.migracao)."""

from pathlib import Path
from seimg.deploy.migracao import armazenamento_de
from seimg.deploy.migracao import ErroMigracao
from seimg.deploy.migracao import Relatorio
import pytest


ZOPE_CONF = """%define INSTANCE /srv/seimg/instance
instancehome $INSTANCE
<environment>
  TZ America/Sao_Paulo
</environment>
{banco}
<dos_protection>
  form-memory-limit 4MB
</dos_protection>
"""

RELSTORAGE = """%import relstorage
<zodb_db main>
  <relstorage>
    keep-history false
    shared-blob-dir false
    blob-dir $INSTANCE/var/blobcache
    blob-cache-size 1gb
    cache-local-mb 200
    <postgresql>
      dsn host=127.0.0.1 port=5433 dbname=seimg user=seimg
    </postgresql>
  </relstorage>
  mount-point /
  cache-size 30000
</zodb_db>"""

FILESTORAGE = """<zodb_db main>
  <filestorage>
    path $INSTANCE/var/filestorage/Data.fs
    blob-dir $INSTANCE/var/blobstorage
  </filestorage>
  mount-point /
  cache-size 30000
</zodb_db>"""


def test_relstorage_de_um_zope_conf():
    texto = armazenamento_de(ZOPE_CONF.format(banco=RELSTORAGE), Path("/tmp/c"))
    assert texto.splitlines() == [
        "%define INSTANCE /srv/seimg/instance",
        "%import relstorage",
        "<relstorage>",
        "read-only true",
        "keep-history false",
        "shared-blob-dir false",
        "blob-cache-size 1gb",
        "cache-local-mb 200",
        "<postgresql>",
        "dsn host=127.0.0.1 port=5433 dbname=seimg user=seimg",
        "</postgresql>",
        "blob-dir /tmp/c",  # never a running instance's cache
        "</relstorage>",
    ]


def test_filestorage_de_um_zope_conf():
    texto = armazenamento_de(ZOPE_CONF.format(banco=FILESTORAGE), Path("/tmp/c"))
    assert texto.splitlines()[1:] == [
        "<filestorage>",
        "read-only true",
        "path $INSTANCE/var/filestorage/Data.fs",
        "blob-dir $INSTANCE/var/blobstorage",
        "</filestorage>",
    ]


def test_sem_armazenamento():
    with pytest.raises(ErroMigracao, match="nenhum armazenamento"):
        armazenamento_de(ZOPE_CONF.format(banco=""), Path("/tmp/c"))


def test_resumo():
    relatorio = Relatorio(objetos_a=3, objetos_b=2, ausentes=1, blobs=1)
    relatorio.anotar("ausente em B", b"\0" * 7 + b"\x2a")
    assert not relatorio.iguais
    assert relatorio.resumo() == (
        "DIFERENTES: 3 objetos em A e 2 em B; 1 ausentes em B, 0 só em B, 0 com "
        "estado diferente, 0 de 1 arquivos (blobs) diferentes (ex.: ausente em "
        "B 0x2a)."
    )
