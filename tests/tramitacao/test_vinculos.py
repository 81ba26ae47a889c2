"""Sobrestar, relacionar, anexar, ciência and the per-unit notes (integration)."""

from plone import api
from seimg import andamentos
from seimg.notas import api as notas
from seimg.processos import tramite
from seimg.vinculos import api as vinculos
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
BEATRIZ = ("beatriz.lima", "cmvs/protocolo")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
HELENA = ("helena.prado", "pmvs/semad")


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _tipos(processo) -> list[str]:
    return [a.tipo for a in andamentos.listar(processo)]


def _estado(processo) -> tuple:
    """Everything these actions may change on a process."""
    return (
        len(andamentos.listar(processo)),
        tramite.sobrestamento(processo),
        sorted(tramite.unidades_abertas(processo)),
        [p.UID() for p in vinculos.relacionados(processo)],
        [p.UID() for p in vinculos.anexos(processo)],
        processo.__dict__.get("_anexado_a"),
        processo.nivel_efetivo,
        dict(vinculos.ciencias(processo)),
    )


def _recusa(excecao, texto, acao, *processos):
    """``acao()`` raises ``excecao`` matching ``texto``; nothing changes."""
    antes = [_estado(p) for p in processos]
    with pytest.raises(excecao, match=texto):
        acao()
    assert [_estado(p) for p in processos] == antes


def _catalogo(**query) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return [b.UID for b in catalog.unrestrictedSearchResults(**query)]


# -- sobrestar -------------------------------------------------------------------


