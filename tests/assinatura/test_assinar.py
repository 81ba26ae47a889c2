"""Signing documents (integration): rules, frozen rendering, lockout, tamper check."""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from seimg import andamentos
from seimg.assinatura import api as assinatura
from seimg.assinatura import falhas
from seimg.assinatura import tarjas
from seimg.base.erros import CampoInvalido
from seimg.organizacao import perfis
from seimg.processos import acoes
from seimg.tramitacao import acoes as tramitacao
from tests.processos.conftest import assinar as assinar_sistema
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import logging
import pytest
import re
import zlib


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", "cmvs/secretaria")
BEATRIZ = ("beatriz.lima", "cmvs/secretaria")
ELISA = ("elisa.castro", "cmvs/secretaria")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
CORPO = "<p>Solicitamos a cópia do contrato nº 7/2026.</p>"


@pytest.fixture
def portal(integration):
    falhas.limpar()
    yield integration["portal"]
    falhas.limpar()


@pytest.fixture
def oficio(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="restrito")
        return novo_oficio(
            processo,
            texto=RichTextValue(CORPO, "text/html", "text/x-html-safe"),
            destinatarios=["Ao Senhor Prefeito Municipal de Vila Serrana"],
        )


@pytest.fixture
def oficio_publico(portal):
    """A public process: once signed, every user sees the document."""
    with como(portal, *CARLOS):
        return novo_oficio(novo_processo(portal, nivel="publico"))


@pytest.fixture
def beatriz_na_secretaria(portal):
    """A second signer in the generating unit (básico in SECRETARIA too)."""
    perfis.conceder("beatriz.lima", unidade(portal, "cmvs/secretaria"), "basico")
    user = api.user.get(userid="beatriz.lima")
    user.setMemberProperties({"cargos": ["Técnica Legislativa"]})


def _tipos(documento) -> list[str]:
    return [a.tipo for a in andamentos.listar(documento.aq_parent)]


def test_dois_signatarios_da_unidade(portal, oficio, beatriz_na_secretaria):
    with como(portal, *CARLOS):
        assert assinatura.pode_assinar(oficio)
        primeira = assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert api.content.get_state(oficio) == "assinado"
    assert primeira.userid == "carlos.mendes"
    assert primeira.cargo == "Secretário-Geral"
    assert primeira.metodo == "senha"
    assert primeira.data.tzinfo is not None
    assert primeira.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA"
    reg = assinatura.registro(oficio)
    assert reg.tipo == "renderizacao"
    assert "Solicitamos a cópia do contrato" in reg.html
    assert oficio.numero_formatado in reg.html
    assert "CMVS/PRESIDENCIA/SECRETARIA" in reg.html
    assert "Ao Senhor Prefeito Municipal" in reg.html
    # The demo municipality signs under its own decree.
    assert "Decreto Municipal nº 1.234" in reg.html
    assert re.fullmatch(r"[0-9A-F]{8}", reg.crc)
    assert reg.crc == f"{zlib.crc32(reg.html.encode()) & 0xFFFFFFFF:08X}"
    assert assinatura.crc(oficio) == reg.crc
    assert assinatura.codigo_verificador(oficio) == oficio.numero_sei
    assert assinatura.verificar(oficio)
    assert "documento_assinado" in _tipos(oficio)
    crc_um = reg.crc

    with como(portal, *BEATRIZ):
        segunda = assinatura.assinar(oficio, SENHA, "Técnica Legislativa")
    reg2 = assinatura.registro(oficio)
    assert [a.userid for a in reg2.assinaturas] == ["carlos.mendes", "beatriz.lima"]
    # Both signed the same frozen conteúdo; the stamps part grew.
    assert reg2.conteudo == reg.conteudo
    assert segunda.sha256 == primeira.sha256 == reg2.sha256_conteudo
    assert reg2.html.count('class="seimg-tarja"') == 2
    assert "Beatriz" in reg2.html
    assert reg2.crc != crc_um
    assert assinatura.verificar(oficio)
    # The page served appends the validation stamp with its QR code.
    pagina = assinatura.pagina(oficio)
    assert pagina.startswith(reg2.html)
    assert f"código verificador {oficio.numero_sei}" in pagina
    assert reg2.crc in pagina
    assert "<svg" in pagina
    assert "@@conferir-autenticidade?cv=" in pagina


def test_mesmo_usuario_duas_vezes(portal, oficio):
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        with pytest.raises(BadRequest):
            assinatura.assinar(oficio, SENHA, "Diretor Administrativo")
    assert len(assinatura.registro(oficio).assinaturas) == 1


def test_renderizacao_congelada_e_edicao_recusada(portal, oficio):
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        assert not api.user.has_permission("Modify portal content", obj=oficio)
    html = assinatura.registro(oficio).html
    # Even a change behind the workflow's back never reaches the rendering.
    oficio.texto = RichTextValue("<p>Outro texto</p>", "text/html", "text/x-html-safe")
    assert assinatura.registro(oficio).html == html
    assert "Outro texto" not in assinatura.pagina(oficio)
    assert assinatura.verificar(oficio)


