"""The Classic UI of processos and documentos, rendered as demo users.

carlos.mendes acts for CMVS/SECRETARIA, daniel.souza for CMVS/PROCURADORIA.
"""

from html import escape
from plone import api
from plone.protect.authenticator import createToken
from Products.statusmessages.interfaces import IStatusMessage
from seimg.interfaces import ISeimgLayer
from seimg.nivel_acesso.efetivo import SISTEMA
from seimg.processos import credenciais
from seimg.processos import tramite
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
from zope.interface import alsoProvides
import pytest
import re


SENHA_DEMO = "Demo@2026"


@pytest.fixture
def request_(portal):
    request = portal.REQUEST
    alsoProvides(request, ISeimgLayer)
    _limpar(request)
    yield request
    _limpar(request)


def _limpar(request):
    request.form.clear()
    request.method = "GET"
    request.environ["REQUEST_METHOD"] = "GET"
    request.response.setStatus(200)
    request.response.headers.pop("location", None)
    IAnnotations(request).pop("statusmessages", None)
    request.cookies.pop("statusmessages", None)


def _render(context, name, request, method="GET", token=True, **form):
    _limpar(request)
    request.form.update(form)
    if method == "POST":
        request.method = "POST"
        request.environ["REQUEST_METHOD"] = "POST"
        if token:
            request.form["_authenticator"] = createToken()
    view = api.content.get_view(name=name, context=context, request=request)
    return view()


def _mensagens(request) -> list[tuple[str, str]]:
    return [(m.message, m.type) for m in IStatusMessage(request).show()]


def _location(request) -> str:
    return request.response.getHeader("location") or ""


def _pt(request, message) -> str:
    return translate(message, context=request)


def _erro_na_pagina(html: str, mensagem: str) -> bool:
    """The status message is rendered (and consumed) by the page itself."""
    return escape(mensagem, quote=False) in html or escape(mensagem) in html


def _abrir_em(processo, portal, caminho):
    with api.env.adopt_roles([SISTEMA]):
        tramite.abrir_em(processo, unidade(portal, caminho))


# Iniciar processo


def test_iniciar_processo_anonimo_vai_para_login(portal, request_):
    with como(portal, None):
        html = _render(portal, "iniciar-processo", request_)
    assert html == ""
    assert request_.response.getStatus() == 302
    assert "/login?came_from=" in _location(request_)


def test_iniciar_processo_lista_tipos_e_filtra_sem_acentos(portal, request_):
    ferias = tabela("TipoProcesso", "Pessoal: Férias")
    pregao = tabela("TipoProcesso", "Licitação: Pregão Eletrônico")
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        html = _render(portal, "iniciar-processo", request_)
        assert "Iniciar processo" in html
        assert "CMVS/PRESIDENCIA/SECRETARIA" in html or "CMVS/SECRETARIA" in html
        assert f'data-uid="{ferias}"' in html
        assert f'data-uid="{pregao}"' in html
        # The suggested level (restrito) and hipótese go into the add form URL.
        hipotese = tabela("HipoteseLegal", "Informação Pessoal")
        assert (
            f"processos/++add++Processo?form.widgets.tipo_processo%3Alist={ferias}"
            f"&amp;form.widgets.nivel_acesso%3Alist=restrito"
            f"&amp;form.widgets.hipotese_legal%3Alist={hipotese}"
        ) in html
        assert "seimg-tipos-busca" in html  # the inline filter's input
        assert "item.dataset.busca.indexOf(busca) !== -1" in html

        html = _render(portal, "iniciar-processo", request_, q="FERIAS")
        assert f'data-uid="{ferias}"' in html
        assert f'data-uid="{pregao}"' not in html

        html = _render(portal, "iniciar-processo", request_, q="nada-assim")
        assert 'data-uid="' not in html
        assert "Nenhum tipo de processo corresponde à pesquisa." in html


def test_iniciar_processo_sem_unidade(portal, request_):
    with como(portal, "carlos.mendes"):
        request_.other["seimg.unidade_atual"] = None
        html = _render(portal, "iniciar-processo", request_)
    assert "Você não atua por nenhuma unidade" in html
    assert 'data-uid="' not in html


