"""Write the Zope instance configuration of a seimg deployment.

Usage: ``python -m seimg.deploy.instance`` (``make start`` does it). Reads
``SEIMG_DATA`` (default ``./var``), ``SEIMG_HOST``, ``SEIMG_PORT``,
``SEIMG_THREADS`` and the ``SEIMG_LIBREOFFICE_*`` variables (``…_WORKERS``:
how many LibreOffice servers render in parallel), and writes the
files under ``$SEIMG_DATA/instance/etc``. Data (``Data.fs``, blobs, logs)
lives beside them in ``$SEIMG_DATA/instance/var`` and is never touched here.
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
    )


def write(settings: Settings) -> Path:
    etc = settings.instance / "etc"
    for folder in (
        etc,
        settings.instance / "var" / "filestorage",
        settings.instance / "var" / "blobstorage",
        settings.instance / "var" / "log",
        settings.instance / "var" / "cache",
        settings.libreoffice_dir,
    ):
        folder.mkdir(parents=True, exist_ok=True)
    (settings.instance / "var" / "blobstorage").chmod(0o700)
    for name in ("zope.conf", "zope.ini", "site.zcml"):
        (etc / name).write_text(render(name, settings), encoding="utf-8")
    return etc


def main() -> int:
    etc = write(Settings.from_environ())
    print(etc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
