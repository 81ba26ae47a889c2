"""The Controle de Processos: lists, flags, filters, sorting, CSV (integration)."""

from datetime import timedelta
from plone import api
from seimg.controle import api as controle
from seimg.controle import planilha
from seimg.controle.api import hoje  # the site's day (São Paulo), not UTC's
from seimg.notas import api as notas
from seimg.processos import tramite
from seimg.tramitacao import acoes
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
import csv
import io
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
BEATRIZ = ("beatriz.lima", "cmvs/protocolo")
DANIEL = ("daniel.souza", "cmvs/procuradoria")


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _enviar(portal, processo, *destinos, **opcoes):
    """Carlos sends ``processo`` from the Secretaria."""
    with como(portal, *CARLOS):
        acoes.enviar(processo, [unidade(portal, d) for d in destinos], **opcoes)


def _criar(portal, especificacao="Pedido", quem=CARLOS, **extra):
    with como(portal, *quem):
        return novo_processo(portal, especificacao=especificacao, **extra)


def _numeros(pagina) -> list[str]:
    return [linha.numero for linha in pagina.linhas]


def _linha(pagina, processo):
    for linha in pagina.linhas:
        if linha.uid == processo.UID():
            return linha
    return None


@pytest.fixture
def enviados(portal):
    """Three processes Carlos sent to the Protocolo and the Arquivo."""
    processos = [
        _criar(portal, "Bravo pedido"),
        _criar(portal, "Alfa pedido"),
        _criar(portal, "Charlie pedido"),
    ]
    for processo in processos:
        _enviar(portal, processo, "cmvs/protocolo", "cmvs/arquivo", notificar=False)
    return processos


