"""pytest plugin of ``make test-unit``: the pure unit tests, no Zope at all.

``make test-unit`` runs the files named ``test_*_unit.py`` without any
conftest.py and without pytest-plone (so no layer, no Zope, no Plone is
loaded), with this plugin. At the end it fails the run when a unit test
imported Zope's application server or plone.app.testing: such a test
belongs with the integration tests (rename it without ``_unit``).
"""

import pytest
import sys


#: Modules a unit test must not need (the app server, a test layer, the CMF).
PROIBIDOS = (
    "Zope2",
    "OFS",
    "ZPublisher",
    "Products.CMFCore",
    "Products.CMFPlone",
    "plone.app.testing",
    "plone.testing.zope",
)


def carregados() -> list[str]:
    return sorted(
        nome
        for nome in sys.modules
        if any(nome == p or nome.startswith(p + ".") for p in PROIBIDOS)
    )


def pytest_sessionfinish(session, exitstatus):
    proibidos = carregados()
    if proibidos:
        raiz = sorted({n.split(".")[0] for n in proibidos})
        sys.stderr.write(
            "\nmake test-unit: unit tests imported "
            + ", ".join(raiz)
            + " (e.g. "
            + ", ".join(proibidos[:5])
            + "). Move those tests out of test_*_unit.py files.\n"
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
