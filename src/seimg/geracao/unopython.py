"""``seimg-python-uno``: appy's converter under Debian's UNO Python, time-boxed.

collective.documentgenerator hands appy the path of a "Python with UNO" to run
``appy/bin/convert.py``. Debian's ``python3-uno`` binds to ``/usr/bin/python3``,
which cannot see this virtualenv, and appy waits for that subprocess without
a time limit. This wrapper fixes both: it exposes only the ``appy`` package to
the system Python and runs it under ``timeout``, so a hung LibreOffice costs a
render at most ``SEIMG_RENDER_TIMEOUT`` seconds instead of a Zope worker.
"""

from pathlib import Path
import appy
import os
import sys
import tempfile


UNO_PYTHON = os.environ.get("SEIMG_UNO_PYTHON", "/usr/bin/python3")


# appy's converter imports appy.utils, which needs persistent (and so zope).
EXPOSED_PACKAGES = ("appy", "persistent", "zope")


def appy_only_path() -> str:
    """A folder linking only the packages the converter imports, for PYTHONPATH.

    Exposing the whole virtualenv would let its packages shadow the system
    Python's own; these three are pure Python or built for the same 3.11 ABI.
    """
    site_packages = Path(appy.__file__).resolve().parent.parent
    folder = Path(tempfile.gettempdir()) / f"seimg-uno-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    for name in EXPOSED_PACKAGES:
        source = site_packages / name
        link = folder / name
        if link.is_symlink() and link.resolve() == source:
            continue
        temporary = folder / f".{name}-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(source)
        temporary.replace(link)
    return str(folder)


def command(args: list[str], timeout: int) -> list[str]:
    return [
        "timeout",
        "--kill-after=5",
        str(timeout),
        UNO_PYTHON,
        *args,
    ]


def main() -> None:
    from seimg.geracao.libreoffice import render_timeout

    env = dict(os.environ, PYTHONPATH=appy_only_path())
    argv = command(sys.argv[1:], render_timeout())
    os.execvpe(argv[0], argv, env)
