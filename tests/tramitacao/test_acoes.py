"""Enviar, receber, concluir, reabrir, atribuir and business days (integration)."""

from datetime import date
from datetime import timedelta
from plone import api
from seimg import andamentos
from seimg.processos import tramite
from seimg.tramitacao import acoes
from seimg.tramitacao import prazos
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.schema import ValidationError
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
BEATRIZ = ("beatriz.lima", "cmvs/protocolo")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
HELENA = ("helena.prado", "pmvs/semad")


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture
def processo(portal):
    with como(portal, *CARLOS):
        return novo_processo(portal, nivel="restrito")


def _u(portal, caminho):
    return unidade(portal, caminho)


def _tipos(processo) -> list[str]:
    return [a.tipo for a in andamentos.listar(processo)]


def _abertas(portal, processo) -> set[str]:
    from seimg.tabelas import obter

    return {obter(uid).sigla_completa() for uid in tramite.unidades_abertas(processo)}


def _estado(processo) -> tuple:
    """Everything the routing actions may change."""
    return (
        _tipos(processo),
        {
            uid: (
                a.recebido_em,
                a.atribuido_a,
                a.enviado_por,
            )
            for uid, a in tramite.aberturas(processo).items()
        },
        [(r.devedora, r.credora, r.data) for r in tramite.retornos_pendentes(processo)],
        sorted(tramite.unidades_com_acesso(processo)),
    )


def _enviar(portal, processo, *destinos, **kw):
    kw.setdefault("notificar", False)
    acoes.enviar(processo, [_u(portal, d) for d in destinos], **kw)


# enviar


def test_enviar_opens_in_destinations_and_closes_in_sender(portal, processo):
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", "pmvs/semad")
    assert _abertas(portal, processo) == {
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
        "PMVS/GABINETE/SEMAD",
    }
    protocolo = tramite.abertura(processo, _u(portal, "cmvs/protocolo"))
    assert not protocolo.recebido
    assert protocolo.enviado_por == _u(portal, "cmvs/secretaria").UID()
    ultimo = andamentos.listar(processo)[-1]
    assert ultimo.tipo == "processo_remetido"
    assert ultimo.atributos["destinos"] == [
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
        "PMVS/GABINETE/SEMAD",
    ]
    assert ultimo.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA"
    # The sender passed through it: it keeps read access, not write.
    assert tramite.passou_por(processo, _u(portal, "cmvs/secretaria"))
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=processo.UID(), unidades_nao_recebidas=protocolo.unidade
    )
    assert len(brains) == 1


def test_enviar_keeping_it_open(portal, processo):
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", manter_aberto=True)
    assert _abertas(portal, processo) == {
        "CMVS/PRESIDENCIA/SECRETARIA",
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
    }


def test_enviar_with_retorno_programado(portal, processo):
    prazo = date.today() + timedelta(days=10)
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", "cmvs/procuradoria", retorno=prazo)
    secretaria = _u(portal, "cmvs/secretaria").UID()
    for caminho in ("cmvs/protocolo", "cmvs/procuradoria"):
        devido = tramite.retorno(processo, _u(portal, caminho).UID(), secretaria)
        assert devido.data == prazo
    assert _tipos(processo)[-2:] == ["processo_remetido", "retorno_programado"]
    entrada = andamentos.listar(processo)[-1]
    assert entrada.atributos["data_retorno"] == prazo.isoformat()
    assert entrada.atributos["unidade_retorno"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert tramite.aguardando_retorno(processo) == [secretaria]
    # Returning it fulfils the retorno.
    with como(portal, *BEATRIZ):
        _enviar(portal, processo, "cmvs/secretaria")
    assert tramite.abertura(processo, _u(portal, "cmvs/protocolo")) is None
    volta = tramite.abertura(processo, _u(portal, "cmvs/secretaria"))
    assert not volta.recebido
    assert tramite.devidos_por(processo, volta.unidade) == []
    assert _tipos(processo)[-2:] == ["processo_remetido", "retorno_cumprido"]
    # The Procuradoria still owes it.
    assert tramite.aguardando_retorno(processo) == [secretaria]


def test_returning_while_keeping_it_open_fulfils_the_retorno(portal, processo):
    prazo = date.today() + timedelta(days=3)
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", retorno=prazo)
    with como(portal, *BEATRIZ):
        _enviar(portal, processo, "cmvs/secretaria", manter_aberto=True)
    protocolo = tramite.abertura(processo, _u(portal, "cmvs/protocolo"))
    assert tramite.devidos_por(processo, protocolo.unidade) == []
    assert tramite.aguardando_retorno(processo) == []


def test_sending_to_a_unit_where_it_is_open_makes_it_new_there(portal, processo):
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", manter_aberto=True)
    with como(portal, *BEATRIZ):
        assert acoes.receber(processo)
        _enviar(portal, processo, "cmvs/secretaria")
    secretaria = tramite.abertura(processo, _u(portal, "cmvs/secretaria"))
    assert not secretaria.recebido
    assert secretaria.enviado_por == _u(portal, "cmvs/protocolo").UID()


@pytest.mark.parametrize(
    ("destinos", "kw", "erro", "trecho"),
    [
        ([], {}, BadRequest, "Unidades de destino"),
        (["cmvs/secretaria"], {}, BadRequest, "sua própria unidade"),
        (["cmvs/protocolo", "cmvs/protocolo"], {}, BadRequest, "repetida"),
        (
            ["cmvs/protocolo"],
            {"retorno": date.today() - timedelta(days=1)},
            BadRequest,
            "Retorno programado",
        ),
    ],
)
def test_enviar_refusals_change_nothing(portal, processo, destinos, kw, erro, trecho):
    antes = _estado(processo)
    with como(portal, *CARLOS), pytest.raises(erro) as exc:
        _enviar(portal, processo, *destinos, **kw)
    assert trecho in str(exc.value)
    assert _estado(processo) == antes


def test_enviar_to_an_inactive_unit_is_refused(portal, processo):
    arquivo = _u(portal, "cmvs/arquivo")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=arquivo, transition="desativar")
    antes = _estado(processo)
    with como(portal, *CARLOS), pytest.raises(BadRequest) as exc:
        _enviar(portal, processo, "cmvs/protocolo", "cmvs/arquivo")
    assert "CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO" in str(exc.value)
    assert "inativa" in str(exc.value)
    assert _estado(processo) == antes


