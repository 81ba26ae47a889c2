"""Blocos de assinatura, reunião, interno and pedir assinatura (integration).

carlos.mendes acts for CMVS/SECRETARIA, daniel.souza for CMVS/PROCURADORIA.
"""

from plone import api
from seimg import andamentos
from seimg.assinatura import permissoes
from seimg.blocos import api as blocos
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
BEATRIZ = ("beatriz.lima", "cmvs/protocolo")


def _pode(permission, obj) -> bool:
    return bool(api.user.has_permission(permission, obj=obj))


def _tipos(processo):
    return [a.tipo for a in andamentos.listar(processo)]


def _catalogo(documento) -> bool:
    catalog = api.portal.get_tool("portal_catalog")
    return bool(catalog(UID=documento.UID()))


def _assinar_nucleo():
    try:
        from seimg.assinatura import api as nucleo
    except ImportError:
        return None
    return getattr(nucleo, "assinar", None)


def test_bloco_de_assinatura_ciclo_completo(portal):
    with como(portal, *CARLOS):
        p1 = novo_processo(portal, nivel="restrito")
        p2 = novo_processo(portal, nivel="restrito", especificacao="Outro pedido")
        minuta = novo_oficio(p1)
        outra = novo_oficio(p2)
        bloco = blocos.criar(blocos.ASSINATURA, "Ofícios do dia")
        blocos.incluir(bloco, minuta)
        blocos.incluir(bloco, outra)
        assert bloco.estado == blocos.ABERTO
        assert "documento_incluido_bloco" in _tipos(p1)
        assert "documento_incluido_bloco" in _tipos(p2)
        with pytest.raises(BadRequest):
            blocos.incluir(bloco, minuta)

    # Before disponibilizar daniel sees nothing and cannot sign.
    with como(portal, *DANIEL):
        assert not _pode("View", minuta)
        assert not _pode("Modify portal content", minuta)
        assert not _catalogo(minuta)
        assert not permissoes.pode_assinar_por_bloco(minuta, "daniel.souza")
        assert blocos.para_assinar() == []
        with pytest.raises(Forbidden):
            blocos.disponibilizar(bloco, [unidade(portal, "cmvs/procuradoria")])

    with como(portal, *CARLOS):
        blocos.disponibilizar(bloco, [unidade(portal, "cmvs/procuradoria")])
        assert bloco.estado == blocos.DISPONIBILIZADO
        assert _tipos(p1)[-1] == "bloco_disponibilizado"
        ultimo = andamentos.listar(p1)[-1]
        assert ultimo.atributos["destinos"] == ["CMVS/PRESIDENCIA/PROCURADORIA"]
        # Nothing can be added while it is out.
        with pytest.raises(Forbidden):
            blocos.incluir(bloco, novo_oficio(p1))

    with como(portal, *DANIEL):
        # daniel views and edits the minuta, the process stays closed to him.
        assert _pode("View", minuta)
        assert _pode("Modify portal content", minuta)
        assert _pode("seimg: Acessar conteudo do documento", minuta)
        assert not _pode("View", p1)
        assert _catalogo(minuta)
        html = minuta.restrictedTraverse("@@documento")()
        assert minuta.numero_sei in html
        assert permissoes.pode_assinar_por_bloco(minuta, "daniel.souza")
        pendentes = [item["documento"] for item in blocos.para_assinar()]
        assert minuta in pendentes
        assert outra in pendentes
        assert [b.id for b in blocos.do_usuario_e_unidade()] == [bloco.id]
        assinar = _assinar_nucleo()
        if assinar is not None:
            assinar(minuta, "Demo@2026", "Procurador Jurídico")
            assert api.content.get_state(minuta) == "assinado"
            assert minuta not in [i["documento"] for i in blocos.para_assinar()]
        # Only a destination returns it.
        blocos.retornar(bloco)
        assert bloco.estado == blocos.RETORNADO
    with como(portal, *DANIEL):
        assert not _pode("View", outra)
        assert not permissoes.pode_assinar_por_bloco(outra, "daniel.souza")
        assert not _catalogo(outra)
        assert blocos.para_assinar() == []

    # Someone else (beatriz, protocolo) cannot see it.
    with como(portal, *BEATRIZ):
        assert not permissoes.pode_assinar_por_bloco(outra, "beatriz.lima")
        with pytest.raises(BadRequest):
            blocos.exigir_visivel(bloco.id)

    with como(portal, *CARLOS):
        assert _tipos(p2)[-1] == "bloco_retornado"
        blocos.retirar(bloco, outra.UID())
        assert _tipos(p2)[-1] == "documento_retirado_bloco"
        blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/PROCURADORIA"])
        blocos.cancelar_disponibilizacao(bloco)
        assert bloco.estado == blocos.ABERTO
        blocos.concluir(bloco)
        assert bloco.estado == blocos.CONCLUIDO
        with pytest.raises(Forbidden):
            blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/PROCURADORIA"])

    with como(portal, *DANIEL):
        assert not _pode("View", outra)


