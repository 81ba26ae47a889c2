"""Shared pytest fixtures: seimg's plone.app.testing layers as fixtures."""

from pytest_plone import fixtures_factory
from seimg.testing import ACCEPTANCE_TESTING
from seimg.testing import INTEGRATION_TESTING
from tests.instancia import instancia  # noqa: F401 (a real instance, on demand)
from tests.postgresql import banco_postgresql  # noqa: F401 (a real PostgreSQL)
from tests.postgresql import postgresql_dsn  # noqa: F401
from tests.postgresql import postgresql_servidor  # noqa: F401
import os
import pytest


os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (ACCEPTANCE_TESTING, "acceptance"),
        ),
    )
)


@pytest.fixture(autouse=True)
def limites_de_acesso():
    """A fresh, private store of credential counters for every test.

    Without it, every test (and every run on this machine) would share one
    SQLite file, and wrong passwords tried by one test could lock logins in
    another. tests/acesso use their own SQLite stores on top of this.
    """
    from seimg.acesso import limites

    anterior = limites.usar(limites.MemoriaStore())
    yield
    limites.usar(anterior)


@pytest.fixture(autouse=True)
def chaves_de_idempotencia():
    """A fresh store of Idempotency-Keys for every test: each acceptance test
    has a fresh database, where a key kept by another test would replay an
    answer naming objects that do not exist."""
    from seimg.base import idempotencia

    anterior = idempotencia.usar(idempotencia.MemoriaStore())
    yield
    idempotencia.usar(anterior)


@pytest.fixture(autouse=True)
def upgrades_sem_commit(monkeypatch):
    """Upgrade steps that commit in batches on a live site (1019) do not in
    tests: the integration layer forbids commits."""
    from seimg.upgrades import v1019

    monkeypatch.setattr(v1019, "CONFIRMAR", False)


@pytest.fixture(autouse=True)
def sem_pdfs_em_segundo_plano(monkeypatch):
    """No sealed PDFs made ahead by a background thread after commits
    (seimg.assinatura.pregeracao): acceptance tests sign and commit, and the
    thread's LibreOffice work and commits would outlive them. Tests of that
    work set SEIMG_PDF_PREGERAR=1 themselves."""
    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "0")


@pytest.fixture
def package_name() -> str:
    return "seimg"


@pytest.fixture
def org_portal(integration):
    return integration["portal"]


@pytest.fixture
def geracao_portal(integration):
    return integration["portal"]


@pytest.fixture
def acceptance_portal(acceptance):
    return acceptance["portal"]


@pytest.fixture
def site_url(acceptance) -> str:
    host = acceptance["host"]
    port = acceptance["port"]
    return f"http://{host}:{port}/plone"
