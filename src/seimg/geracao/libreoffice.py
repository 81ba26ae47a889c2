"""Where seimg's LibreOffice workers listen, and how to restart one.

The workers are started by ``seimg-libreoffice`` (see :mod:`.supervisor`):
worker *i* listens on ``SEIMG_LIBREOFFICE_PORT + i`` and its ``soffice``
process-group id is in ``<dir>/soffice-<i>.pid``; the supervisor starts it
again whenever it dies. Zope never starts LibreOffice itself: when a render
fails or times out it kills that worker's group, and the supervisor restarts
it. Which worker a render uses is decided by :mod:`.pool`.

Configuration comes from the environment, so that ``make start``, the test
layers and an operator's own setup share one contract:

``SEIMG_LIBREOFFICE_HOST`` / ``SEIMG_LIBREOFFICE_PORT``
    where the first worker listens (default ``127.0.0.1:2002``);
``SEIMG_LIBREOFFICE_WORKERS``
    how many workers run (default 2);
``SEIMG_LIBREOFFICE_QUEUE_TIMEOUT``
    seconds a render waits for a free worker before giving up (default 120);
``SEIMG_LIBREOFFICE_DIR``
    the supervisor's working folder (profile and pid file);
``SEIMG_RENDER_TIMEOUT``
    seconds one conversion may take before it is killed (default 60);
``SEIMG_LIBREOFFICE_RESTART_WAIT``
    seconds to wait for a restarted server to listen again (default 30).
"""

from pathlib import Path
import contextlib
import os
import shutil
import signal
import socket
import sys
import time


REGISTRY_PREFIX = (
    "collective.documentgenerator.browser.controlpanel."
    "IDocumentGeneratorControlPanelSchema."
)


def host() -> str:
    return os.environ.get("SEIMG_LIBREOFFICE_HOST", "127.0.0.1")


def port() -> int:
    return int(os.environ.get("SEIMG_LIBREOFFICE_PORT", "2002"))


def workers() -> int:
    return max(1, int(os.environ.get("SEIMG_LIBREOFFICE_WORKERS", "2")))


def ports() -> list[int]:
    """The port of every worker, in index order."""
    return [port() + index for index in range(workers())]


def queue_timeout() -> float:
    return float(os.environ.get("SEIMG_LIBREOFFICE_QUEUE_TIMEOUT", "120"))


def render_timeout() -> int:
    return int(os.environ.get("SEIMG_RENDER_TIMEOUT", "60"))


def restart_wait() -> float:
    return float(os.environ.get("SEIMG_LIBREOFFICE_RESTART_WAIT", "30"))


def working_dir() -> Path | None:
    value = os.environ.get("SEIMG_LIBREOFFICE_DIR")
    return Path(value) if value else None


def uno_python_wrapper() -> str:
    """Path of the ``seimg-python-uno`` console script next to this Python."""
    candidates = [Path(sys.executable).parent / "seimg-python-uno"]
    found = shutil.which("seimg-python-uno")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return str(candidates[0])


def is_listening(timeout: float = 1.0, index: int = 0) -> bool:
    """Whether something accepts connections on worker ``index``'s port."""
    try:
        with socket.create_connection((host(), port() + index), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until_listening(timeout: float, index: int | None = None) -> bool:
    """Wait for worker ``index`` (every worker when None) to listen."""
    indexes = range(workers()) if index is None else [index]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(is_listening(index=i) for i in indexes):
            return True
        time.sleep(0.25)
    return False


def supervised_pgid(index: int = 0) -> int | None:
    """Process group of worker ``index``'s ``soffice``, from its pid file."""
    from seimg.geracao.supervisor import pidfile_name

    folder = working_dir()
    if folder is None:
        return None
    try:
        return int((folder / pidfile_name(index)).read_text().strip())
    except (OSError, ValueError):
        return None


def restart(wait: float | None = None, index: int = 0) -> bool:
    """Kill worker ``index`` so that the supervisor starts a new one.

    Returns whether its port answers again within ``wait`` seconds
    (``SEIMG_LIBREOFFICE_RESTART_WAIT`` by default).
    """
    pgid = supervised_pgid(index)
    if pgid:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        # Give the supervisor time to notice and to close the old socket.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and supervised_pgid(index) == pgid:
            time.sleep(0.1)
    return wait_until_listening(restart_wait() if wait is None else wait, index)


def configure_documentgenerator() -> None:
    """Point collective.documentgenerator's registry at this LibreOffice.

    Called on install and by the start script, so that a changed port or a
    moved virtualenv is picked up at the next start.
    """
    from plone import api

    values = {
        "oo_server": host(),
        "oo_port_list": " ".join(str(p) for p in ports()),
        "uno_path": uno_python_wrapper(),
        # Template errors must raise, never be written into the document as
        # comments: LibreOffice's UNO server crashes on commented documents.
        "raiseOnError_for_non_managers": True,
    }
    for name, value in values.items():
        api.portal.set_registry_record(REGISTRY_PREFIX + name, value)