def test_colaborador_nao_assina(portal, oficio):
    with como(portal, *ELISA):
        assert not assinatura.pode_assinar(oficio)
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio, SENHA, "Estagiária")
    assert api.content.get_state(oficio) == "minuta"
    assert assinatura.registro(oficio) is None


def test_senha_errada_e_bloqueio(portal, oficio, caplog):
    api.portal.set_registry_record("seimg.assinatura.max_falhas", 3)
    caplog.set_level(logging.WARNING, logger="seimg.assinatura")
    with como(portal, *CARLOS):
        for _i in range(2):
            with pytest.raises(Forbidden, match=r"[Ss]enha") as errada:
                assinatura.assinar(oficio, "errada", "Secretário-Geral")
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio, "errada", "Secretário-Geral")
        # Locked: even the right password is refused now, with another message.
        with pytest.raises(Forbidden) as travada:
            assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        assert str(travada.value) != str(errada.value)
        assert re.search(r"\d\d:\d\d", str(travada.value))
    assert falhas.bloqueado_ate("carlos.mendes") is not None
    assert api.content.get_state(oficio) == "minuta"
    assert assinatura.registro(oficio) is None
    registros = [r for r in caplog.records if r.name == "seimg.assinatura"]
    assert len(registros) == 3
    assert all("carlos.mendes" in r.getMessage() for r in registros)
    assert "documento_assinado" not in _tipos(oficio)
    falhas.limpar()
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert api.content.get_state(oficio) == "assinado"


def test_acerto_zera_contagem(portal, oficio):
    with como(portal, *CARLOS):
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio, "errada", "Secretário-Geral")
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert falhas.bloqueado_ate("carlos.mendes") is None
    assert "carlos.mendes" not in falhas._falhas


def test_cargo_que_nao_e_do_usuario(portal, oficio):
    with como(portal, *CARLOS), pytest.raises(BadRequest, match="Cargo"):
        assinatura.assinar(oficio, SENHA, "Prefeito")
    assert api.content.get_state(oficio) == "minuta"
    assert assinatura.registro(oficio) is None


def test_documento_cancelado(portal, oficio):
    with como(portal, *CARLOS):
        assinar_sistema(oficio)
        acoes.cancelar(oficio, "Emitido por engano")
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert assinatura.registro(oficio) is None


def test_documento_que_o_usuario_nao_ve(portal, oficio):
    with como(portal, *DANIEL):
        assert not api.user.has_permission("View", obj=oficio)
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio, SENHA, "Procurador Jurídico")
    assert api.content.get_state(oficio) == "minuta"


def test_cancelar_a_propria_assinatura(portal, oficio, beatriz_na_secretaria):
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    with como(portal, *BEATRIZ):
        # Not signed by her: nothing to cancel.
        with pytest.raises(Forbidden):
            assinatura.cancelar_assinatura(oficio)
        assinatura.assinar(oficio, SENHA, "Técnica Legislativa")
        with pytest.raises(Forbidden):
            assinatura.cancelar_assinatura(oficio, senha="errada")
        assinatura.cancelar_assinatura(oficio, senha=SENHA)
    reg = assinatura.registro(oficio)
    assert [a.userid for a in reg.assinaturas] == ["carlos.mendes"]
    assert api.content.get_state(oficio) == "assinado"
    assert assinatura.verificar(oficio)
    with como(portal, *CARLOS):
        assinatura.cancelar_assinatura(oficio, senha=SENHA)
    assert assinatura.registro(oficio) is None
    assert api.content.get_state(oficio) == "minuta"
    assert _tipos(oficio).count("assinatura_cancelada") == 2
    with como(portal, *CARLOS):
        assert api.user.has_permission("Modify portal content", obj=oficio)


def test_bloqueio_apos_envio(portal, oficio):
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        assert not assinatura.bloqueado(oficio)
        assert assinatura.pode_cancelar_assinatura(oficio)
        tramitacao.enviar(
            oficio.aq_parent,
            [unidade(portal, "cmvs/procuradoria")],
            manter_aberto=True,
        )
        assert assinatura.bloqueado(oficio)
        motivo = assinatura.mensagem(assinatura.motivo_bloqueio(oficio))
        assert "Bloqueado" in motivo
        with pytest.raises(Forbidden):
            assinatura.cancelar_assinatura(oficio, senha=SENHA)
    assert api.content.get_state(oficio) == "assinado"


