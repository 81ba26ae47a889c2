"""A real Zope for the benchmarks that measure a server, not a function.

:func:`servir` writes an instance in a folder (``seimg.deploy.instance``:
FileStorage, waitress), creates the seimg demo site once (``create-site.py``,
as ``make start`` does) and runs ``runwsgi`` until the block ends. With
``seimg=False`` the same Zope starts *without seimg*: the seimg package is
hidden from the interpreter (``sem_seimg.py``), so Plone's autoinclude does
not load it, and the site is a vanilla one made through ``POST /@sites``.

:func:`cpu` reads the server's CPU time (all its threads and waited-for
children) from ``/proc``; :func:`cpu_ate_quieto` waits until it stops
growing, so work left to after-commit hooks and jobs is counted.
"""

from contextlib import contextmanager
from pathlib import Path
import os
import re
import requests
import socket
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SENHA_ADMIN = "admin-bench"
SENHA_DEMO = "Demo@2026"
TICKS = os.sysconf("SC_CLK_TCK")


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ouvindo(porta: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", porta), timeout=1).close()
    except OSError:
        return False
    return True


class Servidor:
    def __init__(self, processo: subprocess.Popen, raiz: str):
        self.processo = processo
        self.raiz = raiz  # the Zope root URL

    @property
    def pid(self) -> int:
        return self.processo.pid

    def cpu(self) -> float:
        """Seconds of CPU the server used so far (user + system, with the
        children it waited for)."""
        campos = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # fields 14-17 of stat(5): utime stime cutime cstime; [0] here is field 3
        return sum(int(campos[i]) for i in range(11, 15)) / TICKS

    def cpu_ate_quieto(self, calmo: float = 0.4, passo: float = 0.05) -> float:
        """The CPU time once it has not grown for ``calmo`` seconds."""
        ultimo = self.cpu()
        desde = time.monotonic()
        while time.monotonic() - desde < calmo:
            time.sleep(passo)
            agora = self.cpu()
            if agora != ultimo:
                ultimo, desde = agora, time.monotonic()
        return ultimo


def _ambiente(data: Path, porta: int, threads: int = 2) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEIMG_")}
    env.update(
        SEIMG_DATA=str(data),
        SEIMG_HOST="127.0.0.1",
        SEIMG_PORT=str(porta),
        SEIMG_THREADS=str(threads),
        SEIMG_ADMIN_PASSWORD=SENHA_ADMIN,
        SEIMG_DEMO="1",
        SEIMG_DEMO_PASSWORD=SENHA_DEMO,
        # nothing is rendered by these benchmarks
        SEIMG_LIBREOFFICE_PORT=str(_porta_livre()),
        SEIMG_LIBREOFFICE_DIR=str(data / "libreoffice"),
        SEIMG_SMTP_HOST="127.0.0.1",
        SEIMG_SMTP_PORT=str(_porta_livre()),
    )
    return env


def _configurar(data: Path, env: dict, seimg: bool) -> Path:
    from seimg.deploy import instance

    etc = instance.write(instance.Settings.from_environ(env))
    if not seimg:
        # seimg's WSGI filter would import seimg
        ini = etc / "zope.ini"
        texto = re.sub(r"\n    limite\n", "\n", ini.read_text(encoding="utf-8"))
        ini.write_text(texto, encoding="utf-8")
    return etc


def _criar_site(etc: Path, env: dict) -> None:
    criar = subprocess.run(
        [
            str(BIN / "zconsole"),
            *("run", str(etc / "zope.conf"), str(REPO / "scripts" / "create-site.py")),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if criar.returncode != 0:
        raise SystemExit(criar.stdout[-3000:] + criar.stderr[-3000:])


@contextmanager
def servir(data: Path, seimg: bool = True, threads: int = 2):
    """Serve the instance in ``data`` (created on first use) with ``threads``
    waitress threads; yield a Servidor."""
    data.mkdir(parents=True, exist_ok=True)
    porta = _porta_livre()
    env = _ambiente(data, porta, threads)
    etc = _configurar(data, env, seimg)
    novo = not (data / "instance" / "var" / "filestorage" / "Data.fs").exists()
    sem_seimg = [sys.executable, str(Path(__file__).with_name("sem_seimg.py"))]
    if novo and seimg:
        _criar_site(etc, env)
    elif novo:
        subprocess.run(
            [
                *sem_seimg,
                "addzopeuser",
                "-c",
                str(etc / "zope.conf"),
                "admin",
                SENHA_ADMIN,
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            timeout=300,
            check=True,
        )
    comando = [str(BIN / "runwsgi"), str(etc / "zope.ini")]
    if not seimg:
        comando = [*sem_seimg, "runwsgi", str(etc / "zope.ini")]
    with open(data / "runwsgi.log", "ab") as log:
        processo = subprocess.Popen(
            comando, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        prazo = time.monotonic() + 180
        while not _ouvindo(porta):
            if processo.poll() is not None or time.monotonic() > prazo:
                raise SystemExit((data / "runwsgi.log").read_text()[-3000:])
            time.sleep(0.2)
        yield Servidor(processo, f"http://127.0.0.1:{porta}")
    finally:
        processo.terminate()
        try:
            processo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processo.kill()
            processo.wait()


def criar_site_vanilla(raiz: str, site_id: str = "vanilla") -> str:
    """A vanilla Plone site beside the others, through ``POST /@sites``."""
    existentes = requests.get(
        f"{raiz}/{site_id}", auth=("admin", SENHA_ADMIN), timeout=60
    )
    if existentes.status_code != 200:
        resposta = requests.post(
            f"{raiz}/@sites",
            json={
                "distribution": "classic",
                "site_id": site_id,
                "title": "Vanilla",
                "description": "",
                "default_language": "pt-br",
                "portal_timezone": "America/Sao_Paulo",
                "setup_content": False,
            },
            headers={"Accept": "application/json"},
            auth=("admin", SENHA_ADMIN),
            timeout=600,
        )
        resposta.raise_for_status()
        # the classic distribution leaves plone.restapi's profile out
        requests.post(
            f"{raiz}/{site_id}/@addons/plone.restapi/install",
            headers={"Accept": "application/json"},
            auth=("admin", SENHA_ADMIN),
            timeout=600,
        ).raise_for_status()
    return f"{raiz}/{site_id}"