def test_sobrestar_e_remover(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        outro = novo_processo(portal)
        vinculos.sobrestar(processo, " Aguardando parecer ", outro.numero)
        sob = tramite.sobrestamento(processo)
        assert sob.motivo == "Aguardando parecer"
        assert sob.unidade == secretaria.UID()
        assert sob.processo_vinculado == outro.UID()
        assert sob.usuario == "carlos.mendes"
        assert processo.UID() in _catalogo(sobrestado=True)
        ultimo = andamentos.listar(processo)[-1]
        assert ultimo.tipo == "sobrestamento"
        assert ultimo.atributos["processo_vinculado"] == outro.numero
        assert "Aguardando parecer" in ultimo.descricao()
        assert [fim for _, fim in vinculos.periodos_sobrestado(processo)] == [None]

        vinculos.remover_sobrestamento(processo)
        assert tramite.sobrestamento(processo) is None
        assert processo.UID() not in _catalogo(sobrestado=True)
        assert _tipos(processo)[-1] == "sobrestamento_removido"
        (periodo,) = vinculos.periodos_sobrestado(processo)
        assert periodo[0] == sob.desde
        assert periodo[1] >= periodo[0]
        assert vinculos.tempo_sobrestado(processo) == periodo[1] - periodo[0]


def test_sobrestar_recusas(portal):
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        _recusa(
            BadRequest, "Motivo", lambda: vinculos.sobrestar(processo, " "), processo
        )
        _recusa(
            BadRequest,
            "Motivo",
            lambda: vinculos.sobrestar(processo, "x" * 501),
            processo,
        )
        _recusa(
            BadRequest,
            "processo_vinculado",
            lambda: vinculos.sobrestar(processo, "Motivo", "0000.00.0000000/0000-00"),
            processo,
        )
        _recusa(
            BadRequest,
            "processo_vinculado",
            lambda: vinculos.sobrestar(processo, "Motivo", processo.numero),
            processo,
        )
        _recusa(
            Forbidden,
            "não está sobrestado",
            lambda: vinculos.remover_sobrestamento(processo),
            processo,
        )
        tramite.abrir_em(processo, protocolo, enviado_por=None)
        _recusa(
            Forbidden,
            "outras unidades",
            lambda: vinculos.sobrestar(processo, "Motivo"),
            processo,
        )
        tramite.fechar_em(processo, protocolo)
        vinculos.sobrestar(processo, "Motivo")
        _recusa(
            Forbidden,
            "já está sobrestado",
            lambda: vinculos.sobrestar(processo, "Outro"),
            processo,
        )
    with como(portal, *DANIEL):
        _recusa(
            Forbidden,
            "não está aberto",
            lambda: vinculos.remover_sobrestamento(processo),
            processo,
        )


# -- relacionar ------------------------------------------------------------------


def test_relacionar_nos_dois_sentidos_e_remover(portal):
    with como(portal, *CARLOS):
        a = novo_processo(portal)
        b = novo_processo(portal)
        vinculos.relacionar(a, b)
        assert vinculos.relacionados(a) == [b]
        assert vinculos.relacionados(b) == [a]
        assert andamentos.listar(a)[-1].atributos == {"processo_relacionado": b.numero}
        assert andamentos.listar(b)[-1].atributos == {"processo_relacionado": a.numero}
        _recusa(
            BadRequest, "já estão relacionados", lambda: vinculos.relacionar(a, b), a, b
        )
        _recusa(
            BadRequest, "já estão relacionados", lambda: vinculos.relacionar(b, a), a, b
        )
        _recusa(BadRequest, "si mesmo", lambda: vinculos.relacionar(a, a), a)
        vinculos.remover_relacionamento(b, a)
        assert vinculos.relacionados(a) == vinculos.relacionados(b) == []
        assert _tipos(a)[-1] == _tipos(b)[-1] == "relacionamento_removido"
        _recusa(
            BadRequest,
            "não estão relacionados",
            lambda: vinculos.remover_relacionamento(a, b),
            a,
            b,
        )


def test_relacionar_exige_aberto_e_acesso(portal):
    with como(portal, *DANIEL):
        restrito = novo_processo(portal, nivel="restrito")
    with como(portal, *CARLOS):
        a = novo_processo(portal)
        _recusa(Forbidden, "não pode ver", lambda: vinculos.relacionar(a, restrito), a)
    with como(portal, *BEATRIZ):
        _recusa(Forbidden, "não está aberto", lambda: vinculos.relacionar(a, a), a)


# -- anexar ----------------------------------------------------------------------


def test_anexar_fecha_o_anexado_e_contamina(portal):
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        principal = novo_processo(portal)
        anexado = novo_processo(portal)
        assinar(novo_oficio(anexado, nivel="restrito"))
        tramite.abrir_em(anexado, protocolo)
        assert principal.nivel_efetivo == "publico"
        avisos = vinculos.anexar(principal, anexado)
        assert avisos == []
        assert tramite.unidades_abertas(anexado) == []
        assert vinculos.anexado_a(anexado) == principal
        assert vinculos.anexos(principal) == [anexado]
        assert principal.nivel_efetivo == "restrito"
        assert api.content.get_state(principal) == "restrito"
        assert andamentos.listar(principal)[-1].atributos == {
            "processo_anexado": anexado.numero
        }
        assert _tipos(anexado)[-1] == "anexado_ao_processo"
        assert anexado.UID() not in _catalogo(unidades_abertas=protocolo.UID())
        with pytest.raises(Forbidden, match="anexado"):
            vinculos.exigir_independente(anexado)

        _recusa(
            BadRequest,
            "Motivo",
            lambda: vinculos.desanexar(principal, anexado, ""),
            principal,
            anexado,
        )
        vinculos.desanexar(principal, anexado, "Anexado por engano")
        assert vinculos.anexos(principal) == []
        assert vinculos.anexado_a(anexado) is None
        assert tramite.unidades_abertas(anexado) == [
            unidade(portal, "cmvs/secretaria").UID()
        ]
        assert principal.nivel_efetivo == "publico"
        assert andamentos.listar(principal)[-1].atributos["motivo"] == (
            "Anexado por engano"
        )
        assert _tipos(anexado)[-1] == "desanexado_do_processo"
        _recusa(
            BadRequest,
            "não está anexado",
            lambda: vinculos.desanexar(principal, anexado, "De novo"),
            principal,
            anexado,
        )


def test_anexar_avisa_assunto_diferente(portal):
    with como(portal, *CARLOS):
        principal = novo_processo(portal)
        anexado = novo_processo(portal, tipo="Pessoal: Processo Disciplinar")
        avisos = vinculos.anexar(principal, anexado)
        assert len(avisos) == 1
        assert vinculos.anexado_a(anexado) == principal


def test_anexar_recusas(portal):
    with como(portal, *HELENA):
        de_outro_orgao = novo_processo(portal)
    secretaria = unidade(portal, "cmvs/secretaria")
    tramite.abrir_em(de_outro_orgao, secretaria)
    with como(portal, *CARLOS):
        antigo = novo_processo(portal)
        principal = novo_processo(portal)
        anexado = novo_processo(portal)
        sigiloso = novo_processo(portal, nivel="sigiloso")
        _recusa(
            Forbidden,
            "outro órgão",
            lambda: vinculos.anexar(principal, de_outro_orgao),
            principal,
            de_outro_orgao,
        )
        _recusa(
            Forbidden,
            "sigilosos",
            lambda: vinculos.anexar(principal, sigiloso),
            principal,
            sigiloso,
        )
        _recusa(
            Forbidden,
            "mais recente",
            lambda: vinculos.anexar(anexado, principal),
            principal,
            anexado,
        )
        _recusa(
            BadRequest,
            "si mesmo",
            lambda: vinculos.anexar(principal, principal),
            principal,
        )
        vinculos.sobrestar(anexado, "Aguardando")
        _recusa(
            Forbidden,
            "sobrestado",
            lambda: vinculos.anexar(principal, anexado),
            principal,
            anexado,
        )
        vinculos.remover_sobrestamento(anexado)
        vinculos.anexar(principal, anexado)
        # annexed: closed everywhere, so not open in this unit either
        _recusa(
            Forbidden,
            "não está aberto",
            lambda: vinculos.anexar(antigo, anexado),
            antigo,
            anexado,
        )
        tramite.abrir_em(anexado, secretaria)
        _recusa(
            Forbidden,
            "outra anexação",
            lambda: vinculos.anexar(antigo, anexado),
            antigo,
            anexado,
        )
        tramite.fechar_em(anexado, secretaria)
        _recusa(
            Forbidden,
            "tem processos anexados",
            lambda: vinculos.anexar(antigo, principal),
            antigo,
            principal,
        )
    with como(portal, *BEATRIZ):
        _recusa(
            Forbidden,
            "não está aberto",
            lambda: vinculos.anexar(antigo, principal),
            antigo,
            principal,
        )


# -- ciência ---------------------------------------------------------------------


def test_ciencia_no_processo_e_no_documento(portal):
    """Per user, through the acting unit (SEI manual §4.7)."""
    protocolo = unidade(portal, "cmvs/protocolo")
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        minuta = novo_oficio(processo)
        assinar(oficio)
        # The unit's own minuta: allowed, and it registers the process too.
        vinculos.ciencia(minuta)
        assert vinculos.ciencias(processo)["carlos.mendes"]["unidade"] == (
            secretaria.UID()
        )
        _recusa(
            BadRequest, "já deu ciência", lambda: vinculos.ciencia(processo), processo
        )
        vinculos.ciencia(oficio)
        ultimo = andamentos.listar(processo)[-1]
        assert ultimo.tipo == "ciencia"
        assert oficio.numero_sei in ultimo.atributos["documento"]
        _recusa(
            BadRequest, "já deu ciência", lambda: vinculos.ciencia(oficio), processo
        )
    with como(portal, "matriz.basico", "cmvs/secretaria"):
        # Another user of the same unit gives ciência of his own.
        vinculos.ciencia(processo)
        assert set(vinculos.ciencias(processo)) == {"carlos.mendes", "matriz.basico"}
    with como(portal, *BEATRIZ):
        # Not reached the Protocolo yet: no ciência, nothing written.
        _recusa(Forbidden, "ciência", lambda: vinculos.ciencia(processo), processo)
        _recusa(Forbidden, "ciência", lambda: vinculos.ciencia(oficio), processo)
    tramite.abrir_em(processo, protocolo)
    with como(portal, *BEATRIZ):
        _recusa(Forbidden, "ciência", lambda: vinculos.ciencia(minuta), processo)
        vinculos.ciencia(processo)
        assert len(vinculos.ciencias(processo)) == 3
        assert andamentos.listar(processo)[-1].unidade_uid == protocolo.UID()


def test_ciencias_antigas_por_unidade_sao_lidas_por_usuario(portal):
    from zope.annotation.interfaces import IAnnotations

    with como(portal, *CARLOS):
        processo = novo_processo(portal)
    secretaria = unidade(portal, "cmvs/secretaria").UID()
    IAnnotations(processo)[vinculos.CIENCIAS] = {
        secretaria: {"usuario": "carlos.mendes", "data": "2026-01-02"}
    }
    assert vinculos.ciencias(processo) == {
        "carlos.mendes": {"unidade": secretaria, "data": "2026-01-02"}
    }
    assert vinculos.deu_ciencia(processo, "carlos.mendes")


# -- anotação --------------------------------------------------------------------


def test_anotacao_so_da_unidade(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        antes = len(andamentos.listar(processo))
        notas.anotar(processo, "Ligar para o interessado", prioridade=True)
        nota = notas.anotacao(processo, secretaria)
        assert nota["texto"] == "Ligar para o interessado"
        assert nota["prioridade"] is True
        assert nota["usuario"] == "carlos.mendes"
        assert len(andamentos.listar(processo)) == antes  # private to the unit
        with pytest.raises(BadRequest, match="Texto"):
            notas.anotar(processo, "  ")
        with pytest.raises(BadRequest, match="Prioridade"):
            notas.anotar(processo, "Outra", prioridade="sim")
        assert notas.anotacao(processo, secretaria)["texto"] == nota["texto"]
        tramite.abrir_em(processo, protocolo)
    with como(portal, *BEATRIZ):
        assert notas.anotacao(processo, protocolo) is None
        with pytest.raises(BadRequest, match="Anotação"):
            notas.remover_anotacao(processo)
        notas.anotar(processo, "Conferir protocolo")
    with como(portal, *DANIEL), pytest.raises(Forbidden, match="não está aberto"):
        notas.anotar(processo, "Intruso")
    assert notas.anotacao(processo, secretaria)["texto"] == "Ligar para o interessado"
    assert notas.anotacao(processo, protocolo)["texto"] == "Conferir protocolo"
    with como(portal, *CARLOS):
        notas.anotar(processo, "Já liguei", prioridade=False)
        assert notas.anotacao(processo, secretaria)["prioridade"] is False
        notas.remover_anotacao(processo)
        assert notas.anotacao(processo, secretaria) is None
    assert notas.anotacao(processo, protocolo)["texto"] == "Conferir protocolo"


# -- marcadores ------------------------------------------------------------------


def test_marcadores_da_unidade_e_historico(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    protocolo = unidade(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        urgente = notas.criar_marcador("Urgente", "vermelho")
        aguardar = notas.criar_marcador("Aguardando", "azul")
        assert [m["nome"] for m in notas.marcadores(secretaria)] == [
            "Aguardando",
            "Urgente",
        ]
        with pytest.raises(BadRequest, match="Nome"):
            notas.criar_marcador("urgente", "verde")
        with pytest.raises(BadRequest, match="Cor"):
            notas.criar_marcador("Outro", "dourado")
        with pytest.raises(BadRequest, match="Nome"):
            notas.criar_marcador(" ", "verde")
        assert len(notas.marcadores(secretaria)) == 2
        notas.editar_marcador(aguardar["id"], cor="amarelo")
        assert notas.marcador(secretaria, aguardar["id"])["cor"] == "amarelo"

        processo = novo_processo(portal)
        with pytest.raises(BadRequest, match="Marcador"):
            notas.marcar(processo, "999")
        notas.marcar(processo, urgente["id"], "Prazo amanhã")
        chave = f"{secretaria.UID()}:{urgente['id']}"
        assert processo.UID() in _catalogo(marcadores=chave)
        notas.marcar(processo, aguardar["id"])
        assert processo.UID() not in _catalogo(marcadores=chave)
        assert notas.marcacao(processo, secretaria)["marcador"]["nome"] == "Aguardando"
        with pytest.raises(Forbidden, match="em 1 processo"):
            notas.excluir_marcador(aguardar["id"])
        tramite.abrir_em(processo, protocolo)
    with como(portal, *BEATRIZ):
        assert notas.marcadores(protocolo) == []
        assert notas.marcacao(processo, protocolo) is None
        with pytest.raises(BadRequest, match="Marcador"):
            notas.marcar(processo, urgente["id"])
        with pytest.raises(BadRequest, match="Marcador"):
            notas.desmarcar(processo)
    with como(portal, *CARLOS):
        notas.desmarcar(processo)
        assert notas.marcacao(processo, secretaria) is None
        assert _catalogo(marcadores=f"{secretaria.UID()}:{aguardar['id']}") == []
        historico = notas.historico_marcadores(processo, secretaria)
        assert [(h["acao"], h["nome"], h["texto"]) for h in historico] == [
            ("marcado", "Urgente", "Prazo amanhã"),
            ("marcado", "Aguardando", ""),
            ("desmarcado", "Aguardando", ""),
        ]
        assert all(h["usuario"] == "carlos.mendes" for h in historico)
        notas.excluir_marcador(aguardar["id"])
        assert [m["nome"] for m in notas.marcadores(secretaria)] == ["Urgente"]
        with pytest.raises(BadRequest, match="Marcador"):
            notas.excluir_marcador(aguardar["id"])
    assert notas.historico_marcadores(processo, protocolo) == []


# -- acompanhamento especial -----------------------------------------------------


def test_acompanhamento_especial_sobrevive_a_conclusao(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        outro = novo_processo(portal)
        notas.acompanhar(processo, "Licitações", "Ver o resultado")
        notas.acompanhar(outro)
        assert set(_catalogo(acompanhado_por=secretaria.UID())) >= {
            processo.UID(),
            outro.UID(),
        }
        tramite.fechar_em(processo, secretaria)
        lista = [
            i
            for i in notas.acompanhamentos(secretaria)
            if i["processo"] in (processo.UID(), outro.UID())
        ]
        assert [(i["numero"], i["grupo"], i["aberto"]) for i in lista] == [
            (outro.numero, "", True),
            (processo.numero, "Licitações", False),
        ]
        assert lista[1]["observacao"] == "Ver o resultado"
        with pytest.raises(BadRequest, match="Grupo"):
            notas.acompanhar(outro, "g" * 101)
        notas.acompanhar(processo, "Contratos")  # update, still one entry
        assert notas.acompanhamento(processo, secretaria)["grupo"] == "Contratos"
        notas.deixar_de_acompanhar(processo)
        assert processo.UID() not in _catalogo(acompanhado_por=secretaria.UID())
        assert notas.acompanhamento(processo, secretaria) is None
        with pytest.raises(BadRequest, match="Acompanhamento"):
            notas.deixar_de_acompanhar(processo)
    with como(portal, *BEATRIZ), pytest.raises(Forbidden, match="nunca esteve"):
        notas.acompanhar(outro)


# -- Classic UI ------------------------------------------------------------------


def _pagina(portal, contexto, view, metodo="GET", **form):
    from plone.protect.authenticator import createToken

    request = portal.REQUEST
    request.form.clear()
    request.method = metodo
    if metodo == "POST":
        request.form.update(form, _authenticator=createToken())
    request.response.setStatus(200)
    try:
        return api.content.get_view(view, contexto, request)()
    finally:
        request.form.clear()
        request.method = "GET"


def test_pagina_do_processo_mostra_botoes_notas_e_vinculos(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        outro = novo_processo(portal)
        html = _pagina(portal, processo, "seimg-acoes-vinculos")
        for botao in ("sobrestar", "relacionar", "anexar", "ciencia", "anotacao"):
            assert f'id="seimg-vinculo-{botao}"' in html
        assert "seimg-vinculo-remover-sobrestamento" not in html
        assert "Sobrestar" in html  # translated

        _pagina(
            portal,
            processo,
            "sobrestar",
            "POST",
            motivo="",
            **{"form.buttons.sobrestar": "1"},
        )
        assert portal.REQUEST.response.getStatus() == 400
        assert not vinculos.sobrestado(processo)
        _pagina(
            portal,
            processo,
            "sobrestar",
            "POST",
            motivo="Aguardar",
            **{"form.buttons.sobrestar": "1"},
        )
        assert vinculos.sobrestado(processo)
        _pagina(
            portal,
            processo,
            "relacionar",
            "POST",
            processo=outro.numero,
            **{"form.buttons.relacionar": "1"},
        )
        notas.anotar(processo, "Urgente: ligar", prioridade=True)
        html = _pagina(portal, processo, "processo")
        assert 'id="seimg-sobrestado"' in html
        assert "seimg-vinculo-remover-sobrestamento" in html
        assert "seimg-vinculo-sobrestar" not in html
        assert outro.numero in html
        assert "Urgente: ligar" in html
        assert 'data-prioridade="1"' in html
    with como(portal, *DANIEL):
        html = _pagina(portal, processo, "seimg-acoes-vinculos")
        assert "Urgente: ligar" not in html  # another unit's note
        assert "seimg-vinculo-sobrestar" not in html


def test_paginas_de_marcadores_e_acompanhamento(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        _pagina(
            portal,
            portal,
            "marcadores",
            "POST",
            nome="Prioridade",
            cor="roxo",
            **{"form.buttons.criar": "1"},
        )
        (criado,) = [
            m for m in notas.marcadores(secretaria) if m["nome"] == "Prioridade"
        ]
        assert criado["cor"] == "roxo"
        html = _pagina(portal, portal, "marcadores")
        assert f'data-marcador="{criado["id"]}"' in html
        _pagina(
            portal,
            portal,
            "marcadores",
            "POST",
            nome="X",
            cor="ouro",
            id=criado["id"],
            **{"form.buttons.salvar": "1"},
        )
        assert portal.REQUEST.response.getStatus() == 400
        assert notas.marcador(secretaria, criado["id"])["nome"] == "Prioridade"

        processo = novo_processo(portal)
        _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            marcador=criado["id"],
            texto="Hoje",
            **{"form.buttons.salvar": "1"},
        )
        assert notas.marcacao(processo, secretaria)["texto"] == "Hoje"
        _pagina(
            portal,
            processo,
            "acompanhamento",
            "POST",
            grupo="Obras",
            observacao="",
            **{"form.buttons.salvar": "1"},
        )
        html = _pagina(portal, portal, "acompanhamento-especial")
        assert "Obras" in html
        assert f'data-processo="{processo.UID()}"' in html
