"""The rules of processos and documentos, as demo users in the integration layer."""

from plone import api
from seimg import andamentos
from seimg.processos import acoes
from seimg.processos import tramite
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")


def _tipos(processo):
    return [a.tipo for a in andamentos.listar(processo)]


def test_numeros_nunca_reutilizados(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        primeiro = novo_oficio(processo)
        numero_sei, numero = int(primeiro.numero_sei), int(primeiro.numero)
        api.content.delete(primeiro)
        segundo = novo_oficio(processo)
        assert int(segundo.numero_sei) > numero_sei
        assert int(segundo.numero) > numero
        assert "documento_excluido" in _tipos(processo)


def test_minuta_excluida_assinado_depois_de_enviado_so_cancelado(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        assinado = novo_oficio(processo)
        assinar(assinado)
        tramite.abrir_em(processo, unidade(portal, "cmvs/protocolo"))
        with pytest.raises(Forbidden, match="cancele"):
            api.content.delete(assinado)
        assert assinado.getId() in processo.objectIds()
        with pytest.raises(BadRequest, match="Motivo"):
            acoes.cancelar(assinado, "  ")
        assert api.content.get_state(assinado) == "assinado"
        acoes.cancelar(assinado, "Enviado ao destinatário errado")
        assert api.content.get_state(assinado) == "cancelado"
        assert not api.user.has_permission(
            "seimg: Acessar conteudo do documento", obj=assinado
        )
        assert api.user.has_permission("View", obj=assinado)
        assert "documento_cancelado" in _tipos(processo)
        with pytest.raises((Forbidden, Unauthorized)):
            api.content.delete(assinado)
        assert assinado.getId() in processo.objectIds()


def test_assinado_nunca_e_excluido(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        assinado = novo_oficio(processo)
        assinar(assinado)
        with pytest.raises(Forbidden, match="nunca é excluído"):
            api.content.delete(assinado)
        assert assinado.getId() in processo.objectIds()


def test_minuta_nao_se_cancela(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        minuta = novo_oficio(processo)
        with pytest.raises(Forbidden, match="exclua"):
            acoes.cancelar(minuta, "Não serve")


def test_documento_de_outra_unidade_nao_se_edita(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        minuta = novo_oficio(processo)
        tramite.abrir_em(processo, unidade(portal, "cmvs/procuradoria"))
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        assert not api.user.has_permission("Modify portal content", obj=minuta)
        assert not api.user.has_permission("View", obj=minuta)
        # Open in his unit: he may add documents of his own.
        assert api.user.has_permission("seimg: Add Documento", obj=processo)


def test_sigiloso_so_quando_aberto_apenas_na_unidade(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        tramite.abrir_em(processo, unidade(portal, "cmvs/protocolo"))
        processo.nivel_acesso = "sigiloso"
        processo.hipotese_legal = processo.tipo_processo  # any value: checked first
        processo.grau_sigilo = "secreto"
        with pytest.raises(Forbidden, match="sigiloso"):
            notify(ObjectModifiedEvent(processo))
        assert api.content.get_state(processo) == "publico"


def test_nivel_do_documento_muda_o_processo_e_fica_registrado(portal):
    from tests.processos.conftest import tabela

    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        doc = novo_oficio(processo)
        doc.nivel_acesso = "restrito"
        doc.hipotese_legal = tabela("HipoteseLegal", "Informação Pessoal")
        notify(ObjectModifiedEvent(doc))
        # A minuta does not count towards the process's level until signed.
        assert api.content.get_state(processo) == "publico"
        assinar(doc)
        assert api.content.get_state(processo) == "restrito"
        catalog = api.portal.get_tool("portal_catalog")
        restritos = catalog(portal_type="Processo", nivel_acesso_efetivo="restrito")
        assert "/".join(processo.getPhysicalPath()) in [b.getPath() for b in restritos]
        publicos = catalog(portal_type="Processo", nivel_acesso_efetivo="publico")
        assert "/".join(processo.getPhysicalPath()) not in [
            b.getPath() for b in publicos
        ]
        ultimo = [
            a for a in andamentos.listar(processo) if a.tipo == "nivel_acesso_alterado"
        ][-1]
        assert "para restrito" in ultimo.descricao()


def test_observacoes_sao_de_cada_unidade(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, observacoes="Aguardar parecer")
        tramite.abrir_em(processo, unidade(portal, "cmvs/protocolo"))
        assert processo.observacoes == "Aguardar parecer"
    with como(portal, "beatriz.lima", "cmvs/protocolo"):
        assert processo.observacoes is None
        processo.observacoes = "Conferir anexos"
    with como(portal, *CARLOS):
        assert processo.observacoes == "Aguardar parecer"


def test_processo_com_documentos_ou_enviado_nao_se_exclui(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        novo_oficio(processo)
        with pytest.raises(Forbidden):
            api.content.delete(processo)
        enviado = novo_processo(portal)
        tramite.abrir_em(enviado, unidade(portal, "cmvs/protocolo"))
        with pytest.raises(Forbidden):
            api.content.delete(enviado)
        vazio = novo_processo(portal)
        api.content.delete(vazio)


def test_minuta_tem_versoes(portal):
    from plone.app.textfield.value import RichTextValue

    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        doc = novo_oficio(processo)
        for texto in ("<p>Primeira redação</p>", "<p>Segunda redação</p>"):
            doc.texto = RichTextValue(texto, "text/html", "text/x-html-safe")
            notify(ObjectModifiedEvent(doc))
        history = api.portal.get_tool("portal_repository").getHistoryMetadata(doc)
        assert history.getLength(countPurged=False) >= 2


def test_processo_nao_se_copia_nem_se_compartilha(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        doc = novo_oficio(processo)
        for obj in (processo, doc):
            assert not obj.cb_isCopyable()
            assert not api.user.has_permission("Sharing page: Delegate roles", obj=obj)
            assert not api.user.has_permission("Change local roles", obj=obj)
        with pytest.raises(Exception, match="Not Supported"):
            processo.aq_parent.manage_copyObjects([processo.getId()])


def test_busca_textual_por_palavras_e_numero_pelo_indice(portal):
    catalog = api.portal.get_tool("portal_catalog")
    with como(portal, *CARLOS):
        processo = novo_processo(portal, especificacao="Reforma do plenário da Câmara")
        doc = novo_oficio(processo, texto=None)  # the model's text
        # (The demo's ofício mentions the Plenário too.)
        achados = [b.getObject() for b in catalog(SearchableText="plenário")]
        assert processo in achados
        assert doc not in achados
        assert [b.getObject() for b in catalog(numero=processo.numero)] == [processo]
        assert [b.getObject() for b in catalog(numero_sei=doc.numero_sei)] == [doc]
        # The body is searched through seimg.pesquisa only (for those who
        # may read it), not the catalog's SearchableText.
        assert doc not in [b.getObject() for b in catalog(SearchableText="Senhor")]
