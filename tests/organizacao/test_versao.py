"""Sigla paths and the X-Unidade look-up are kept until the organisation changes."""

from plone import api
from seimg.organizacao import versao
from seimg.organizacao.atual import resolver
from zope.lifecycleevent import modified
import pytest


@pytest.fixture
def cmvs(integration):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(integration["portal"], TEST_USER_ID, ["Manager"])
    versao.SIGLAS.limpar()
    versao.CAMINHOS.limpar()
    return integration["portal"]["orgaos"]["cmvs"]


def test_sigla_guardada_e_renovada_quando_a_organizacao_muda(cmvs):
    protocolo = cmvs["protocolo"]
    assert protocolo.sigla_completa() == "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
    guardadas = versao.siglas()
    assert guardadas[protocolo.UID()] == "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
    # a unit above changes: every path below it is built again
    secretaria = cmvs["secretaria"]
    secretaria.sigla = "SEGER"
    modified(secretaria)
    assert versao.siglas() is not guardadas
    assert protocolo.sigla_completa() == "CMVS/PRESIDENCIA/SEGER/PROTOCOLO"
    assert resolver("CMVS/PRESIDENCIA/SEGER/PROTOCOLO") == protocolo
    assert resolver("CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO") is None


def test_x_unidade_guardada(cmvs):
    protocolo = cmvs["protocolo"]
    assert resolver("cmvs/presidencia/secretaria/protocolo") == protocolo
    assert versao.caminhos()["CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"] == (
        protocolo.getPhysicalPath()
    )
    assert resolver("CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO") == protocolo
    assert resolver("CMVS/NENHUMA") is None


def test_inativar_muda_o_token(cmvs):
    antes = versao.siglas()
    unidade = cmvs["protocolo"]
    estado = api.content.get_state(unidade)
    transicoes = [
        t["id"]
        for t in api.portal.get_tool("portal_workflow").getTransitionsFor(unidade)
    ]
    assert transicoes, estado
    api.content.transition(obj=unidade, transition=transicoes[0])
    assert versao.siglas() is not antes


def test_sem_token_so_o_pedido_guarda(cmvs):
    portal = api.portal.get()
    delattr(portal.aq_base, versao.ATRIBUTO)
    assert versao.siglas() is None
    assert cmvs["protocolo"].sigla_completa() == (
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
    )
    assert resolver("CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO") == cmvs["protocolo"]
