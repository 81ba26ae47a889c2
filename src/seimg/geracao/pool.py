"""The LibreOffice worker pool: one render per worker, never shared.

Every conversion (appy's, for collective.documentgenerator templates, and
:func:`converter`, for HTML or any file LibreOffice reads) first *reserves* a
worker with :func:`reservar`: an exclusive ``flock`` on ``<dir>/worker-<i>.lock``.
The lock is per open file, so it holds between the threads of one Zope and
between Zope processes sharing the supervisor. When every worker is busy the
render waits (``SEIMG_LIBREOFFICE_QUEUE_TIMEOUT``) and then fails with a clear
message rather than piling onto a busy worker.

While it holds the worker, a failed or timed-out conversion (the converter
runs under ``timeout``, see :mod:`.unopython`) kills that worker only, waits
for the supervisor to start it again and retries once; a second failure is a
:class:`~seimg.geracao.rendering.LibreOfficeIndisponivel`.
"""

from appy.pod.lo_pool import LO
from appy.pod.lo_pool import LoPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from seimg.geracao import libreoffice
import fcntl
import logging
import os
import random
import subprocess
import tempfile
import time


logger = logging.getLogger(__name__)

POLL = 0.05


@dataclass(frozen=True)
class Trabalhador:
    """A reserved worker: its index (for restarts) and its port."""

    index: int
    port: int


def locks_dir() -> Path:
    folder = libreoffice.working_dir()
    if folder is None:
        folder = Path(tempfile.gettempdir()) / f"seimg-lo-{os.getuid()}"
    folder = folder / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _try_lock(index: int):
    """The open lock file of worker ``index`` if it was free, else None."""
    handle = open(locks_dir() / f"worker-{index}.lock", "a+")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def ocupado():
    from seimg import _
    from seimg.geracao.rendering import LibreOfficeIndisponivel

    return LibreOfficeIndisponivel(
        _(
            "document_generation_busy",
            default="Every document generator (LibreOffice) is busy. Please try "
            "again in a few moments.",
        ),
        "no free LibreOffice worker",
    )


@contextmanager
def reservar(timeout: float | None = None):
    """Hold a free worker for the duration of the block.

    Raises :class:`LibreOfficeIndisponivel` when none frees up in ``timeout``
    seconds (``SEIMG_LIBREOFFICE_QUEUE_TIMEOUT`` by default).
    """
    count = libreoffice.workers()
    deadline = time.monotonic() + (
        libreoffice.queue_timeout() if timeout is None else timeout
    )
    while True:
        # Start at a random worker, so that an idle pool spreads the load.
        start = random.randrange(count)
        for offset in range(count):
            index = (start + offset) % count
            handle = _try_lock(index)
            if handle is not None:
                try:
                    yield Trabalhador(index, libreoffice.port() + index)
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
                    handle.close()
                return
        if time.monotonic() >= deadline:
            raise ocupado()
        time.sleep(POLL)


def _pronto(trabalhador: Trabalhador) -> None:
    """Make sure the reserved worker listens, restarting it if it does not."""
    from seimg.geracao.rendering import unavailable

    if libreoffice.is_listening(index=trabalhador.index):
        return
    logger.warning("LibreOffice worker %s is not listening", trabalhador.index)
    if not libreoffice.restart(index=trabalhador.index):
        raise unavailable(f"LibreOffice worker {trabalhador.index} is not listening")


def com_trabalhador(tentar, timeout: float | None = None):
    """Run ``tentar(trabalhador) -> (ok, result, detail)`` on a reserved worker.

    On failure the worker is restarted and ``tentar`` runs once more; a second
    failure raises :class:`LibreOfficeIndisponivel` with the last detail.
    """
    from seimg.geracao.rendering import unavailable

    with reservar(timeout) as trabalhador:
        _pronto(trabalhador)
        for attempt in (1, 2):
            ok, result, detail = tentar(trabalhador)
            if ok:
                return result
            logger.error(
                "LibreOffice worker %s failed (attempt %s): %s",
                trabalhador.index,
                attempt,
                detail,
            )
            restarted = libreoffice.restart(index=trabalhador.index)
            if attempt == 2 or not restarted:
                raise unavailable(detail)
    raise AssertionError("unreachable")  # pragma: no cover


def _convert_py() -> str:
    import appy

    return str(Path(appy.__file__).resolve().parent / "bin" / "convert.py")


def converter(origem: Path, destino: Path) -> None:
    """Convert ``origem`` into ``destino`` (format from its extension)."""

    def tentar(trabalhador):
        destino.unlink(missing_ok=True)
        comando = [
            libreoffice.uno_python_wrapper(),
            _convert_py(),
            str(origem),
            str(destino),
            "-e",
            libreoffice.host(),
            "-p",
            str(trabalhador.port),
        ]
        try:
            proc = subprocess.run(
                comando,
                capture_output=True,
                # seimg-python-uno kills the converter at the render timeout;
                # this one only guards against the wrapper itself hanging.
                timeout=libreoffice.render_timeout() + 15,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False, None, "timeout"
        detail = (proc.stderr or proc.stdout or b"").decode(errors="replace")
        if proc.returncode == 124:
            detail = f"timeout ({libreoffice.render_timeout()} s) {detail}"
        elif proc.returncode:
            detail = f"exit code {proc.returncode} {detail}"
        return proc.returncode == 0 and destino.exists(), None, detail

    # LibreOffice may run as another user than Zope.
    origem.parent.chmod(0o755)
    com_trabalhador(tentar)


class AppyLoPool(LoPool):
    """appy's LO pool, replaced: pass as ``loPool`` to appy's ``Renderer``.

    appy's own pool falls back to a busy server when all are busy and never
    restarts one; this one reserves a worker for each conversion.
    """

    def __init__(self):
        super().__init__(
            libreoffice.uno_python_wrapper(), libreoffice.host(), libreoffice.port()
        )

    def __call__(self, renderer, resultName, format=None, outputName=None):
        if outputName:
            result = outputName
            format = os.path.splitext(result)[-1][1:]
        else:
            result = format
        expected = Path(outputName) if outputName else None

        def tentar(trabalhador):
            if expected is not None:
                expected.unlink(missing_ok=True)
            output = LO(self, trabalhador.port)(renderer, resultName, result, format)
            ok = expected.exists() if expected is not None else not output
            return ok, output, output or "no result from LibreOffice"

        return com_trabalhador(tentar)