def test_bloco_recusas(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        minuta = novo_oficio(processo)
        sigiloso = novo_processo(portal, nivel="sigiloso")
        secreto = novo_oficio(sigiloso)
        bloco = blocos.criar(blocos.ASSINATURA)
        with pytest.raises(BadRequest):
            blocos.criar("outro")
        with pytest.raises(BadRequest):
            blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/PROCURADORIA"])
        with pytest.raises(Forbidden, match="sigiloso"):
            blocos.incluir(bloco, secreto)
        with pytest.raises(BadRequest):
            blocos.incluir(bloco, processo)
        blocos.incluir(bloco, minuta)
        with pytest.raises(BadRequest):
            blocos.disponibilizar(bloco, ["CMVS/NAOEXISTE"])
        with pytest.raises(BadRequest):
            blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/SECRETARIA"])
        with pytest.raises(BadRequest):
            blocos.disponibilizar(bloco, [])
        with pytest.raises(Forbidden):
            blocos.retornar(bloco)
    with como(portal, *DANIEL):
        with pytest.raises(Forbidden):
            blocos.incluir(bloco, minuta)
        outro = blocos.criar(blocos.ASSINATURA)
        with pytest.raises(Forbidden):
            # a minuta of another unit (he cannot even see it)
            blocos.incluir(outro, minuta)


def test_bloco_de_reuniao_somente_leitura(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="restrito")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.REUNIAO, "Reunião da Mesa")
        with pytest.raises(BadRequest):
            blocos.incluir(bloco, minuta)
        blocos.incluir(bloco, processo)
    with como(portal, *DANIEL):
        assert not _pode("View", processo)
    with como(portal, *CARLOS):
        blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/PROCURADORIA"])
    with como(portal, *DANIEL):
        assert _pode("View", processo)
        assert not _pode("Modify portal content", processo)
        assert not _pode("seimg: Add Documento", processo)
        assert _pode("View", minuta)
        assert not _pode("Modify portal content", minuta)
        assert not permissoes.pode_assinar_por_bloco(minuta, "daniel.souza")
        with pytest.raises(Unauthorized):
            portal.restrictedTraverse(
                "/".join(processo.getPhysicalPath())
            ).restrictedTraverse("@@edit")()
        blocos.retornar(bloco)
    with como(portal, *DANIEL):
        assert not _pode("View", processo)
        assert not _pode("View", minuta)


