"""Write the Zope instance configuration of a seimg deployment.

Usage: ``python -m seimg.deploy.instance`` (``make start`` does it). Reads
``SEIMG_DATA`` (default ``./var``), ``SEIMG_HOST``, ``SEIMG_PORT``,
``SEIMG_THREADS`` and the ``SEIMG_LIBREOFFICE_*`` variables (``…_WORKERS``:
how many LibreOffice servers render in parallel), and writes the
files under ``$SEIMG_DATA/instance/etc``. Data (``Data.fs``, blobs, logs)
lives beside them in ``$SEIMG_DATA/instance/var`` and is never touched here.

With ``SEIMG_POSTGRESQL_DSN`` the database is PostgreSQL instead of
FileStorage: history-free RelStorage, blobs stored in the database with a
local cache in ``var/blobcache`` (``SEIMG_PG_BLOB_CACHE``, 1gb) and a local
pickle cache (``SEIMG_PG_CACHE_MB``, 200), as ``make cluster`` runs it; the
DSN, ``SEIMG_DATA`` and ``SEIMG_COMPARTILHADO`` are written into the
configuration's environment, so console scripts (``make adesao``) run against
the same database while the instances serve. ``SEIMG_TRUSTED_PROXY`` (the
proxy's address; the cluster sets 127.0.0.1 for its HAProxy) makes Zope take
the client's address from ``X-Forwarded-For``.
"""

from dataclasses import dataclass
from pathlib import Path
from string import Template
import os
import sys


TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Settings:
    data: Path
    host: str
    port: int
    threads: int
    libreoffice_host: str
    libreoffice_port: int
    render_timeout: int
    conflict_retries: int = 6
    libreoffice_workers: int = 2
    max_corpo_mb: int = 0  # 0: seimg.deploy.limite.padrao_mb()
    dsn: str = ""  # PostgreSQL (RelStorage) instead of FileStorage
    compartilhado: Path | None = None  # files shared by every instance
    trusted_proxy: str = ""
    blob_cache: str = "1gb"
    cache_local_mb: int = 200

    @classmethod
    def from_environ(cls, environ=os.environ) -> "Settings":
        return cls(
            data=Path(environ.get("SEIMG_DATA", "var")).resolve(),
            host=environ.get("SEIMG_HOST", "127.0.0.1"),
            port=int(environ.get("SEIMG_PORT", "8080")),
            threads=int(environ.get("SEIMG_THREADS", "4")),
            libreoffice_host=environ.get("SEIMG_LIBREOFFICE_HOST", "127.0.0.1"),
            libreoffice_port=int(environ.get("SEIMG_LIBREOFFICE_PORT", "2002")),
            render_timeout=int(environ.get("SEIMG_RENDER_TIMEOUT", "60")),
            conflict_retries=int(environ.get("SEIMG_CONFLICT_RETRIES", "6")),
            libreoffice_workers=int(environ.get("SEIMG_LIBREOFFICE_WORKERS", "2")),
            max_corpo_mb=int(environ.get("SEIMG_MAX_CORPO_MB", "0") or 0),
            dsn=(environ.get("SEIMG_POSTGRESQL_DSN") or "").strip(),
            compartilhado=(
                Path(environ["SEIMG_COMPARTILHADO"]).resolve()
                if environ.get("SEIMG_COMPARTILHADO")
                else None
            ),
            trusted_proxy=(environ.get("SEIMG_TRUSTED_PROXY") or "").strip(),
            blob_cache=environ.get("SEIMG_PG_BLOB_CACHE", "1gb"),
            cache_local_mb=int(environ.get("SEIMG_PG_CACHE_MB", "200")),
        )

    @property
    def corpo_mb(self) -> int:
        """The request body limit (MB), ``SEIMG_MAX_CORPO_MB`` or the default."""
        from seimg.deploy import limite

        return self.max_corpo_mb or limite.padrao_mb()

    @property
    def instance(self) -> Path:
        return self.data / "instance"

    @property
    def libreoffice_dir(self) -> Path:
        return self.data / "libreoffice"