def test_outra_unidade_assinou(portal, oficio_publico, monkeypatch):
    from seimg.assinatura import permissoes

    monkeypatch.setattr(permissoes, "pode_assinar_por_bloco", lambda doc, userid: True)
    with como(portal, *CARLOS):
        assinatura.assinar(oficio_publico, SENHA, "Secretário-Geral")
    # Daniel (Procuradoria) signs through a bloco (the process is public).
    with como(portal, *DANIEL):
        assinatura.assinar(oficio_publico, SENHA, "Procurador Jurídico")
    with como(portal, *CARLOS):
        assert not assinatura.pode_cancelar_assinatura(oficio_publico)
        with pytest.raises(Forbidden):
            assinatura.cancelar_assinatura(oficio_publico, senha=SENHA)
    assert len(assinatura.registro(oficio_publico).assinaturas) == 2


def test_sem_bloco_outra_unidade_nao_assina(portal, oficio_publico):
    with como(portal, *CARLOS):
        assinar_sistema(oficio_publico)
    with como(portal, *DANIEL):
        assert api.user.has_permission("View", obj=oficio_publico)
        with pytest.raises(Forbidden):
            assinatura.assinar(oficio_publico, SENHA, "Procurador Jurídico")


def test_adulteracao_da_renderizacao(portal, oficio):
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert assinatura.verificar(oficio)
    dados = IAnnotations(oficio)[assinatura.ANNOTATION_KEY]
    dados["html"] = dados["html"].replace("contrato nº 7", "contrato nº 8")
    assert not assinatura.verificar(oficio)


def test_autenticar_documento_digitalizado(portal):
    conteudo = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Certidão"),
            data_documento=date(2026, 3, 2),
            formato="digitalizado",
            tipo_conferencia=tabela("TipoConferencia", "Cópia Simples"),
            nivel_acesso="publico",
            arquivo=NamedBlobFile(conteudo, filename="certidao.pdf"),
        )
        assinatura.autenticar(externo, SENHA, "Secretário-Geral")
    reg = assinatura.registro(externo)
    assert reg.tipo == "arquivo"
    assert reg.crc == f"{zlib.crc32(conteudo) & 0xFFFFFFFF:08X}"
    assert assinatura.verificar(externo)
    externo.arquivo = NamedBlobFile(conteudo + b"%", filename="certidao.pdf")
    assert not assinatura.verificar(externo)
    # Saving that replacement is refused (the transaction is then aborted).
    with como(portal, *CARLOS), pytest.raises(Forbidden, match="Arquivo"):
        notify(ObjectModifiedEvent(externo))


def test_nato_digital_nao_e_autenticado(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Certidão"),
            data_documento=date(2026, 3, 2),
            formato="nato_digital",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(b"%PDF-1.4\n%%EOF\n", filename="c.pdf"),
        )
        with pytest.raises(BadRequest):
            assinatura.autenticar(externo, SENHA, "Secretário-Geral")


def test_modelos_de_tarja(portal):
    assert tarjas.tarja_assinatura_constraint(tarjas.TARJA_ASSINATURA_PADRAO)
    assert tarjas.tarja_autenticidade_constraint(tarjas.TARJA_AUTENTICIDADE_PADRAO)
    with pytest.raises(CampoInvalido):
        tarjas.tarja_assinatura_constraint("Assinado por ${nome} em ${cidade}.")
    with pytest.raises(CampoInvalido):
        tarjas.tarja_autenticidade_constraint("Código ${codigo} e $")
    pmvs = portal["orgaos"]["pmvs"]
    assert "Decreto Municipal nº 1.234" in pmvs.tarja_assinatura
    from datetime import datetime
    from datetime import UTC

    texto = tarjas.texto_assinatura(
        pmvs, "Helena Prado", "Secretária", datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    )
    # 15:30 UTC is 12:30 in Brasília.
    assert "Helena Prado, Secretária, em 02/03/2026, às 12:30" in texto


def test_pagina_do_documento(portal, oficio):
    with como(portal, *CARLOS):
        html = oficio.restrictedTraverse("@@documento")()
        assert 'id="seimg-assinar"' in html
        assert 'id="seimg-assinaturas"' not in html
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        oficio.texto = RichTextValue(
            "<p>Texto vivo</p>", "text/html", "text/x-html-safe"
        )
        html = oficio.restrictedTraverse("@@documento")()
        assert 'id="seimg-assinaturas"' in html
        # The content is shown from @@conteudo: the frozen text, never the live one.
        conteudo = oficio.restrictedTraverse("@@conteudo")()
        assert "Solicitamos a cópia do contrato" in conteudo
        assert "Texto vivo" not in conteudo
        assert "Texto vivo" not in html
        assert f'href="{oficio.absolute_url()}/@@pdf-assinado"' in html
        assert 'id="seimg-cancelar-assinatura"' in html
        assert 'id="seimg-assinar"' not in html
        assert assinatura.crc(oficio) in html
        form = oficio.restrictedTraverse("@@assinar")()
        assert "Secretário-Geral" in form
        assert "_authenticator" in form
