"""A stand-in processo (a Folder marked IProcesso) for the andamentos tests."""

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from seimg.interfaces import IProcesso
from seimg.interfaces import ISeimgLayer
from seimg.testing import matrix_login
from zope.interface import alsoProvides
import pytest


CACHE_UNIDADE = "seimg.unidade_atual"


def criar_processo(portal, id_="processo-teste"):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=portal, type="Folder", id=id_, title="Processo de teste"
        )
    alsoProvides(folder, IProcesso)
    return folder


def entrar(portal, username: str):
    """Log in as ``username`` and forget the acting unit of the previous user."""
    login(portal, username)
    portal.REQUEST.other.pop(CACHE_UNIDADE, None)


@pytest.fixture
def processo(integration):
    portal = integration["portal"]
    request = integration["request"]
    alsoProvides(request, ISeimgLayer)
    folder = criar_processo(portal)
    # Editor/Reader give the Folder's permissions; UnidadeProcesso and
    # LeitorProcesso make them units the process passed through (viewer T of
    # the disclosure table: the complete history).
    api.user.grant_roles(
        username=matrix_login("basico"),
        obj=folder,
        roles=["Editor", "UnidadeProcesso"],
    )
    api.user.grant_roles(
        username=matrix_login("colaborador"),
        obj=folder,
        roles=["Reader", "LeitorProcesso"],
    )
    yield folder
    setRoles(portal, TEST_USER_ID, ["Member"])
    login(portal, TEST_USER_NAME)
    request.other.pop(CACHE_UNIDADE, None)


@pytest.fixture
def secretaria(integration):
    return integration["portal"]["orgaos"]["cmvs"]["secretaria"]


@pytest.fixture
def procuradoria(integration):
    return integration["portal"]["orgaos"]["cmvs"]["procuradoria"]