FILESTORAGE = """<zodb_db main>
  <filestorage>
    path $INSTANCE/var/filestorage/Data.fs
    blob-dir $INSTANCE/var/blobstorage
  </filestorage>
  mount-point /
  cache-size 30000
</zodb_db>
"""

RELSTORAGE = """%import relstorage
<zodb_db main>
  <relstorage>
    keep-history false
    shared-blob-dir false
    blob-dir $INSTANCE/var/blobcache
    blob-cache-size {blob_cache}
    cache-local-mb {cache_local_mb}
    # a commit waits at most this long for another's row locks
    commit-lock-timeout 30
    <postgresql>
      dsn {dsn}
    </postgresql>
  </relstorage>
  mount-point /
  cache-size 30000
</zodb_db>
"""


def _zconfig(valor: str) -> str:
    """A value safe on one ZConfig line (no newlines; ``$`` escaped)."""
    if any(c in valor for c in "\r\n"):
        raise ValueError(f"newline in a configuration value: {valor!r}")
    return valor.replace("$", "$$")


def armazenamento(settings: Settings) -> str:
    """The ``<zodb_db main>`` section: FileStorage, or RelStorage with a DSN."""
    if not settings.dsn:
        return FILESTORAGE
    return RELSTORAGE.format(
        dsn=_zconfig(settings.dsn),
        blob_cache=_zconfig(settings.blob_cache),
        cache_local_mb=settings.cache_local_mb,
    )


def ambiente(settings: Settings) -> str:
    """Extra ``<environment>`` lines: what the seimg code of any process
    opening this configuration must see (the database, the data folders)."""
    linhas = [f"  SEIMG_DATA {_zconfig(str(settings.data))}"]
    if settings.dsn:
        linhas.append(f"  SEIMG_POSTGRESQL_DSN {_zconfig(settings.dsn)}")
    if settings.compartilhado:
        linhas.append(f"  SEIMG_COMPARTILHADO {_zconfig(str(settings.compartilhado))}")
    return "".join(f"{linha}\n" for linha in linhas)


def render(name: str, settings: Settings) -> str:
    template = Template((TEMPLATES / name).read_text(encoding="utf-8"))
    return template.substitute(
        instance=settings.instance,
        host=settings.host,
        port=settings.port,
        threads=settings.threads,
        libreoffice_host=settings.libreoffice_host,
        libreoffice_port=settings.libreoffice_port,
        libreoffice_workers=settings.libreoffice_workers,
        libreoffice_dir=settings.libreoffice_dir,
        render_timeout=settings.render_timeout,
        conflict_retries=settings.conflict_retries,
        max_corpo_mb=settings.corpo_mb,
        max_corpo_waitress=settings.corpo_mb * 2 * 1024 * 1024,
        armazenamento=armazenamento(settings),
        ambiente=ambiente(settings),
        proxy=(
            f"trusted-proxy {_zconfig(settings.trusted_proxy)}"
            if settings.trusted_proxy
            else ""
        ),
    )


def write(settings: Settings) -> Path:
    etc = settings.instance / "etc"
    armazenamento = ("blobcache",) if settings.dsn else ("filestorage", "blobstorage")
    for folder in (
        etc,
        *(settings.instance / "var" / nome for nome in armazenamento),
        settings.instance / "var" / "log",
        settings.instance / "var" / "cache",
        settings.libreoffice_dir,
    ):
        folder.mkdir(parents=True, exist_ok=True)
    (settings.instance / "var" / armazenamento[-1]).chmod(0o700)
    for name in ("zope.conf", "zope.ini", "site.zcml"):
        destino = etc / name
        destino.touch(mode=0o600)  # zope.conf names the database
        destino.chmod(0o600)
        destino.write_text(render(name, settings), encoding="utf-8")
    return etc


def main() -> int:
    etc = write(Settings.from_environ())
    print(etc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
