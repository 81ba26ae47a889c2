"""Informação classificada (LAI arts. 23–24): rules on the forms' and REST's
data, the catalog index and the órgão's expiry report (integration)."""

from datetime import date
from plone import api
from seimg.content.processo import IProcessoSchema
from seimg.nivel_acesso import classificacao as regras
from seimg.processos import classificacao
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from types import SimpleNamespace
from zExceptions import Unauthorized
from zope.interface import Invalid
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")  # administrador of CMVS
DANIEL = ("daniel.souza", "cmvs/procuradoria")
HOJE = date(2026, 6, 15)
PRODUCAO_VENCIDA = date(2021, 3, 1)  # reservado: ended 2026-03-01
PRODUCAO_VENCENDO = date(2021, 8, 1)  # reservado: ends 2026-08-01 (47 days)
PRODUCAO_VIGENTE = date(2024, 1, 10)  # reservado: ends 2029


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _reservado():
    return tabela("HipoteseLegal", "Informação Classificada - Grau Reservado")


def _classificado(portal, producao, nivel="sigiloso", especificacao="Classificado"):
    return novo_processo(
        portal,
        nivel=nivel,
        especificacao=especificacao,
        hipotese_legal=_reservado(),
        grau_sigilo="reservado",
        data_producao=producao,
        data_classificacao=producao,
    )


def _invariantes(portal, **dados):
    IProcessoSchema.validateInvariants(SimpleNamespace(**dados))


def test_hipoteses_classificadas_semeadas(portal):
    from seimg.tabelas import obter

    assert obter(_reservado()).classificada
    assert obter(_reservado()).grau == "reservado"
    for titulo in ("Sigilo Fiscal", "Informação Pessoal", "Documento Preparatório"):
        assert not obter(tabela("HipoteseLegal", titulo)).classificada


def test_regras_nos_dados_do_formulario(portal):
    """The schema's invariant: grau and dates for classified information
    only; sigiloso under another law needs no grau any more."""
    fiscal = tabela("HipoteseLegal", "Sigilo Fiscal")
    pessoal = tabela("HipoteseLegal", "Informação Pessoal")
    with pytest.raises(Invalid) as exc:
        IProcessoSchema.validateInvariants(
            SimpleNamespace(
                nivel_acesso="sigiloso", hipotese_legal=fiscal, grau_sigilo="secreto"
            )
        )
    assert "art. 22" in exc.value.args[0].default
    with pytest.raises(Invalid) as exc:
        IProcessoSchema.validateInvariants(
            SimpleNamespace(
                nivel_acesso="restrito",
                hipotese_legal=pessoal,
                data_producao=date(2020, 1, 1),
            )
        )
    assert "art. 31" in exc.value.args[0].default
    with pytest.raises(Invalid) as exc:
        IProcessoSchema.validateInvariants(
            SimpleNamespace(nivel_acesso="sigiloso", hipotese_legal=_reservado())
        )
    assert str(exc.value.args[0]) == "classificacao_grau_obrigatorio"
    # complete, and sigiloso under another law without a grau
    for dados in (
        {
            "nivel_acesso": "sigiloso",
            "hipotese_legal": _reservado(),
            "grau_sigilo": "reservado",
            "data_producao": date(2020, 1, 1),
            "evento_termino": "Conclusão da licitação",
        },
        {"nivel_acesso": "sigiloso", "hipotese_legal": fiscal},
    ):
        errors = []
        IProcessoSchema.validateInvariants(SimpleNamespace(**dados), errors)


def test_prazo_indice_e_resumo(portal):
    with como(portal, *CARLOS):
        processo = _classificado(portal, PRODUCAO_VENCIDA)
        publico = novo_processo(portal)
    assert regras.prazo(processo) == 5
    assert regras.expira_em(processo) == date(2026, 3, 1)
    assert regras.expira_em(publico) is None
    catalog = api.portal.get_tool("portal_catalog")
    uids = {
        b.UID
        for b in catalog.unrestrictedSearchResults(
            classificacao_expira={"query": date(2026, 3, 1), "range": "max"}
        )
    }
    assert processo.UID() in uids
    assert publico.UID() not in uids
    resumo = regras.resumo(processo, HOJE)
    assert resumo["expira_em"] == "2026-03-01"
    assert resumo["situacao"] == regras.VENCIDA