def test_enviar_where_not_open_is_forbidden(portal, processo):
    antes = _estado(processo)
    with como(portal, *BEATRIZ), pytest.raises(Forbidden):
        _enviar(portal, processo, "cmvs/procuradoria")
    assert _estado(processo) == antes


def test_enviar_sobrestado_is_refused(portal, processo):
    processo._sobrestamento = tramite.Sobrestamento(
        _u(portal, "cmvs/secretaria").UID(), "aguardando", "carlos.mendes"
    )
    antes = _estado(processo)
    with como(portal, *CARLOS), pytest.raises(Forbidden) as exc:
        _enviar(portal, processo, "cmvs/protocolo")
    assert "sobrestado" in str(exc.value)
    assert _estado(processo) == antes


def test_enviar_with_minutas_needs_confirmation(portal, processo):
    with como(portal, *CARLOS):
        minuta = novo_oficio(processo, nivel="restrito")
        assinado = novo_oficio(processo, nivel="restrito")
        assinar(assinado)
        antes = _estado(processo)
        with pytest.raises(BadRequest) as exc:
            _enviar(portal, processo, "cmvs/protocolo")
        assert minuta.numero_sei in str(exc.value)
        assert assinado.numero_sei not in str(exc.value)
        assert "invisíveis" in str(exc.value)
        assert _estado(processo) == antes
        _enviar(portal, processo, "cmvs/protocolo", confirmar_minutas=True)
    assert "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO" in _abertas(portal, processo)


# receber, marcar_visto


def test_receber_once(portal, processo):
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo")
        assert acoes.receber(processo) is False  # not open in SECRETARIA
    with como(portal, *BEATRIZ):
        assert acoes.receber(processo) is True
        assert acoes.receber(processo) is False
    assert _tipos(processo).count("processo_recebido") == 1
    entrada = andamentos.listar(processo)[-1]
    assert entrada.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
    assert entrada.usuario_id == "beatriz.lima"
    assert tramite.nao_recebidas(processo) == []


