"""Fixtures of the search tests: the demo site, acting as a clerk."""

from seimg.pesquisa import api as pesquisa
from tests.processos.conftest import como
import pytest


GERADOR = ("carlos.mendes", "cmvs/secretaria")


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture
def secretaria(portal):
    with como(portal, *GERADOR):
        yield portal


def buscar(q="", **criterios):
    """The result of ``q`` and criteria (strings or lists) for the current user."""
    form = {"q": q, **criterios}
    return pesquisa.pesquisar(pesquisa.ler_criterios(form))


def uids(resultado) -> list:
    return [item.uid for item in resultado.itens]


def uids_documentos(resultado) -> list:
    return [d.uid for item in resultado.itens for d in item.documentos]
