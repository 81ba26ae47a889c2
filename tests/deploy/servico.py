"""`scripts/start.sh` run by tests and benchmarks, in a throw-away folder."""

from pathlib import Path
from tests.instancia import SENHA_DEMO
import os
import pytest
import signal
import subprocess
import time


REPO = Path(__file__).resolve().parents[2]


def ambiente(data: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEIMG_")}
    env.update(
        SEIMG_DATA=str(data),
        SEIMG_HOST="127.0.0.1",
        SEIMG_ADMIN_PASSWORD="admin-operacao",
        SEIMG_DEMO="1",
        SEIMG_DEMO_PASSWORD=SENHA_DEMO,
        SEIMG_LIBREOFFICE_WORKERS="1",
        **extra,
    )
    return env


def processos_de(data: Path) -> list[int]:
    """Live processes whose command line names ``data`` (Zope's config, the
    sink's folder, LibreOffice's profile)."""
    marca = str(data).encode()
    achados = []
    for entrada in Path("/proc").iterdir():
        if not entrada.name.isdigit() or int(entrada.name) == os.getpid():
            continue
        try:
            comando = (entrada / "cmdline").read_bytes()
            estado = (entrada / "stat").read_text().split()[2]
        except OSError:
            continue
        if marca in comando and estado != "Z":
            achados.append(int(entrada.name))
    return achados


class Servico:
    """``scripts/start.sh`` running in the background."""

    def __init__(self, env: dict, log: Path):
        self.env = env
        self.log = log
        self.url = f"http://127.0.0.1:{env['SEIMG_PORT']}"
        self.inicio = log.stat().st_size if log.exists() else 0
        with open(log, "ab") as saida:
            self.processo = subprocess.Popen(
                ["bash", str(REPO / "scripts" / "start.sh")],
                cwd=REPO,
                env=env,
                stdout=saida,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        prazo = time.monotonic() + 400
        while "seimg no ar" not in self.texto():
            if self.processo.poll() is not None:
                pytest.fail("start.sh saiu:\n" + self.texto()[-4000:])
            if time.monotonic() > prazo:
                self.parar()
                pytest.fail("start.sh não serviu em 400 s:\n" + self.texto()[-4000:])
            time.sleep(0.5)

    def texto(self) -> str:
        """What this run of the script printed."""
        with open(self.log, "rb") as entrada:
            entrada.seek(self.inicio)
            return entrada.read().decode("utf-8", "replace")

    def zope_pid(self) -> int:
        etc = str(Path(self.env["SEIMG_DATA"]) / "instance" / "etc" / "zope.ini")
        for pid in processos_de(Path(self.env["SEIMG_DATA"])):
            comando = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if (
                any(b"runwsgi" in parte for parte in comando)
                and etc.encode() in comando
            ):
                return pid
        raise AssertionError("o Zope não está rodando")

    def parar(self) -> int:
        if self.processo.poll() is None:
            self.processo.send_signal(signal.SIGTERM)
            try:
                self.processo.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.processo.pid, signal.SIGKILL)
                self.processo.wait(timeout=30)
        return self.processo.returncode
