"""The Controle de Processos' per-unit index equals the routing state's answer.

A seeded random walk of routing actions (enviar with and without retorno,
receber, concluir, reabrir, sobrestar, cancelar retorno) over a few
processes and units; after every step the index holds exactly what the
routing state of every process calls for, and each unit's default page
lists what the catalog search lists. Then the rebuild command's function
and upgrade 1012 reproduce it, also from pre-1012 data.
"""

from datetime import timedelta
from seimg.controle import api as controle
from seimg.controle import indice
from seimg.controle.api import hoje  # the site's day (São Paulo), not UTC's
from seimg.processos import tramite
from seimg.tramitacao import acoes
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
import pytest
import random


QUEM = {
    "cmvs/secretaria": "carlos.mendes",
    "cmvs/protocolo": "beatriz.lima",
    "cmvs/arquivo": "fabio.nunes",
    "cmvs/procuradoria": "daniel.souza",
}
PASSOS = 240


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _conferir(portal, unidades):
    raiz = indice.raiz(portal)
    assert indice.conteudo(raiz) == indice.esperado(portal)
    for caminho, userid in QUEM.items():
        u = unidades[caminho]
        with como(portal, userid, caminho):
            for lista in controle.LISTAS:
                rapida = controle.listar(u, lista, b_size=0)
                pelo_catalogo = controle.listar(u, lista, sort_on="numero", b_size=0)
                linhas = {
                    (x.uid, x.retorno_unidade, x.retorno_data) for x in rapida.linhas
                }
                assert linhas == {
                    (x.uid, x.retorno_unidade, x.retorno_data)
                    for x in pelo_catalogo.linhas
                }, (caminho, lista)
                assert rapida.total == pelo_catalogo.total == len(rapida.linhas)


def _passo(portal, rnd, processos, unidades):
    from seimg.vinculos import api as vinculos

    processo = rnd.choice(processos)
    caminho = rnd.choice(list(QUEM))
    acao = rnd.choice(
        [
            "enviar",
            "enviar",
            "retorno",
            "receber",
            "concluir",
            "reabrir",
            "sobrestar",
            "cancelar",
        ]
    )
    with como(portal, QUEM[caminho], caminho):
        try:
            if acao in ("enviar", "retorno"):
                outros = [c for c in QUEM if c != caminho]
                destinos = rnd.sample(outros, rnd.choice((1, 2)))
                acoes.enviar(
                    processo,
                    [unidades[d] for d in destinos],
                    manter_aberto=rnd.random() < 0.3,
                    notificar=False,
                    retorno=hoje() + timedelta(days=rnd.randint(0, 5))
                    if acao == "retorno"
                    else None,
                    confirmar_minutas=True,
                )
            elif acao == "receber":
                acoes.receber(processo)
            elif acao == "concluir":
                acoes.concluir(processo)
            elif acao == "reabrir":
                acoes.reabrir(processo)
            elif acao == "sobrestar":
                if tramite.sobrestamento(processo) is None:
                    vinculos.sobrestar(processo, "Aguardando")
                else:
                    vinculos.remover_sobrestamento(processo)
            else:
                devidos = acoes.retornos_aguardados(processo, unidades[caminho])
                if devidos:
                    from seimg.tabelas import obter

                    acoes.cancelar_retorno(processo, obter(devidos[0].devedora))
        except (BadRequest, Forbidden):
            return None  # refused before writing anything
    return acao


def test_indice_igual_ao_estado_de_tramitacao(portal):
    rnd = random.Random(20261205)
    unidades = {c: unidade(portal, c) for c in QUEM}
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processos = [
            novo_processo(portal, especificacao=f"Passeio {i}") for i in range(4)
        ]
    with como(portal, "beatriz.lima", "cmvs/protocolo"):
        processos.append(novo_processo(portal, especificacao="Do protocolo"))
    feitas, nomes = set(), set()
    for numero in range(PASSOS):
        feitas.add(_passo(portal, rnd, processos, unidades))
        esperado = indice.esperado(portal)
        assert indice.conteudo(indice.raiz(portal)) == esperado
        nomes |= {nome for _u, nome, _k in esperado}
        if numero % 40 == 39:
            _conferir(portal, unidades)
    _conferir(portal, unidades)
    # The walk did every action and went through every list.
    assert feitas - {None} == {
        "enviar",
        "retorno",
        "receber",
        "concluir",
        "reabrir",
        "sobrestar",
        "cancelar",
    }
    assert set(controle.LISTAS) <= nomes


def test_reconstruir_e_upgrade_reproduzem_o_indice(portal):
    from seimg.upgrades import v1012

    secretaria = unidade(portal, "cmvs/secretaria")
    protocolo = unidade(portal, "cmvs/protocolo")
    prazo = hoje() + timedelta(days=4)
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Legado")
        acoes.enviar(processo, [protocolo], notificar=False, retorno=prazo)
    antes = indice.conteudo(indice.raiz(portal))
    assert indice.reconstruir(portal) >= 1
    assert indice.conteudo(indice.raiz(portal)) == antes
    # A process as stored before 1012: the retorno on the opening.
    abertura = tramite.abertura(processo, protocolo)
    del processo._retornos
    abertura.__dict__.update(retorno_data=prazo, retorno_para=secretaria.UID())
    delattr(portal, indice.ATRIBUTO)
    assert tramite.aguardando_retorno(processo) == [secretaria.UID()]  # read as is
    v1012.upgrade(None)
    assert "retorno_data" not in abertura.__dict__
    assert tramite.retorno(processo, protocolo.UID(), secretaria.UID()).data == prazo
    assert indice.conteudo(indice.raiz(portal)) == antes


def test_retorno_devido_apos_concluir_sem_devolver(portal):
    """Two units owe the return: two rows; concluding keeps it owed and late."""
    secretaria = unidade(portal, "cmvs/secretaria")
    protocolo = unidade(portal, "cmvs/protocolo")
    arquivo = unidade(portal, "cmvs/arquivo")
    prazo = hoje() + timedelta(days=2)
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Dois retornos")
        acoes.enviar(processo, [protocolo, arquivo], notificar=False, retorno=prazo)
    with como(portal, "fabio.nunes", "cmvs/arquivo"):
        acoes.concluir(processo)
    tramite.retorno(processo, arquivo.UID(), secretaria.UID()).data = (
        hoje() - timedelta(days=1)
    )
    indice.atualizar(processo)
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        for kw in ({}, {"sort_on": "retorno_data"}):
            pagina = controle.retornos(secretaria, **kw)["aguardando"]
            linhas = {
                x.retorno_unidade: (x.retorno_data, x.retorno_atrasado)
                for x in pagina.linhas
                if x.uid == processo.UID()
            }
            assert linhas == {
                protocolo.sigla_completa(): (prazo, False),
                arquivo.sigla_completa(): (hoje() - timedelta(days=1), True),
            }
