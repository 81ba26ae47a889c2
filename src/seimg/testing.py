"""plone.app.testing layers of seimg.

``SEIMG_FIXTURE``           the add-on installed on a Plone site (pt-BR);
``LIBREOFFICE_FIXTURE``     a real, supervised LibreOffice on a free port;
``INTEGRATION_TESTING`` / ``FUNCTIONAL_TESTING``  the usual pair;
``GERACAO_TESTING``         integration with LibreOffice, for rendering;
``ACCEPTANCE_TESTING``      functional with a WSGI server on localhost and
                            LibreOffice, for HTTP (requests) and browser tests.
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
import socket
import subprocess
import sys
import tempfile
import time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LibreOfficeLayer(Layer):
    """Starts ``seimg-libreoffice`` (the real supervisor) for the layer's life."""

    defaultBases = ()

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="seimg-lo-"))
        self.port = free_port()
        self.previous = {
            name: os.environ.get(name)
            for name in ("SEIMG_LIBREOFFICE_PORT", "SEIMG_LIBREOFFICE_DIR")
        }
        os.environ["SEIMG_LIBREOFFICE_PORT"] = str(self.port)
        os.environ["SEIMG_LIBREOFFICE_DIR"] = str(self.folder)
        script = Path(sys.executable).parent / "seimg-libreoffice"
        self.log = open(self.folder / "supervisor.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(script), "--port", str(self.port), "--dir", str(self.folder)],
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
        for name, value in self.previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        time.sleep(0.1)


LIBREOFFICE_FIXTURE = LibreOfficeLayer()


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


class SeimgDemoLayer(PloneSandboxLayer):
    """seimg with its demo content, as ``make start`` serves it."""

    defaultBases = (SEIMG_FIXTURE, LIBREOFFICE_FIXTURE)

    def setUpPloneSite(self, portal):
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID
        from seimg.geracao import libreoffice

        # The LibreOffice layer picked its port after seimg:default ran.
        libreoffice.configure_documentgenerator()
        setRoles(portal, TEST_USER_ID, ["Manager"])
        applyProfile(portal, "seimg:demo")
        setRoles(portal, TEST_USER_ID, ["Member"])


SEIMG_DEMO_FIXTURE = SeimgDemoLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(SEIMG_FIXTURE,), name="Seimg:Integration"
)
FUNCTIONAL_TESTING = FunctionalTesting(bases=(SEIMG_FIXTURE,), name="Seimg:Functional")
GERACAO_TESTING = IntegrationTesting(
    bases=(SEIMG_DEMO_FIXTURE,), name="Seimg:GeracaoIntegration"
)
ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(SEIMG_DEMO_FIXTURE, WSGI_SERVER_FIXTURE), name="Seimg:Acceptance"
)
