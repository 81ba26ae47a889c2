"""Recebidos and Gerados: a process sent back to its generating unit is received."""

from seimg.controle import api as controle
from seimg.tramitacao import acoes
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade


def _uids(pagina):
    return [linha.uid for linha in pagina.linhas]


def test_devolvido_a_geradora_aparece_em_recebidos(integration):
    portal = integration["portal"]
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Ida e volta")
        assert processo.UID() in _uids(controle.listar(secretaria, "gerados", b_size=0))
        acoes.enviar(processo, [unidade(portal, "cmvs/protocolo")], notificar=False)
        assert processo.UID() not in _uids(
            controle.listar(secretaria, "gerados", b_size=0)
        )
    with como(portal, "beatriz.lima", "cmvs/protocolo"):
        protocolo = unidade(portal, "cmvs/protocolo")
        assert processo.UID() in _uids(
            controle.listar(protocolo, "recebidos", b_size=0)
        )
        acoes.enviar(processo, [secretaria], notificar=False)
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        assert processo.UID() in _uids(
            controle.listar(secretaria, "recebidos", b_size=0)
        )
        assert processo.UID() not in _uids(
            controle.listar(secretaria, "gerados", b_size=0)
        )