def test_formulario_de_processo_vem_preenchido(portal, request_):
    ferias = tabela("TipoProcesso", "Pessoal: Férias")
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        _limpar(request_)
        # What the publisher makes of ?form.widgets.tipo_processo:list=<uid>…
        params = {
            "form.widgets.tipo_processo": [ferias],
            "form.widgets.nivel_acesso": ["restrito"],
        }
        request_.form.update(params)
        request_.other.update(params)
        try:
            html = portal["processos"].restrictedTraverse("++add++Processo")()
        finally:
            for key in params:
                request_.other.pop(key, None)

    opcoes = re.findall(r"<option[^>]*>", html)
    assert any(ferias in o and "selected" in o for o in opcoes)
    assert any('value="restrito"' in o and "selected" in o for o in opcoes) or (
        re.search(r'value="restrito"[^>]*checked', html)
    )


def _abas(portal):
    # CMF caches the expression and action contexts (with the member) on the
    # request.
    from zope.globalrequest import getRequest

    for request in (portal.REQUEST, getRequest()):
        if request is not None:
            for cache in ("_ec_cache", "_plone_ec_cache", "_oai_cache"):
                request.other.pop(cache, None)
    tabs = portal.portal_actions.listFilteredActionsFor(portal)["portal_tabs"]
    return {a["id"]: a for a in tabs}


def test_acao_iniciar_processo_para_autenticados(portal):
    with como(portal, None):
        assert "iniciar-processo" not in _abas(portal)
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        aba = _abas(portal)["iniciar-processo"]
    assert aba["url"] == f"{portal.absolute_url()}/@@iniciar-processo"
    assert translate(aba["title"], domain="seimg", target_language="pt_BR") == (
        "Iniciar processo"
    )


# The processo page


