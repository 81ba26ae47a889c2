"""Revisão de acesso on conclusion: documents restricted under the órgão's
hipóteses listed, shown and reviewed (integration)."""

from plone import api
from seimg import andamentos
from seimg.tramitacao import acoes
from seimg.tramitacao import revisao
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from zExceptions import BadRequest
from zExceptions import Forbidden
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
DANIEL = ("daniel.souza", "cmvs/procuradoria")


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture
def cenario(portal):
    preparatorio = tabela("HipoteseLegal", "Documento Preparatório")
    portal["orgaos"]["cmvs"].hipoteses_revisao = [preparatorio]
    with como(portal, *CARLOS):
        processo = novo_processo(portal, especificacao="Licitação QZREVISAO")
        minuta = novo_oficio(processo, nivel="restrito", hipotese_legal=preparatorio)
        parecer = novo_oficio(processo, nivel="restrito", hipotese_legal=preparatorio)
        pessoal = novo_oficio(processo, nivel="restrito")  # Informação Pessoal
        publico = novo_oficio(processo)
        for doc in (parecer, pessoal, publico):
            assinar(doc)
    return processo, parecer, minuta, pessoal, publico


def test_conclusao_lista_os_documentos(portal, cenario):
    processo, parecer, _minuta, _pessoal, _publico = cenario
    with como(portal, *CARLOS):
        listados = acoes.concluir(processo)
        assert listados == [parecer]  # not the minuta, nor other hipóteses
        ultimo = andamentos.listar(processo)[-1]
        assert ultimo.tipo == "revisao_acesso_listada"
        assert parecer.numero_sei in ultimo.atributos["documentos"]
        (item,) = revisao.itens(processo)
        assert item["UID"] == parecer.UID()
        assert item["situacao"] == revisao.PENDENTE
        assert item["pode_revisar"]
        # the page and the process page's link
        html = api.content.get_view("revisao-acesso", processo, portal.REQUEST)()
        assert parecer.numero_sei in html
        botoes = api.content.get_view(
            "seimg-botoes-tramitacao", processo, portal.REQUEST
        )()
        assert "@@revisao-acesso" in botoes
        # reopened and concluded again: listed once
        acoes.reabrir(processo)
        assert acoes.concluir(processo) == []


def test_manter_restrito_com_motivo(portal, cenario):
    processo, parecer, *_resto = cenario
    with como(portal, *CARLOS):
        acoes.concluir(processo)
        with pytest.raises(BadRequest):
            revisao.manter(processo, parecer.UID(), "  ")
        with pytest.raises(BadRequest):
            revisao.manter(processo, "0000000", "Motivo")
        with pytest.raises(BadRequest):
            revisao.manter(processo, None, "Motivo")
        revisao.manter(processo, parecer.numero_sei, "Decisão ainda não publicada")
        (item,) = revisao.itens(processo)
        assert item["situacao"] == revisao.MANTIDO
        assert item["motivo"] == "Decisão ainda não publicada"
        assert andamentos.listar(processo)[-1].tipo == "revisao_acesso_mantida"
        with pytest.raises(BadRequest):  # reviewed already
            revisao.manter(processo, parecer.UID(), "De novo")
        assert revisao.itens(processo, pendentes=True) == []


def test_alterar_o_nivel_revisa(portal, cenario):
    processo, parecer, *_resto = cenario
    with como(portal, *CARLOS):
        acoes.concluir(processo)
        parecer.nivel_acesso = "publico"
        parecer.hipotese_legal = None
        (item,) = revisao.itens(processo)
        assert item["situacao"] == revisao.ALTERADO


def test_so_a_unidade_que_concluiu_ou_a_geradora(portal, cenario):
    processo, parecer, *_resto = cenario
    with como(portal, *CARLOS):
        procuradoria = portal["orgaos"]["cmvs"]["procuradoria"]
        acoes.enviar(processo, [procuradoria], True, confirmar_minutas=True)
        acoes.concluir(processo)
    with como(portal, *DANIEL), pytest.raises(Forbidden):
        revisao.manter(processo, parecer.UID(), "Não é minha unidade")
    with como(portal, None):
        assert revisao.itens(processo) == []
