"""``seimg-libreoffice``: run LibreOffice as a supervised headless UNO server.

Starts ``soffice`` in its own process group with a private user profile,
listening on localhost only, writes the group id to ``<dir>/soffice.pid`` and
starts it again whenever it dies (a crash, or a kill by Zope after a render
timed out). SIGINT/SIGTERM stop LibreOffice and exit cleanly. It exits
non-zero with a message when LibreOffice is missing, the port is taken, or
LibreOffice keeps failing to start.
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


PIDFILE_NAME = "soffice.pid"
START_TIMEOUT = 60
MAX_QUICK_FAILURES = 5


class SupervisorError(Exception):
    """LibreOffice cannot be run; the message says what to do."""


def log(message: str) -> None:
    print(f"[seimg-libreoffice] {message}", file=sys.stderr, flush=True)


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


class Supervisor:
    def __init__(self, host: str, port: int, folder: Path):
        self.host = host
        self.port = port
        self.folder = folder
        self.pidfile = folder / PIDFILE_NAME
        self.process: subprocess.Popen | None = None
        self.stopping = False

    def start_once(self) -> None:
        command = soffice_command(
            soffice_binary(), self.host, self.port, self.folder / "profile"
        )
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.pidfile.write_text(f"{self.process.pid}\n")
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and not self.stopping:
            if self.process.poll() is not None:
                raise SupervisorError(
                    "LibreOffice terminou ao iniciar "
                    f"(código {self.process.returncode})."
                )
            if port_in_use(self.host, self.port):
                log(f"LibreOffice pronto em {self.host}:{self.port}")
                return
            time.sleep(0.25)
        if not self.stopping:
            self.kill()
            raise SupervisorError(
                f"LibreOffice não abriu a porta {self.port} em {START_TIMEOUT}s."
            )

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

    def stop(self, *_args) -> None:
        self.stopping = True

    def run(self) -> int:
        if port_in_use(self.host, self.port):
            raise SupervisorError(
                f"A porta {self.host}:{self.port} já está em uso; escolha outra "
                "com SEIMG_LIBREOFFICE_PORT ou encerre o processo que a ocupa."
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        quick_failures = 0
        try:
            while not self.stopping:
                started = time.monotonic()
                try:
                    self.start_once()
                except SupervisorError as error:
                    quick_failures += 1
                    log(str(error))
                    if quick_failures >= MAX_QUICK_FAILURES:
                        raise
                    time.sleep(1)
                    continue
                while not self.stopping and self.process.poll() is None:
                    time.sleep(0.2)
                if self.stopping:
                    break
                log(
                    f"LibreOffice parou (código {self.process.returncode}); "
                    "reiniciando."
                )
                self.pidfile.unlink(missing_ok=True)
                if time.monotonic() - started < 10:
                    quick_failures += 1
                    if quick_failures >= MAX_QUICK_FAILURES:
                        raise SupervisorError(
                            "LibreOffice falhou repetidamente ao iniciar."
                        )
                else:
                    quick_failures = 0
        finally:
            self.kill()
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
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(os.environ.get("SEIMG_LIBREOFFICE_DIR", "var/libreoffice")),
        help="working folder: LibreOffice profile and pid file",
    )
    options = parser.parse_args(argv)
    supervisor = Supervisor(options.host, options.port, options.dir.resolve())
    try:
        return supervisor.run()
    except SupervisorError as error:
        log(f"ERRO: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
