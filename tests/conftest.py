"""Shared pytest fixtures: seimg's plone.app.testing layers as fixtures."""

from pytest_plone import fixtures_factory
from seimg.testing import ACCEPTANCE_TESTING
from seimg.testing import FUNCTIONAL_TESTING
from seimg.testing import GERACAO_TESTING
from seimg.testing import INTEGRATION_TESTING
import os
import pytest


os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
            (GERACAO_TESTING, "geracao"),
            (ACCEPTANCE_TESTING, "acceptance"),
        ),
        keep_session=False,
    )
)


@pytest.fixture
def package_name() -> str:
    return "seimg"


@pytest.fixture
def geracao_portal(geracao):
    return geracao["portal"]


@pytest.fixture
def acceptance_portal(acceptance):
    return acceptance["portal"]


@pytest.fixture
def site_url(acceptance) -> str:
    host = acceptance["host"]
    port = acceptance["port"]
    return f"http://{host}:{port}/plone"