def test_recebidos_e_gerados_por_unidade(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    secretaria = unidade(portal, "cmvs/secretaria")
    gerado = _criar(portal, "Ficou na Secretaria")
    with como(portal, *BEATRIZ):
        recebidos = controle.recebidos(protocolo)
        gerados = controle.gerados(protocolo)
        assert sorted(recebidos.linhas and _numeros(recebidos)) == sorted(
            p.numero for p in enviados
        )
        assert recebidos.total == 3
        assert gerados.total == 0
        assert all(not linha.recebido for linha in recebidos.linhas)
    with como(portal, *CARLOS):
        gerados = controle.gerados(secretaria)
        assert gerado.numero in _numeros(gerados)
        # Sent without keeping it open: gone from the Secretaria.
        assert not {p.numero for p in enviados} & set(_numeros(gerados))
        assert gerado.numero not in _numeros(controle.recebidos(secretaria))


def test_recebido_depois_de_receber(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *BEATRIZ):
        assert acoes.receber(enviados[0]) is True
        pagina = controle.recebidos(protocolo)
        assert _linha(pagina, enviados[0]).recebido is True
        assert _linha(pagina, enviados[1]).recebido is False
    # Received in the Protocolo only: still new in the Arquivo.
    with como(portal, "fabio.nunes", "cmvs/arquivo"):
        linha = _linha(controle.recebidos(unidade(portal, "cmvs/arquivo")), enviados[0])
        assert linha.recebido is False


def test_novo_documento_desde_a_ultima_visita(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    processo = enviados[0]
    with como(portal, *BEATRIZ):
        acoes.receber(processo)
        acoes.marcar_visto(processo, protocolo)
        assert _linha(controle.recebidos(protocolo), processo).novo_documento is False
        processo._ultimo_documento.valor = tramite.agora() + timedelta(seconds=5)
        assert _linha(controle.recebidos(protocolo), processo).novo_documento is True
        acoes.marcar_visto(processo, protocolo)
        tramite.abertura(processo, protocolo).visto_em = tramite.agora() + timedelta(
            seconds=10
        )
        assert _linha(controle.recebidos(protocolo), processo).novo_documento is False


def test_atribuido_marcador_anotacao_e_filtros(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    alvo, outro, _terceiro = enviados
    with como(portal, *BEATRIZ):
        acoes.atribuir(alvo, "beatriz.lima")
        urgente = notas.criar_marcador("Urgente", "vermelho")
        notas.marcar(alvo, urgente["id"], "responder hoje")
        notas.anotar(alvo, "Ligar para o requerente", prioridade=True)

        pagina = controle.recebidos(protocolo)
        linha = _linha(pagina, alvo)
        assert linha.atribuido_a == "beatriz.lima"
        assert linha.atribuido_nome
        assert linha.atribuido_nome != ""
        assert linha.marcador == {
            "id": urgente["id"],
            "nome": "Urgente",
            "cor": notas.CORES["vermelho"][1],
            "texto": "responder hoje",
        }
        assert linha.anotacao == {
            "texto": "Ligar para o requerente",
            "prioridade": True,
        }
        assert _linha(pagina, outro).atribuido_a is None
        assert _linha(pagina, outro).marcador is None
        assert _linha(pagina, outro).anotacao is None

        assert _numeros(controle.recebidos(protocolo, atribuido_a_mim=True)) == [
            alvo.numero
        ]
        assert _numeros(controle.recebidos(protocolo, marcador=urgente["id"])) == [
            alvo.numero
        ]
        assert controle.recebidos(protocolo, marcador="999").total == 0
    # Another user of the same unit: nothing is assigned to him.
    with como(portal, "fabio.nunes", "cmvs/arquivo"):
        arquivo = unidade(portal, "cmvs/arquivo")
        assert controle.recebidos(arquivo, atribuido_a_mim=True).total == 0
        # Marcadores and anotações are per unit.
        linha = _linha(controle.recebidos(arquivo), alvo)
        assert linha.marcador is None
        assert linha.anotacao is None


def test_filtro_por_tipo(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    requerimento = _criar(portal, "Requerimento", tipo="Legislativo: Requerimento")
    _enviar(portal, requerimento, "cmvs/protocolo", notificar=False)
    with como(portal, *BEATRIZ):
        pagina = controle.recebidos(protocolo, tipo_processo=requerimento.tipo_processo)
        assert _numeros(pagina) == [requerimento.numero]
        assert pagina.linhas[0].tipo == "Legislativo: Requerimento"
        outros = controle.recebidos(protocolo, tipo_processo=enviados[0].tipo_processo)
        assert sorted(_numeros(outros)) == sorted(p.numero for p in enviados)


def test_ordenacao_por_coluna(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    por_especificacao = ["Alfa pedido", "Bravo pedido", "Charlie pedido"]
    with como(portal, *BEATRIZ):
        pagina = controle.recebidos(protocolo, sort_on="especificacao")
        assert [x.especificacao for x in pagina.linhas] == por_especificacao
        pagina = controle.recebidos(
            protocolo, sort_on="especificacao", sort_order="descending"
        )
        assert [x.especificacao for x in pagina.linhas] == por_especificacao[::-1]
        numeros = sorted(p.numero for p in enviados)
        assert _numeros(controle.recebidos(protocolo, sort_on="numero")) == numeros
        assert (
            _numeros(
                controle.recebidos(protocolo, sort_on="numero", sort_order="descending")
            )
            == numeros[::-1]
        )
        # Received ones go last when sorting by "recebido" ascending (False < True).
        acoes.receber(enviados[1])
        pagina = controle.recebidos(protocolo, sort_on="recebido")
        assert pagina.linhas[-1].uid == enviados[1].UID()
        acoes.atribuir(enviados[2], "beatriz.lima")
        pagina = controle.recebidos(protocolo, sort_on="atribuido_a")
        assert pagina.linhas[0].uid == enviados[2].UID()
        with pytest.raises(ValueError, match="sort_on"):
            controle.recebidos(protocolo, sort_on="nao_existe")


def test_paginacao_e_sem_paginacao(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *BEATRIZ):
        primeira = controle.recebidos(protocolo, sort_on="numero", b_size=2)
        segunda = controle.recebidos(protocolo, sort_on="numero", b_size=2, b_start=2)
        todos = controle.recebidos(protocolo, sort_on="numero", b_size=0)
        assert primeira.total == segunda.total == todos.total == 3
        assert len(primeira.linhas) == 2
        assert len(segunda.linhas) == 1
        assert _numeros(primeira) + _numeros(segunda) == _numeros(todos)
        # Python-sorted columns paginate the same way.
        pagina = controle.recebidos(protocolo, sort_on="especificacao", b_size=2)
        assert [x.especificacao for x in pagina.linhas] == [
            "Alfa pedido",
            "Bravo pedido",
        ]
        assert pagina.total == 3


def test_retornos_programados(portal):
    processo = _criar(portal, "Com retorno")
    prazo = hoje() + timedelta(days=3)
    _enviar(portal, processo, "cmvs/protocolo", retorno=prazo, notificar=False)
    protocolo = unidade(portal, "cmvs/protocolo")
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *BEATRIZ):
        devolver = controle.retornos(protocolo)["devolver"]
        assert _numeros(devolver) == [processo.numero]
        linha = devolver.linhas[0]
        assert linha.retorno_data == prazo
        assert linha.retorno_atrasado is False
        # Overdue (the date passes): flagged late.
        tramite.retorno(processo, protocolo.UID(), secretaria.UID()).data = (
            hoje() - timedelta(days=1)
        )
        linha = controle.retornos(protocolo)["devolver"].linhas[0]
        assert linha.retorno_atrasado is True
        assert controle.retornos(protocolo)["aguardando"].total == 0
    with como(portal, *CARLOS):
        aguardando = controle.retornos(secretaria)["aguardando"]
        assert _numeros(aguardando) == [processo.numero]
        assert aguardando.linhas[0].retorno_unidade == protocolo.sigla_completa()
        assert aguardando.linhas[0].retorno_atrasado is True
        assert controle.retornos(secretaria)["devolver"].total == 0


def test_sobrestados_saem_da_caixa(portal):
    from seimg.vinculos import api as vinculos

    processo = _criar(portal, "Aguardando decisão judicial")
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        assert processo.numero in _numeros(controle.gerados(secretaria, b_size=0))
        vinculos.sobrestar(processo, "Aguardando decisão judicial")
        assert processo.numero not in _numeros(controle.gerados(secretaria, b_size=0))
        assert _numeros(controle.sobrestados(secretaria)) == [processo.numero]


def test_nivel_de_acesso_respeitado(portal):
    """Rows and counts come from a restricted catalog search."""
    restrito = _criar(portal, "Sindicância", quem=DANIEL, nivel="restrito")
    procuradoria = unidade(portal, "cmvs/procuradoria")
    with como(portal, *DANIEL):
        linha = _linha(controle.gerados(procuradoria, b_size=0), restrito)
        assert linha is not None
        assert linha.nivel_acesso_efetivo == "restrito"
        assert controle.contagens(procuradoria)["gerados"] >= 1
    # Beatriz asking for the Procuradoria's list sees neither rows nor counts.
    with como(portal, *BEATRIZ):
        pagina = controle.gerados(procuradoria, b_size=0)
        assert _linha(pagina, restrito) is None
        assert pagina.total == len(pagina.linhas)
        assert restrito.UID() not in [x.uid for x in pagina.linhas]
        catalog = api.portal.get_tool("portal_catalog")
        todos = catalog.unrestrictedSearchResults(
            **controle.consulta(procuradoria, "gerados")
        )
        assert restrito.UID() in [b.UID for b in todos]  # it is there, unseen
        assert controle.contagens(procuradoria)["gerados"] < len(todos)


def test_sigiloso_enviado_so_para_quem_tem_credencial(portal):
    """A sigiloso process open in the Protocolo is invisible without credencial."""
    sigiloso = _criar(portal, "Investigação", quem=DANIEL, nivel="sigiloso")
    protocolo = unidade(portal, "cmvs/protocolo")
    procuradoria = unidade(portal, "cmvs/procuradoria")
    tramite.abrir_em(sigiloso, protocolo, enviado_por=procuradoria)
    with como(portal, *BEATRIZ):
        antes = controle.contagens(protocolo)["recebidos"]
        assert _linha(controle.recebidos(protocolo, b_size=0), sigiloso) is None
        assert controle.recebidos(protocolo).total == antes


def test_csv(portal, enviados):
    protocolo = unidade(portal, "cmvs/protocolo")
    request = portal.REQUEST
    with como(portal, *BEATRIZ):
        acoes.receber(enviados[0])
        pagina = controle.recebidos(protocolo, sort_on="especificacao", b_size=0)
        data = planilha.exportar_csv(pagina.linhas, request)
    assert data.startswith(b"\xef\xbb\xbf")
    linhas = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    assert linhas[0][:5] == [
        "Processo",
        "Tipo",
        "Especificação",
        "Nível de acesso",
        "Recebido",
    ]
    assert [x[2] for x in linhas[1:]] == [
        "Alfa pedido",
        "Bravo pedido",
        "Charlie pedido",
    ]
    por_numero = {x[0]: x for x in linhas[1:]}
    assert por_numero[enviados[0].numero][4] == "Sim"
    assert por_numero[enviados[1].numero][4] == "Não"
    assert por_numero[enviados[1].numero][3] == "Público"


def test_depois_do_login_vai_para_o_controle(portal):
    from plone.app.testing import TEST_USER_NAME
    from seimg.controle.browser.entrada import RedirectAfterLogin

    request = portal.REQUEST
    adapter = RedirectAfterLogin(portal, request)
    controle_url = f"{portal.absolute_url()}/@@controle-processos"
    processo_url = f"{portal.absolute_url()}/processos"
    with como(portal, *CARLOS):
        assert adapter(None) == controle_url
        assert adapter(portal.absolute_url() + "/") == controle_url
        assert adapter(processo_url) == processo_url  # an explicit came_from wins
    with como(portal, TEST_USER_NAME):
        assert adapter(None) is None