def test_bloco_interno_privado(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        bloco = blocos.criar(blocos.INTERNO, "Acompanhar")
        blocos.incluir(bloco, processo)
        assert bloco in blocos.do_usuario_e_unidade()
        with pytest.raises(Forbidden):
            blocos.disponibilizar(bloco, ["CMVS/PRESIDENCIA/PROCURADORIA"])
    with como(portal, *DANIEL):
        assert bloco not in blocos.do_usuario_e_unidade()
        with pytest.raises(BadRequest):
            blocos.exigir_visivel(bloco.id)


def test_pedir_assinatura(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="restrito")
        minuta = novo_oficio(processo)
        with pytest.raises(BadRequest):
            blocos.pedir_assinatura(minuta, ["ninguem.aqui"])
        with pytest.raises(BadRequest):
            blocos.pedir_assinatura(minuta, [])
        assert blocos.pedir_assinatura(minuta, ["daniel.souza", "helena.prado"]) == [
            "daniel.souza",
            "helena.prado",
        ]
        assert blocos.pedir_assinatura(minuta, ["daniel.souza"]) == []
        situacao = {s["usuario"]: s for s in blocos.situacao_pedidos(minuta)}
        assert set(situacao) == {"daniel.souza", "helena.prado"}
        assert situacao["daniel.souza"]["assinado"] is False
        assert situacao["daniel.souza"]["unidade"] == "CMVS/PRESIDENCIA/SECRETARIA"
    with como(portal, "helena.prado", None):
        assert _pode("View", minuta)
        assert not _pode("Modify portal content", minuta)
        assert permissoes.pode_assinar_por_bloco(minuta, "helena.prado")
        assert [i["origem"] for i in blocos.para_assinar()] == ["pedido"]
    with como(portal, *BEATRIZ):
        assert not _pode("View", minuta)
        assert not permissoes.pode_assinar_por_bloco(minuta, "beatriz.lima")
        with pytest.raises(Forbidden):
            blocos.pedir_assinatura(minuta, ["beatriz.lima"])
    with como(portal, *DANIEL):
        assinar = _assinar_nucleo()
        if assinar is not None:
            assinar(minuta, "Demo@2026", "Procurador Jurídico")
            assert blocos.para_assinar() == []
            situacao = {s["usuario"]: s for s in blocos.situacao_pedidos(minuta)}
            assert situacao["daniel.souza"]["assinado"] is True
            assert situacao["helena.prado"]["assinado"] is False


def test_pedir_assinatura_sigiloso_exige_credencial(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="sigiloso")
        minuta = novo_oficio(processo)
        with pytest.raises(Forbidden, match="credencia"):
            blocos.pedir_assinatura(minuta, ["daniel.souza"])
        assert blocos.pedidos(minuta) == {}


def test_paginas(portal):
    from seimg.interfaces import ISeimgLayer
    from zope.interface import alsoProvides

    alsoProvides(portal.REQUEST, ISeimgLayer)
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="restrito")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.ASSINATURA, "Pauta")
        html = minuta.restrictedTraverse("@@documento")()
        assert 'id="seimg-incluir-bloco"' in html
        assert 'id="seimg-pedir-assinatura"' in html
        blocos.incluir(bloco, minuta)
        blocos.pedir_assinatura(minuta, ["daniel.souza"])
        html = minuta.restrictedTraverse("@@documento")()
        assert 'id="seimg-pedidos-assinatura"' in html
        assert "Pendente" in html
        portal.REQUEST.form["bloco"] = str(bloco.id)
        html = portal.restrictedTraverse("@@blocos")()
        assert 'id="seimg-bloco-disponibilizar"' in html
        assert minuta.numero_sei in html
        del portal.REQUEST.form["bloco"]
        html = portal.restrictedTraverse("@@blocos")()
        assert 'id="seimg-blocos-criar"' in html
        assert "Bloco de assinatura" in html
    with como(portal, *DANIEL):
        html = portal.restrictedTraverse("@@para-assinar")()
        assert minuta.numero_sei in html
        assert "Pedido de assinatura" in html


def test_documento_excluido_sai_do_bloco(integration):
    from plone import api
    from seimg.blocos import api as blocos
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo

    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Bloco e exclusão")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.ASSINATURA, "Para excluir")
        blocos.incluir(bloco, minuta)
        uid = minuta.UID()
        assert uid in bloco.itens
        api.content.delete(minuta)
        assert uid not in blocos.obter(bloco.id).itens


def test_assina_pelo_bloco_so_pela_unidade_destino(integration):
    from seimg.assinatura.permissoes import pode_assinar_por_bloco
    from seimg.blocos import api as blocos
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo
    from tests.processos.conftest import unidade

    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Bloco para comissões")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.ASSINATURA, "Parecer das comissões")
        blocos.incluir(bloco, minuta)
        blocos.disponibilizar(bloco, [unidade(portal, "cmvs/comissoes")])
    # gabriela.rocha works in COMISSOES and in CLJ: only acting for the
    # target unit lets her sign through the bloco.
    with como(portal, "gabriela.rocha", "cmvs/comissoes"):
        assert pode_assinar_por_bloco(minuta, "gabriela.rocha")
    with como(portal, "gabriela.rocha", "cmvs/clj"):
        assert not pode_assinar_por_bloco(minuta, "gabriela.rocha")


def test_sigiloso_never_in_any_bloco(portal):
    """No bloco, internal ones included, holds a sigiloso process; a process in
    a bloco cannot become sigiloso (divulgacao.md, row B)."""
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    with como(portal, *CARLOS):
        sigiloso = novo_processo(portal, nivel="sigiloso")
        interno = blocos.criar(blocos.INTERNO, "Acompanhar")
        with pytest.raises(Forbidden, match="sigiloso"):
            blocos.incluir(interno, sigiloso)
        assert list(interno.itens) == []

        processo = novo_processo(portal)
        blocos.incluir(interno, processo)
        assert blocos.em_blocos(processo)
        processo.nivel_acesso = "sigiloso"
        processo.hipotese_legal = sigiloso.hipotese_legal
        processo.grau_sigilo = "reservado"
        with pytest.raises(Forbidden, match="bloco"):
            notify(ObjectModifiedEvent(processo))

        blocos.retirar(interno, processo.UID())
        assert not blocos.em_blocos(processo)
        notify(ObjectModifiedEvent(processo))
        assert processo.nivel_efetivo == "sigiloso"
