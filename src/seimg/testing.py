"""plone.app.testing layers of seimg.

``SEIMG_FIXTURE``           the add-on installed on a Plone site (pt-BR);
``LIBREOFFICE_FIXTURE``     a real, supervised LibreOffice on a free port;
``SMTP_SINK_FIXTURE``       a real SMTP server keeping what it receives;
``SEIMG_DEMO_FIXTURE``      all three, plus the demo data (órgãos, units, users,
                            templates) and one user per perfil for the
                            permission matrix;
``INTEGRATION_TESTING``     in-process tests on the demo site;
``ACCEPTANCE_TESTING``      the demo site served by a WSGI server on
                            localhost, for HTTP (requests) and browser tests.

There is deliberately one fixture chain: pytest-plone keeps both layers up
for the whole session, and sibling fixtures cannot be stacked at once.
"""

from pathlib import Path
from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing import Layer
from plone.testing.zope import WSGI_SERVER_FIXTURE
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports."""
    for _attempt in range(50):
        first = free_port()
        try:
            for offset in range(1, count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", first + offset))
        except OSError:
            continue
        return first
    raise RuntimeError("no consecutive free ports for LibreOffice")


# The tests run two workers, as ``make start`` does, so that the pool's
# reservation and per-worker restarts are exercised.
TEST_WORKERS = 2


class LibreOfficeLayer(Layer):
    """Starts ``seimg-libreoffice`` (the real supervisor) for the layer's life."""

    NAMES = (
        "SEIMG_LIBREOFFICE_PORT",
        "SEIMG_LIBREOFFICE_DIR",
        "SEIMG_LIBREOFFICE_WORKERS",
    )

    defaultBases = ()

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="seimg-lo-"))
        self.port = free_ports(TEST_WORKERS)
        self.previous = {name: os.environ.get(name) for name in self.NAMES}
        os.environ["SEIMG_LIBREOFFICE_PORT"] = str(self.port)
        os.environ["SEIMG_LIBREOFFICE_DIR"] = str(self.folder)
        os.environ["SEIMG_LIBREOFFICE_WORKERS"] = str(TEST_WORKERS)
        script = Path(sys.executable).parent / "seimg-libreoffice"
        self.log = open(self.folder / "supervisor.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(script),
                "--port",
                str(self.port),
                "--workers",
                str(TEST_WORKERS),
                "--dir",
                str(self.folder),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        from seimg.geracao import libreoffice

        if not libreoffice.wait_until_listening(90):
            self.tearDown()
            raise RuntimeError("LibreOffice did not start for the tests")
        self["libreoffice"] = self

    def tearDown(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        for name, value in self.previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        time.sleep(0.1)


LIBREOFFICE_FIXTURE = LibreOfficeLayer()


class SmtpSinkLayer(Layer):
    """A real SMTP server (seimg-smtp-sink) on a free port; ``self["smtp"]``."""

    defaultBases = ()

    def setUp(self):
        from seimg.base.smtpsink import Sink

        self.folder = Path(tempfile.mkdtemp(prefix="seimg-mail-"))
        self.sink = Sink(self.folder).__enter__()
        self["smtp"] = self.sink

    def tearDown(self):
        self.sink.__exit__()
        del self["smtp"]


SMTP_SINK_FIXTURE = SmtpSinkLayer()


class SeimgLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import seimg

        self.loadZCML(package=seimg)

    def setUpPloneSite(self, portal):
        api.portal.set_registry_record("plone.default_language", "pt-br")
        api.portal.set_registry_record("plone.available_languages", ["pt-br"])
        applyProfile(portal, "seimg:default")


SEIMG_FIXTURE = SeimgLayer()


MATRIX_PASSWORD = "Matriz-2026!"
MATRIX_UNIT = ("cmvs", "secretaria")


def matrix_login(perfil: str) -> str:
    return f"matriz.{perfil}"


def create_matrix_users(portal):
    """One user per perfil, holding only that perfil in CMVS/SECRETARIA."""
    from seimg.base.brasil import digitos
    from seimg.organizacao import perfis
    from validate_docbr import CPF

    orgao, unit = MATRIX_UNIT
    unidade = portal["orgaos"][orgao][unit]
    for index, perfil in enumerate(perfis.PERFIS):
        cpf = CPF().generate()
        user = api.user.create(
            username=matrix_login(perfil),
            email=f"matriz.{perfil}@example.org",
            password=MATRIX_PASSWORD,
            properties={"fullname": f"Matriz {index} {perfil}", "cpf": digitos(cpf)},
        )
        perfis.conceder(user.getId(), unidade, perfil)


class SeimgDemoLayer(PloneSandboxLayer):
    """seimg with its demo content, as ``make start`` serves it."""

    defaultBases = (SEIMG_FIXTURE, LIBREOFFICE_FIXTURE, SMTP_SINK_FIXTURE)

    def setUpPloneSite(self, portal):
        from seimg.deploy.site import configure_mail

        configure_mail(self["smtp"].host, self["smtp"].port)
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID
        from seimg.geracao import libreoffice

        # The LibreOffice layer picked its port after seimg:default ran.
        libreoffice.configure_documentgenerator()
        setRoles(portal, TEST_USER_ID, ["Manager"])
        applyProfile(portal, "seimg:demo")
        create_matrix_users(portal)
        setRoles(portal, TEST_USER_ID, ["Member"])


SEIMG_DEMO_FIXTURE = SeimgDemoLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(SEIMG_DEMO_FIXTURE,), name="Seimg:Integration"
)
ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(SEIMG_DEMO_FIXTURE, WSGI_SERVER_FIXTURE), name="Seimg:Acceptance"
)