def test_marcar_visto_and_new_documents(portal, processo):
    protocolo = _u(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", manter_aberto=True)
    assert tramite.abertura(processo, protocolo).visto_em is None
    with como(portal, *BEATRIZ):
        assert acoes.marcar_visto(processo, protocolo) is True
        assert acoes.marcar_visto(processo, protocolo) is False  # nothing new
    assert not acoes.documentos_novos(processo, protocolo)
    with como(portal, *CARLOS):
        novo_oficio(processo, nivel="restrito")
    assert tramite.ultimo_documento_em(processo) is not None
    assert acoes.documentos_novos(processo, protocolo)
    with como(portal, *BEATRIZ):
        assert acoes.marcar_visto(processo, protocolo) is True
    assert not acoes.documentos_novos(processo, protocolo)


# concluir, reabrir


def test_concluir_only_in_the_acting_unit(portal, processo):
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo", manter_aberto=True)
        acoes.concluir(processo)
    assert _abertas(portal, processo) == {"CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"}
    assert _tipos(processo)[-1] == "processo_concluido"


def test_concluir_where_not_open_is_refused(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)  # public: everyone reads it
    antes = _estado(processo)
    with como(portal, *DANIEL), pytest.raises(Forbidden) as exc:
        acoes.concluir(processo)
    assert "não está aberto na sua unidade CMVS/PRESIDENCIA/PROCURADORIA" in str(
        exc.value
    )
    assert _estado(processo) == antes


def test_reabrir(portal, processo):
    with como(portal, *CARLOS):
        acoes.concluir(processo)
        assert _abertas(portal, processo) == set()
        acoes.reabrir(processo)
    assert _abertas(portal, processo) == {"CMVS/PRESIDENCIA/SECRETARIA"}
    assert tramite.abertura(processo, _u(portal, "cmvs/secretaria")).recebido
    assert _tipos(processo)[-2:] == ["processo_concluido", "processo_reaberto"]


def test_reabrir_refusals(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)  # public: everyone reads it
    antes = _estado(processo)
    with como(portal, *CARLOS), pytest.raises(BadRequest) as exc:
        acoes.reabrir(processo)  # open already
    assert "já está aberto" in str(exc.value)
    with como(portal, *DANIEL), pytest.raises(Forbidden) as exc:
        acoes.reabrir(processo)  # never there
    assert "nunca esteve aberto" in str(exc.value)
    assert _estado(processo) == antes


# atribuir


def test_atribuir_and_remove(portal, processo):
    secretaria = _u(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        acoes.atribuir(processo, "elisa.castro")
        assert tramite.abertura(processo, secretaria).atribuido_a == "elisa.castro"
        assert tramite.atribuicoes(processo) == [f"{secretaria.UID()}:elisa.castro"]
        acoes.atribuir(processo, "elisa.castro")  # no change, no entry
        acoes.atribuir(processo, None)
    assert tramite.abertura(processo, secretaria).atribuido_a is None
    tipos = _tipos(processo)
    assert tipos.count("processo_atribuido") == 1
    assert tipos[-1] == "atribuicao_removida"
    assert andamentos.listar(processo)[-1].atributos["responsavel"] == "Elisa Castro"


def test_atribuir_to_someone_outside_the_unit_is_refused(portal, processo):
    antes = _estado(processo)
    with como(portal, *CARLOS), pytest.raises(BadRequest) as exc:
        acoes.atribuir(processo, "beatriz.lima")
    assert "Usuário" in str(exc.value)
    with como(portal, *BEATRIZ), pytest.raises(Forbidden):
        acoes.atribuir(processo, "beatriz.lima")  # not open in PROTOCOLO
    assert _estado(processo) == antes


# business days


def test_business_days_skip_weekend_tiradentes_and_municipal_holiday(portal):
    cmvs = portal["orgaos"]["cmvs"]
    sexta = date(2026, 4, 17)
    # Mon 20; Tue 21 Tiradentes; Wed 22, Thu 23.
    assert prazos.somar_dias(sexta, 3, True, None) == date(2026, 4, 23)
    cmvs.feriados = [*list(cmvs.feriados or []), "22-04 Feriado municipal de teste"]
    assert prazos.somar_dias(sexta, 3, True, cmvs) == date(2026, 4, 24)
    assert prazos.somar_dias(sexta, 1, True, cmvs) == date(2026, 4, 20)
    # Calendar days: 17 + 4 = Tue 21 (Tiradentes) → next business day.
    assert prazos.somar_dias(sexta, 4, False, cmvs) == date(2026, 4, 23)
    assert prazos.somar_dias(sexta, 3, False, cmvs) == date(2026, 4, 20)


def test_demo_holidays_of_vila_serrana(portal):
    cmvs = portal["orgaos"]["cmvs"]
    assert prazos.feriados_do_orgao(cmvs, 2027)[date(2027, 9, 28)].startswith(
        "Aniversário"
    )
    assert not prazos.dia_util(date(2026, 6, 5), cmvs)
    assert prazos.dia_util(date(2026, 6, 5), portal["orgaos"]["seplag"])


@pytest.mark.parametrize(
    "linha", ["2026-02-30 Dia inválido", "31-02 Nunca", "Natal", "2026/01/02 x"]
)
def test_invalid_holiday_lines_are_refused_in_portuguese(linha):
    from seimg.content.orgao import IOrgao
    from zope.i18n import translate

    field = IOrgao["feriados"]
    with pytest.raises(ValidationError) as exc:
        field.validate([linha])
    message = translate(exc.value.doc(), target_language="pt_BR")
    assert linha in message
    assert "AAAA-MM-DD" in message


# the process page receives it


def test_process_page_marks_received_and_seen(portal, processo):
    protocolo = _u(portal, "cmvs/protocolo")
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo")
    request = portal.REQUEST
    with como(portal, *BEATRIZ):
        html = processo.restrictedTraverse("@@seimg-acoes-tramitacao")()
        assert 'id="seimg-concluir"' in html
        assert 'id="seimg-enviar"' in html
    abertura = tramite.abertura(processo, protocolo)
    assert abertura.recebido
    assert abertura.visto_em is not None
    from plone.protect.interfaces import IDisableCSRFProtection

    assert IDisableCSRFProtection.providedBy(request)
    with como(portal, *CARLOS):
        html = processo.restrictedTraverse("@@seimg-acoes-tramitacao")()
        assert 'id="seimg-reabrir"' in html
        assert 'id="seimg-concluir"' not in html


# the forms


def _post(portal, processo, view, **form):
    from plone.protect.authenticator import createToken

    request = portal.REQUEST
    request.method = "POST"
    request.form.clear()
    request.form.update(form, _authenticator=createToken())
    try:
        return processo.restrictedTraverse(f"@@{view}")()
    finally:
        request.method = "GET"
        request.form.clear()


def test_enviar_form_lists_units_grouped_by_orgao(portal, processo):
    with como(portal, *CARLOS):
        html = processo.restrictedTraverse("@@enviar")()
    assert "Unidades de destino" in html
    select = html[html.index('id="seimg-destinos"') :]
    select = select[: select.index("</select>")]
    assert 'label="CMVS — Câmara Municipal de Vila Serrana"' in select
    assert 'label="PMVS — ' in select
    assert _u(portal, "pmvs/semad").UID() in select
    assert _u(portal, "cmvs/secretaria").UID() not in select  # itself


def test_enviar_form_asks_to_confirm_minutas_then_sends(portal, processo):
    protocolo = _u(portal, "cmvs/protocolo").UID()
    with como(portal, *CARLOS):
        minuta = novo_oficio(processo, nivel="restrito")
        antes = _estado(processo)
        html = _post(
            portal,
            processo,
            "enviar",
            **{"destinos": [protocolo], "retorno_tipo": "uteis", "retorno_dias": "2"},
        )
        assert 'id="seimg-enviar-minutas"' in html
        assert minuta.numero_sei in html
        assert "Enviar mesmo assim" in html
        assert f'name="destinos:list" type="hidden" value="{protocolo}"' in html
        assert _estado(processo) == antes
        _post(
            portal,
            processo,
            "enviar",
            destinos=[protocolo],
            retorno_tipo="uteis",
            retorno_dias="2",
            confirmar_minutas="1",
        )
    assert _abertas(portal, processo) == {"CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"}
    (devido,) = tramite.devidos_por(processo, _u(portal, "cmvs/protocolo").UID())
    cmvs = portal["orgaos"]["cmvs"]
    assert devido.data == prazos.somar_dias(date.today(), 2, True, cmvs)


def test_enviar_form_refusal_shows_the_reason_and_changes_nothing(portal, processo):
    antes = _estado(processo)
    with como(portal, *CARLOS):
        html = _post(
            portal,
            processo,
            "enviar",
            destinos=[_u(portal, "cmvs/protocolo").UID()],
            retorno_tipo="data",
            retorno_data="2001-01-01",
        )
    assert portal.REQUEST.response.getStatus() == 400
    assert 'id="seimg-tramitacao-erro"' in html
    assert "Retorno programado" in html
    assert _estado(processo) == antes


def test_concluir_atribuir_reabrir_forms(portal, processo):
    with como(portal, *CARLOS):
        html = processo.restrictedTraverse("@@atribuir")()
        assert "Elisa Castro" in html
        _post(portal, processo, "atribuir", usuario="elisa.castro")
        abertura = tramite.abertura(processo, _u(portal, "cmvs/secretaria"))
        assert abertura.atribuido_a == "elisa.castro"
        _post(portal, processo, "concluir")
        assert _abertas(portal, processo) == set()
        _post(portal, processo, "reabrir")
    assert _abertas(portal, processo) == {"CMVS/PRESIDENCIA/SECRETARIA"}
    with como(portal, *CARLOS):
        _enviar(portal, processo, "cmvs/protocolo")
        antes = _estado(processo)
        html = _post(portal, processo, "concluir")
    assert portal.REQUEST.response.getStatus() == 403
    assert "não está aberto na sua unidade CMVS/PRESIDENCIA/SECRETARIA" in html
    assert _estado(processo) == antes