def test_processo_mostra_cabecalho_e_arvore(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Pedido de cópia de ata")
        oficio = novo_oficio(processo)
        html = _render(processo, "processo", request_)
    assert processo.numero in html
    assert "Acesso à Informação: Pedido (LAI)" in html
    assert "Pedido de cópia de ata" in html
    assert 'data-nivel="publico"' in html
    assert "Público" in html
    assert "CMVS/PRESIDENCIA/SECRETARIA" in html
    # The tree: número SEI, the title with the type's number, type and state.
    assert f'data-numero-sei="{oficio.numero_sei}"' in html
    assert oficio.title in html
    assert "Ofício nº" in oficio.title
    assert ">Minuta<" in html
    assert "Incluir documento" in html
    assert "Incluir documento externo" in html
    assert "Andamentos" in html
    assert "@@andamentos" in html
    assert "@@credenciais" not in html  # only for sigilosos


def test_minuta_de_outra_unidade_nao_aparece(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        assinado = novo_oficio(processo)
        assinar(assinado)
        _abrir_em(processo, portal, "cmvs/procuradoria")
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        minuta = novo_oficio(processo)
        html = _render(processo, "processo", request_)
        assert f'data-numero-sei="{minuta.numero_sei}"' in html
        assert f'data-numero-sei="{assinado.numero_sei}"' in html
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        html = _render(processo, "processo", request_)
        assert f'data-numero-sei="{assinado.numero_sei}"' in html
        assert f'data-numero-sei="{minuta.numero_sei}"' not in html
        assert minuta.title not in html
        assert ">Assinado<" in html


def test_processo_anonimo_sem_botoes(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        minuta = novo_oficio(processo)
    with como(portal, None):
        html = _render(processo, "processo", request_)
    assert processo.numero in html
    assert "Incluir documento" not in html
    assert "delete_confirmation" not in html
    assert f'data-numero-sei="{minuta.numero_sei}"' not in html
    assert "Este processo ainda não tem documentos que você possa ver." in html


def test_processo_observacoes_da_unidade(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        processo.observacoes = "Aguardar parecer jurídico"
        html = _render(processo, "processo", request_)
        assert "Observações da sua unidade" in html
        assert "Aguardar parecer jurídico" in html
    _abrir_em(processo, portal, "cmvs/procuradoria")
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        html = _render(processo, "processo", request_)
        assert "Aguardar parecer jurídico" not in html


# The documento page


def _com_texto(documento, html):
    from plone.app.textfield.value import RichTextValue

    documento.texto = RichTextValue(html, "text/html", "text/x-html-safe")


def test_documento_minuta_mostra_texto_e_acoes(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        _com_texto(oficio, "<p>Senhor Presidente, solicito a cópia.</p>")
        html = _render(oficio, "documento", request_)
    assert oficio.title in html
    assert oficio.numero_sei in html
    assert "Número SEI" in html
    assert ">Ofício<" in html
    assert 'data-estado="minuta"' in html
    assert ">Minuta<" in html
    # The text is shown in the workspace's isolated pane (@@conteudo).
    assert "Senhor Presidente, solicito a cópia." not in html
    assert f'src="{oficio.absolute_url()}/@@conteudo"' in html
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        conteudo = _render(oficio, "conteudo", request_)
    assert "Senhor Presidente, solicito a cópia." in conteudo
    assert re.search(
        rf'id="seimg-versoes"\s+href="{re.escape(oficio.absolute_url())}/@@historyview"',
        html,
    )
    assert "Versões" in html
    assert "/edit" in html
    assert "@@cancelar" not in html  # a minuta is deleted, not cancelled
    assert "delete_confirmation" in html


def test_documento_assinado_oferece_cancelar(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        html = _render(oficio, "documento", request_)
        assert 'data-estado="assinado"' in html
        assert ">Assinado<" in html
        assert f"{oficio.absolute_url()}/@@cancelar" in html
        assert f"{oficio.absolute_url()}/edit" not in html


def test_documento_externo(portal, request_):
    from datetime import date
    from plone.namedfile.file import NamedBlobFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Ofício"),
            data_documento=date(2026, 3, 2),
            formato="nato_digital",
            remetente="Tribunal de Contas",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(pdf, filename="oficio-tce.pdf"),
        )
        html = _render(externo, "documento", request_)
        assert ">Externo<" in html
        assert "02/03/2026" in html
        assert "Tribunal de Contas" in html
        assert f"{externo.absolute_url()}/@@arquivo" in html
        assert "oficio-tce.pdf" in html
        assert 'id="seimg-versoes"' not in html
        tree = _render(processo, "processo", request_)
        assert f'data-numero-sei="{externo.numero_sei}"' in tree
        assert 'data-estado="externo"' in tree


# Cancelar


def test_cancelar_sem_motivo_mostra_erro_e_nada_muda(portal, request_):
    from seimg import _

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        html = _render(oficio, "cancelar", request_)
        assert "Cancelar documento" in html
        assert "Motivo" in html
        assert 'name="_authenticator"' in html

        html = _render(oficio, "cancelar", request_, method="POST", motivo="   ")
        assert request_.response.getStatus() == 400
        esperado = _pt(
            request_,
            _(
                "motivo_obrigatorio",
                default="Motivo: say why the document is cancelled.",
            ),
        )
        assert _erro_na_pagina(html, esperado)
        assert api.content.get_state(oficio) == "assinado"
        assert getattr(oficio, "motivo_cancelamento", None) is None


def test_cancelar_sem_token_recusado(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        with pytest.raises(Forbidden):
            _render(
                oficio, "cancelar", request_, method="POST", token=False, motivo="Erro"
            )
        assert api.content.get_state(oficio) == "assinado"


def test_cancelar_minuta_recusado(portal, request_):
    from seimg.processos import regras

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        esperado = _pt(request_, regras.motivo_para_nao_cancelar(oficio))
        html = _render(
            oficio, "cancelar", request_, method="POST", motivo="Erro de digitação"
        )
        assert request_.response.getStatus() == 403
        assert _erro_na_pagina(html, esperado)
        assert api.content.get_state(oficio) == "minuta"


def test_cancelar_com_motivo(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        _com_texto(oficio, "<p>Conteúdo secreto do ofício</p>")
        assinar(oficio)
        _render(
            oficio, "cancelar", request_, method="POST", motivo="Endereçado por engano"
        )
        assert request_.response.getStatus() == 302
        assert _location(request_) == oficio.absolute_url()
        mensagem = f"Documento {oficio.Title()} ({oficio.numero_sei}) cancelado."
        assert (mensagem, "info") in _mensagens(request_)
        assert api.content.get_state(oficio) == "cancelado"
        html = _render(oficio, "documento", request_)
    assert "Documento cancelado em " in html
    assert "Motivo: Endereçado por engano" in html
    assert "Conteúdo secreto do ofício" not in html
    assert ">Cancelado<" in html
    assert "@@cancelar" not in html
    assert "delete_confirmation" not in html


# Excluir


def test_excluir_documento_recusado_volta_com_motivo(portal, request_):
    from seimg.processos import regras

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        _abrir_em(processo, portal, "cmvs/procuradoria")
        motivo = regras.motivo_para_nao_excluir(oficio)
        assert motivo is not None
        html = _render(oficio, "delete_confirmation", request_)
        assert html == ""
        assert request_.response.getStatus() == 302
        assert _location(request_) == oficio.absolute_url()
        assert (_pt(request_, motivo), "error") in _mensagens(request_)
        assert oficio.getId() in processo


def test_excluir_minuta_mostra_confirmacao(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        html = _render(oficio, "delete_confirmation", request_)
        assert request_.response.getStatus() == 200
        assert oficio.title in html


def test_excluir_processo_com_documentos_recusado(portal, request_):
    from seimg.processos import regras

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        novo_oficio(processo)
        motivo = _pt(request_, regras.motivo_para_nao_excluir_processo(processo))
        html = _render(processo, "delete_confirmation", request_)
        assert html == ""
        assert _location(request_) == processo.absolute_url()
        assert (motivo, "error") in _mensagens(request_)


# Credenciais


def _sigiloso(portal):
    return novo_processo(
        portal,
        nivel="sigiloso",
        especificacao="Apuração sigilosa",
        hipotese_legal=tabela("HipoteseLegal", "Segredo de Justiça"),
    )


def test_credenciais_lista_e_aba(portal, request_):
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        processo = _sigiloso(portal)
        assert credenciais.possui(processo, "daniel.souza")
        html = _render(processo, "processo", request_)
        assert 'data-nivel="sigiloso"' in html
        assert "Sigiloso" in html
        assert "@@credenciais" in html
        html = _render(processo, "credenciais", request_)
    assert "Credenciais de acesso" in html
    assert 'data-usuario="daniel.souza"' in html
    assert "Conceder credencial" in html
    assert "Renunciar" in html


def test_conceder_com_senha_errada_nada_concede(portal, request_):
    from seimg import _

    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        processo = _sigiloso(portal)
        antes = credenciais.titulares(processo)
        html = _render(
            processo,
            "credenciais",
            request_,
            method="POST",
            acao="conceder",
            usuario="carlos.mendes",
            senha="errada",
        )
        assert request_.response.getStatus() == 403
        esperado = _pt(
            request_,
            _("senha_incorreta", default="Senha: the password is not correct."),
        )
        assert _erro_na_pagina(html, esperado)
        assert credenciais.titulares(processo) == antes


def test_conceder_e_cassar_credencial(portal, request_):
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        processo = _sigiloso(portal)
        _render(
            processo,
            "credenciais",
            request_,
            method="POST",
            acao="conceder",
            usuario="carlos.mendes",
            senha=SENHA_DEMO,
        )
        assert request_.response.getStatus() == 302
        assert credenciais.possui(processo, "carlos.mendes")
        nome = api.user.get(username="carlos.mendes").getProperty("fullname")
        assert (f"Credencial concedida a {nome}.", "info") in _mensagens(request_)
        html = _render(processo, "credenciais", request_)
        assert 'data-usuario="carlos.mendes"' in html
        assert "Cassar" in html

        _render(
            processo,
            "credenciais",
            request_,
            method="POST",
            acao="cassar",
            usuario="carlos.mendes",
        )
        assert request_.response.getStatus() == 302
        assert not credenciais.possui(processo, "carlos.mendes")


def test_credenciais_sem_token_recusado(portal, request_):
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        processo = _sigiloso(portal)
        with pytest.raises(Forbidden):
            _render(
                processo,
                "credenciais",
                request_,
                method="POST",
                token=False,
                acao="conceder",
                usuario="carlos.mendes",
                senha=SENHA_DEMO,
            )
        assert not credenciais.possui(processo, "carlos.mendes")


def test_renunciar_ultima_credencial_recusado(portal, request_):
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        processo = _sigiloso(portal)
        html = _render(
            processo, "credenciais", request_, method="POST", acao="renunciar"
        )
        assert request_.response.getStatus() == 400
        assert "portalMessage error" in html or "alert-danger" in html
        assert credenciais.possui(processo, "daniel.souza")


# Versões


def test_versoes_de_minuta_editada_duas_vezes(portal, request_):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        repository = api.portal.get_tool("portal_repository")
        for texto in ("<p>Primeira redação</p>", "<p>Segunda redação</p>"):
            _com_texto(oficio, texto)
            notify(ObjectModifiedEvent(oficio))
        history = repository.getHistoryMetadata(oficio)
        versoes = history.getLength(countPurged=False)
        historyview = _render(oficio, "historyview", request_)
        diff = _render(
            oficio, "history", request_, one=str(versoes - 1), two=str(versoes - 2)
        )
    # The initial version (when added) plus one per edit.
    assert versoes == 3
    assert "Versão inicial" in historyview
    assert re.search(r"@@history\?one=2&amp;two=1", historyview)
    # The diff of the last two versions shows the change of the text.
    assert '<span class="delete">Primeira </span>' in diff
    assert '<span class="insert">Segunda </span>' in diff
