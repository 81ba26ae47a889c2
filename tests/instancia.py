"""A real seimg instance for the tests that need one (FileStorage, threads).

As ``make start`` does, but in a temporary folder: ``seimg.deploy.instance``
writes the configuration (FileStorage, several WSGI threads, a free port on
127.0.0.1), ``zconsole run … scripts/create-site.py`` creates the demo site
and ``runwsgi`` serves it. It shares nothing with the plone.app.testing layers
(DemoStorage); one instance serves the whole session.
"""

from contextlib import contextmanager
from pathlib import Path
from seimg.base.smtpsink import Sink
from seimg.deploy import instance
from seimg.testing import free_port
import os
import pytest
import socket
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SERVER_THREADS = 4
SENHA_DEMO = "Demo@2026"
SENHA_ADMIN = "admin-concorrencia"


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


class Instancia:
    """A running seimg instance: its URL and event log."""

    def __init__(self, url: str, event_log: Path, console_log: Path, criacao=""):
        self.url = url
        self.criacao = criacao
        self.event_log = event_log
        self.console_log = console_log

    def log(self) -> str:
        return self.event_log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def servir(data: Path, esperado: str = "Site '/seimg' criado."):
    """Serve the site in ``data`` (created, or kept and upgraded, by create-site.py).

    ``esperado`` is the line create-site.py must print.
    """
    port = free_port()
    with Sink(data / "mail") as sink:
        env = {
            name: value
            for name, value in os.environ.items()
            # settings left by the test layers of this session, if any
            if not name.startswith("SEIMG_")
        }
        env.update(
            SEIMG_DATA=str(data),
            SEIMG_HOST="127.0.0.1",
            SEIMG_PORT=str(port),
            SEIMG_THREADS=str(SERVER_THREADS),
            SEIMG_ADMIN_PASSWORD=SENHA_ADMIN,
            SEIMG_DEMO="1",
            SEIMG_DEMO_PASSWORD=SENHA_DEMO,
            # never used here (nothing is rendered), but never another's
            SEIMG_LIBREOFFICE_PORT=str(free_port()),
            SEIMG_LIBREOFFICE_DIR=str(data / "libreoffice"),
            SEIMG_SMTP_HOST="127.0.0.1",
            SEIMG_SMTP_PORT=str(sink.port),
        )
        settings = instance.Settings.from_environ(env)
        assert settings.threads == SERVER_THREADS
        etc = instance.write(settings)
        assert f"threads = {SERVER_THREADS}" in (etc / "zope.ini").read_text()
        assert "<filestorage>" in (etc / "zope.conf").read_text()

        criar = subprocess.run(
            [
                str(BIN / "zconsole"),
                "run",
                str(etc / "zope.conf"),
                str(REPO / "scripts" / "create-site.py"),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=300,
            check=False,
        )
        saida = criar.stdout.decode("utf-8", "replace")
        assert criar.returncode == 0, saida[-4000:]
        assert esperado in saida, saida[-4000:]

        console_log = data / "runwsgi.log"
        event_log = settings.instance / "var" / "log" / "event.log"
        with open(console_log, "wb") as console:
            server = subprocess.Popen(
                [str(BIN / "runwsgi"), str(etc / "zope.ini")],
                cwd=REPO,
                env=env,
                stdout=console,
                stderr=subprocess.STDOUT,
            )
            try:
                prazo = time.monotonic() + 120
                while not _listening(port):
                    if server.poll() is not None:
                        pytest.fail(
                            "runwsgi exited:\n" + console_log.read_text()[-4000:]
                        )
                    if time.monotonic() > prazo:
                        pytest.fail("runwsgi did not listen within 120 s")
                    time.sleep(0.3)
                url = f"http://127.0.0.1:{port}/seimg"
                yield Instancia(url, event_log, console_log, saida)
            finally:
                _stop(server)


@pytest.fixture(scope="session")
def instancia(tmp_path_factory):
    with servir(tmp_path_factory.mktemp("seimg-concorrencia")) as servida:
        yield servida