def test_relatorio_do_orgao(portal):
    """Expired and expiring items of the órgão, earliest first; the ones
    in force later, and items hidden from the viewer, are not listed."""
    orgao = portal["orgaos"]["cmvs"]
    with como(portal, *CARLOS):
        vencido = _classificado(portal, PRODUCAO_VENCIDA, especificacao="QZVENCIDO")
        vencendo = _classificado(
            portal, PRODUCAO_VENCENDO, nivel="restrito", especificacao="QZVENCENDO"
        )
        vigente = _classificado(portal, PRODUCAO_VIGENTE, especificacao="QZVIGENTE")
        documento = novo_oficio(
            vigente,
            nivel="restrito",
            hipotese_legal=_reservado(),
            grau_sigilo="reservado",
            data_producao=PRODUCAO_VENCENDO,
        )
    with como(portal, *DANIEL):
        # sigiloso of another unit: carlos holds no credencial
        alheio = _classificado(portal, PRODUCAO_VENCIDA, especificacao="QZALHEIO")
    with como(portal, *CARLOS):
        assert classificacao.pode_ver_relatorio(orgao)
        linhas = classificacao.relatorio(orgao, hoje=HOJE)
        por_id = {linha["@id"]: linha for linha in linhas}
        assert vencido.absolute_url() in por_id
        assert vencendo.absolute_url() in por_id
        assert documento.absolute_url() in por_id
        assert vigente.absolute_url() not in por_id
        assert alheio.absolute_url() not in por_id
        assert "QZALHEIO" not in repr(linhas)
        assert [linha["expira_em"] for linha in linhas] == sorted(
            linha["expira_em"] for linha in linhas
        )
        assert por_id[vencido.absolute_url()]["situacao"] == regras.VENCIDA
        assert por_id[vencendo.absolute_url()]["situacao"] == regras.VENCENDO
        assert por_id[documento.absolute_url()]["tipo"] == "documento"
        # the page
        view = api.content.get_view("classificacoes", orgao, portal.REQUEST)
        html = view()
        assert vencido.numero in html
        assert "QZALHEIO" not in html
        assert alheio.numero not in html
    with como(portal, *DANIEL):
        assert not classificacao.pode_ver_relatorio(orgao)
        view = api.content.get_view("classificacoes", orgao, portal.REQUEST)
        with pytest.raises(Unauthorized):
            view()
    with como(portal, None):
        assert not classificacao.pode_ver_relatorio(orgao)


def test_relatorio_dias_invalidos(portal):
    orgao = portal["orgaos"]["cmvs"]
    for valor in ("-1", "abc", "99999", "1.5"):
        assert classificacao.ler_dias(valor) is None
    assert classificacao.ler_dias("") == 90
    assert classificacao.ler_dias("0") == 0
    with como(portal, *CARLOS):
        portal.REQUEST.form["dias"] = "-5"
        try:
            view = api.content.get_view("classificacoes", orgao, portal.REQUEST)
            html = view()
        finally:
            del portal.REQUEST.form["dias"]
    assert portal.REQUEST.response.getStatus() == 400
    assert "0 a 3650" in html


def test_notificacao_diaria(portal):
    from seimg.tramitacao import notificacoes

    with como(portal, *CARLOS):
        processo = _classificado(portal, PRODUCAO_VENCIDA)
    secretaria = portal["orgaos"]["cmvs"]["secretaria"]
    enviados = []
    original = notificacoes.enviar_email
    notificacoes.enviar_email = lambda u, a, c: enviados.append((u, a, c)) or True
    try:
        notificacoes.notificar_classificacoes(HOJE)
        notificacoes.notificar_classificacoes(HOJE)  # once per state
    finally:
        notificacoes.enviar_email = original
    meus = [e for e in enviados if processo.numero in str(e[1].mapping)]
    assert len(meus) == 1
    assert meus[0][0] == secretaria
    assert "especificacao" not in meus[0][2].mapping


def test_upgrade_1022(portal):
    """The index added and the seeded hipóteses marked; nothing else."""
    from seimg.tabelas import obter
    from seimg.upgrades import v1022

    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("classificacao_expira")
    reservado = obter(_reservado())
    reservado.classificada = False
    reservado.grau = None
    fiscal = obter(tabela("HipoteseLegal", "Sigilo Fiscal"))
    v1022.upgrade(None)
    v1022.upgrade(None)  # twice: nothing more
    assert "classificacao_expira" in catalog.indexes()
    assert reservado.classificada
    assert reservado.grau == "reservado"
    assert not fiscal.classificada


def test_link_na_pagina_do_orgao(portal):
    orgao = portal["orgaos"]["cmvs"]
    with como(portal, *CARLOS):
        html = orgao()
    assert "@@classificacoes" in html
