"""The marcador form leads somewhere: create-and-apply, manage, labelled fields."""

from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from seimg.notas import api as notas
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
import pytest
import re


CARLOS = ("carlos.mendes", "cmvs/secretaria")


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _pagina(portal, contexto, view, metodo="GET", **form):
    from plone.protect.authenticator import createToken

    request = portal.REQUEST
    request.form.clear()
    request.method = metodo
    IStatusMessage(request).show()  # forget earlier messages
    if metodo == "POST":
        request.form.update(form, _authenticator=createToken())
    request.response.setStatus(200)
    try:
        return api.content.get_view(view, contexto, request)()
    finally:
        request.form.clear()
        request.method = "GET"


def _mensagens(portal) -> list[str]:
    """The status message of the last request (earlier ones may linger)."""
    return [m.message for m in IStatusMessage(portal.REQUEST).show()][-1:]


def _rotulados(html: str) -> None:
    """Every visible input, select and textarea has a <label for=its id>."""
    rotulos = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    for campo in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit)"', campo):
            continue
        ident = re.search(r'\bid="([^"]+)"', campo)
        assert ident, campo
        assert ident.group(1) in rotulos, campo


def test_sem_marcadores_o_formulario_cria_e_aplica(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        assert notas.marcadores(secretaria) == []
        processo = novo_processo(portal)
        html = _pagina(portal, processo, "marcador")
        assert 'name="nome"' in html
        assert 'name="cor"' in html
        assert 'name="marcador"' not in html  # no empty list to choose from
        assert 'id="seimg-gerenciar-marcadores"' in html
        assert f'href="{portal.absolute_url()}/@@marcadores"' in html
        _rotulados(html)
        assert "Criar e aplicar" in html

        _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            nome="Urgente",
            cor="amarelo",
            texto="Prazo amanhã",
            **{"form.buttons.salvar": "1"},
        )
        assert portal.REQUEST.response.getStatus() == 302
        (urgente,) = notas.marcadores(secretaria)
        assert (urgente["nome"], urgente["cor"]) == ("Urgente", "amarelo")
        marcado = notas.marcacao(processo, secretaria)
        assert marcado["marcador"]["id"] == urgente["id"]
        assert marcado["texto"] == "Prazo amanhã"
        assert _mensagens(portal) == [
            f"Marcador «Urgente» criado e aplicado ao processo {processo.numero}."
        ]

        # With tags: a choice and the link to manage them.
        html = _pagina(portal, processo, "marcador")
        assert 'name="marcador"' in html
        assert 'name="nome"' not in html
        assert 'id="seimg-gerenciar-marcadores"' in html
        _rotulados(html)
        _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            **{"form.buttons.remover": "1"},
        )
        assert notas.marcacao(processo, secretaria) is None
        assert _mensagens(portal) == [
            f"Marcador «Urgente» retirado do processo {processo.numero}."
        ]
        _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            marcador=urgente["id"],
            texto="",
            **{"form.buttons.salvar": "1"},
        )
        assert _mensagens(portal) == [
            f"Marcador «Urgente» aplicado ao processo {processo.numero}."
        ]


def test_criar_e_aplicar_recusa_sem_escrever(portal):
    secretaria = unidade(portal, "cmvs/secretaria")
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        html = _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            nome="Urgente",
            cor="dourado",
            **{"form.buttons.salvar": "1"},
        )
        assert portal.REQUEST.response.getStatus() == 400
        assert notas.marcadores(secretaria) == []
        assert "Cor:" in html  # the refusal, shown on the form kept filled in
        # Too long a text: the tag is not created either.
        _pagina(
            portal,
            processo,
            "marcador",
            "POST",
            nome="Urgente",
            cor="azul",
            texto="x" * (notas.MAX_TEXTO_MARCADOR + 1),
            **{"form.buttons.salvar": "1"},
        )
        assert portal.REQUEST.response.getStatus() == 400
        assert notas.marcadores(secretaria) == []


def test_pagina_de_marcadores_rotulada_e_mensagens(portal):
    with como(portal, *CARLOS):
        html = _pagina(portal, portal, "marcadores")
        assert "Sua unidade ainda não tem marcadores" in html
        _rotulados(html)
        _pagina(
            portal,
            portal,
            "marcadores",
            "POST",
            nome="Aguardando",
            cor="amarelo",
            **{"form.buttons.criar": "1"},
        )
        assert _mensagens(portal) == ["Marcador «Aguardando» criado."]
        html = _pagina(portal, portal, "marcadores")
        _rotulados(html)
        # Legible on yellow: dark text.
        assert "background-color: #ffc107; color: #000000" in html


def test_menu_marcadores_para_quem_tem_unidade(portal):
    with como(portal, *CARLOS):
        assert notas.pode_gerenciar_marcadores()
        abas = portal.portal_actions.listFilteredActionsFor(portal)["portal_tabs"]
        assert "marcadores" in [a["id"] for a in abas]
    with como(portal, "admin.seimg" if api.user.get("admin.seimg") else None):
        assert not notas.pode_gerenciar_marcadores()


def test_upgrade_1016_acrescenta_so_o_menu(portal):
    from seimg.upgrades import v1016

    abas = portal.portal_actions.portal_tabs
    antes = [(i, abas[i].title) for i in abas.objectIds() if i != "marcadores"]
    abas.manage_delObjects(["marcadores"])
    v1016.upgrade(None)
    v1016.upgrade(None)
    ids = list(abas.objectIds())
    assert ids.count("marcadores") == 1
    assert ids.index("marcadores") == ids.index("blocos") + 1
    assert [(i, abas[i].title) for i in ids if i != "marcadores"] == antes
    assert abas["marcadores"].url_expr == "string:${portal_url}/@@marcadores"
