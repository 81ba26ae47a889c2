"""``seimg-libreoffice``: run a pool of headless LibreOffice UNO servers.

Starts ``--workers`` instances of ``soffice`` (one per port, from ``--port``
upwards), each in its own process group with a private user profile,
listening on localhost only. Worker *i* writes its group id to
``<dir>/soffice-<i>.pid`` and is started again whenever it dies (a crash, or
a kill by Zope after a render timed out). SIGINT/SIGTERM stop every worker
and exit cleanly. It exits non-zero with a message when LibreOffice is
missing, a port is taken, or a worker keeps failing to start.
"""

from pathlib import Path
import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time


START_TIMEOUT = 60
MAX_QUICK_FAILURES = 5
QUICK = 10  # seconds: a worker dying sooner than this counts as a failed start


class SupervisorError(Exception):
    """LibreOffice cannot be run; the message says what to do."""


def log(message: str) -> None:
    print(f"[seimg-libreoffice] {message}", file=sys.stderr, flush=True)


def pidfile_name(index: int) -> str:
    return f"soffice-{index}.pid"


def port_in_use(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def soffice_binary() -> str:
    found = os.environ.get("SEIMG_SOFFICE") or shutil.which("soffice")
    if not found:
        raise SupervisorError(
            "LibreOffice (soffice) não foi encontrado. Instale os pacotes "
            "'libreoffice-writer-nogui' e 'python3-uno' (apt-get install) "
            "ou rode 'make system-deps' como root."
        )
    return found


def soffice_command(binary: str, host: str, port: int, profile: Path) -> list[str]:
    return [
        binary,
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--nofirststartwizard",
        f"-env:UserInstallation={profile.as_uri()}",
        f"--accept=socket,host={host},port={port},tcpNoDelay=1;urp;"
        "StarOffice.ComponentContext",
    ]


class Worker:
    """One supervised ``soffice``: started, watched, killed."""

    def __init__(self, index: int, host: str, port: int, folder: Path):
        self.index = index
        self.host = host
        self.port = port
        self.profile = folder / f"worker-{index}"
        self.pidfile = folder / pidfile_name(index)
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.quick_failures = 0

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, stopping) -> None:
        """Start soffice and wait until it listens (or raise)."""
        command = soffice_command(soffice_binary(), self.host, self.port, self.profile)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.started = time.monotonic()
        self.pidfile.write_text(f"{self.process.pid}\n")
        deadline = self.started + START_TIMEOUT
        while time.monotonic() < deadline and not stopping():
            if self.process.poll() is not None:
                raise SupervisorError(
                    f"LibreOffice {self.index} terminou ao iniciar "
                    f"(código {self.process.returncode})."
                )
            if port_in_use(self.host, self.port):
                log(f"LibreOffice {self.index} pronto em {self.host}:{self.port}")
                return
            time.sleep(0.25)
        if not stopping():
            self.kill()
            raise SupervisorError(
                f"LibreOffice {self.index} não abriu a porta {self.port} "
                f"em {START_TIMEOUT}s."
            )

    def kill_stale(self) -> bool:
        """Stop the worker a killed supervisor left behind (its pid file names
        a live soffice): its port would refuse this start. True if one was."""
        try:
            pid = int(self.pidfile.read_text().strip())
            comando = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            self.pidfile.unlink(missing_ok=True)
            return False
        if b"soffice" not in comando and b"oosplash" not in comando:
            self.pidfile.unlink(missing_ok=True)
            return False
        log(
            f"LibreOffice {self.index}: parando o processo {pid}, deixado por "
            "uma execução anterior"
        )
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while port_in_use(self.host, self.port) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.pidfile.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        process = self.process
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        # Whatever soffice left in its group (oosplash children) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        self.pidfile.unlink(missing_ok=True)
        self.process = None

    def note_exit(self) -> None:
        """Count a death soon after the start as a failed start."""
        log(
            f"LibreOffice {self.index} parou (código {self.process.returncode}); "
            "reiniciando."
        )
        self.pidfile.unlink(missing_ok=True)
        if time.monotonic() - self.started < QUICK:
            self.quick_failures += 1
        else:
            self.quick_failures = 0
        if self.quick_failures >= MAX_QUICK_FAILURES:
            raise SupervisorError(
                f"LibreOffice {self.index} falhou repetidamente ao iniciar."
            )


class Supervisor:
    def __init__(self, host: str, port: int, folder: Path, workers: int = 1):
        self.host = host
        self.folder = folder
        self.workers = [Worker(i, host, port + i, folder) for i in range(workers)]
        self.stopping = False

    def stop(self, *_args) -> None:
        self.stopping = True

    def ensure_started(self, worker: Worker) -> None:
        while not self.stopping and not worker.running:
            try:
                worker.start(lambda: self.stopping)
            except SupervisorError as error:
                worker.quick_failures += 1
                log(str(error))
                if worker.quick_failures >= MAX_QUICK_FAILURES:
                    raise
                time.sleep(1)

    def run(self) -> int:
        for worker in self.workers:
            worker.kill_stale()
            if port_in_use(self.host, worker.port):
                raise SupervisorError(
                    f"A porta {self.host}:{worker.port} já está em uso; escolha "
                    "outra com SEIMG_LIBREOFFICE_PORT ou encerre o processo que "
                    "a ocupa."
                )
        self.folder.mkdir(parents=True, exist_ok=True)
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        try:
            for worker in self.workers:
                self.ensure_started(worker)
            while not self.stopping:
                for worker in self.workers:
                    if self.stopping:
                        break
                    if worker.process is not None and not worker.running:
                        worker.note_exit()
                        worker.process = None
                        self.ensure_started(worker)
                time.sleep(0.2)
        finally:
            for worker in self.workers:
                worker.kill()
            log("LibreOffice encerrado.")
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--host", default=os.environ.get("SEIMG_LIBREOFFICE_HOST", "127.0.0.1")
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("SEIMG_LIBREOFFICE_PORT", "2002")),
        help="port of the first worker; worker i listens on port + i",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("SEIMG_LIBREOFFICE_WORKERS", "2")),
        help="how many LibreOffice servers to run",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(os.environ.get("SEIMG_LIBREOFFICE_DIR", "var/libreoffice")),
        help="working folder: LibreOffice profiles and pid files",
    )
    options = parser.parse_args(argv)
    if options.workers < 1:
        parser.error("--workers must be at least 1")
    supervisor = Supervisor(
        options.host, options.port, options.dir.resolve(), options.workers
    )
    try:
        return supervisor.run()
    except SupervisorError as error:
        log(f"ERRO: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
