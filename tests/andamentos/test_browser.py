"""``@@andamentos``: the table, the views, the filter and the update form."""

from .conftest import entrar
from plone import api
from plone.protect.authenticator import createToken
from seimg import andamentos
from seimg.testing import matrix_login
from zExceptions import Forbidden
from zExceptions import Unauthorized
import pytest
import zoneinfo


def view(processo, request):
    return api.content.get_view("andamentos", processo, request)


@pytest.fixture
def historico(processo, secretaria, procuradoria):
    feitos = [
        andamentos.registrar(processo, "processo_gerado", unidade=secretaria),
        andamentos.registrar(
            processo, "documento_gerado", unidade=secretaria, documento="Ofício 7"
        ),
        andamentos.registrar(
            processo,
            "processo_remetido",
            unidade=secretaria,
            destinos=["CMVS/PRESIDENCIA/PROCURADORIA"],
        ),
        andamentos.registrar(processo, "processo_recebido", unidade=procuradoria),
    ]
    return feitos


def test_table_in_portuguese_with_local_time(processo, historico, integration):
    request = integration["request"]
    entrar(processo.aq_parent, matrix_login("colaborador"))
    html = view(processo, request)()

    assert "Andamentos do processo" in html
    for cabecalho in ("Data/hora", "Unidade", "Usuário", "Descrição"):
        assert f">{cabecalho}</th>" in html
    assert "Gerado documento Ofício 7" in html
    assert (
        "Processo remetido pela unidade CMVS/PRESIDENCIA/SECRETARIA para "
        "CMVS/PRESIDENCIA/PROCURADORIA" in html
    )
    local = historico[0].data.astimezone(zoneinfo.ZoneInfo("America/Sao_Paulo"))
    assert local.strftime("%d/%m/%Y %H:%M") in html
    assert html.index("Processo gerado") < html.index("Processo recebido na unidade")
    assert 'id="andamentos-atualizar"' not in html  # a reader cannot update


def test_resumido_and_unit_filter(processo, historico, procuradoria, integration):
    request = integration["request"]
    entrar(processo.aq_parent, matrix_login("colaborador"))
    request.form["resumido"] = "1"
    html = view(processo, request)()
    assert "Gerado documento Ofício 7" not in html
    assert "Processo gerado" in html
    assert "?resumido=1" in html

    request.form.clear()
    request.form["unidade"] = procuradoria.UID()
    html = view(processo, request)()
    assert "Processo recebido na unidade CMVS/PRESIDENCIA/PROCURADORIA" in html
    assert "Processo gerado" not in html
    assert f"unidade={procuradoria.UID()}" in html


def test_editor_updates_the_history(processo, historico, secretaria, integration):
    request = integration["request"]
    entrar(processo.aq_parent, matrix_login("basico"))
    assert 'id="andamentos-atualizar"' in view(processo, request)()

    request.method = "POST"
    request.form.update(
        {"texto": "  Aguardando parecer.  ", "_authenticator": createToken()}
    )
    view(processo, request)()

    ultimo = andamentos.listar(processo)[-1]
    assert ultimo.tipo == "atualizacao_andamento"
    assert ultimo.atributos == {"texto": "Aguardando parecer."}
    assert ultimo.unidade_uid == secretaria.UID()
    assert ultimo.usuario_id == matrix_login("basico")
    assert request.response.getStatus() == 302


def test_empty_update_is_refused_in_portuguese(processo, historico, integration):
    request = integration["request"]
    entrar(processo.aq_parent, matrix_login("basico"))
    request.method = "POST"
    request.form.update({"texto": "   ", "_authenticator": createToken()})
    html = view(processo, request)()
    assert "O campo &#x27;texto&#x27;" in html or "O campo 'texto'" in html
    assert "é obrigatório" in html
    assert len(andamentos.listar(processo)) == len(historico)

    request.form.update({"texto": "x" * 1001})
    html = view(processo, request)()
    assert "no máximo 1000 caracteres" in html
    assert len(andamentos.listar(processo)) == len(historico)


def test_update_needs_authenticator_and_permission(processo, historico, integration):
    request = integration["request"]
    entrar(processo.aq_parent, matrix_login("basico"))
    request.method = "POST"
    request.form.update({"texto": "sem token"})
    with pytest.raises(Forbidden):
        view(processo, request)()

    entrar(processo.aq_parent, matrix_login("colaborador"))
    request.form.update({"texto": "leitor", "_authenticator": createToken()})
    with pytest.raises(Unauthorized):
        view(processo, request)()
    assert len(andamentos.listar(processo)) == len(historico)
