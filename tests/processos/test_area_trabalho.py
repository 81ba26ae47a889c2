"""The process workspace: tree, selection by URL, the isolated content pane.

carlos.mendes acts for CMVS/SECRETARIA, daniel.souza for CMVS/PROCURADORIA.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.interfaces import ISeimgLayer
from seimg.processos import tramite
from seimg.tramitacao import acoes as tramitacao
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
from tests.processos.test_views import _abrir_em
from tests.processos.test_views import _limpar
from tests.processos.test_views import _render
from zExceptions import Forbidden
from zope.interface import alsoProvides
import pytest
import re


@pytest.fixture
def request_(portal):
    request = portal.REQUEST
    alsoProvides(request, ISeimgLayer)
    _limpar(request)
    yield request
    _limpar(request)


def _despacho(processo, **extra):
    fields = {
        "tipo_documento": tabela("TipoDocumento", "Despacho"),
        "nivel_acesso": "publico",
        "texto": RichTextValue("<p>De acordo.</p>", "text/html", "text/x-html-safe"),
    }
    fields.update(extra)
    return api.content.create(
        container=processo, type="Documento", title="documento", **fields
    )


def _itens_da_arvore(html: str) -> list[str]:
    lista = html.split('id="seimg-arvore-documentos"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'data-numero-sei="(\d+)"', lista)


def test_arvore_em_ordem_com_numero_sei_e_selecao(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        despacho = _despacho(processo)
        html = _render(processo, "processo", request_)
        assert _itens_da_arvore(html) == [oficio.numero_sei, despacho.numero_sei]
        # Titles carry the número SEI beside the type, so two look different.
        assert f"({despacho.numero_sei})" in html
        assert f"({oficio.numero_sei})" in html
        # The process node is the selection on the process page…
        assert re.search(r'id="seimg-no-processo"[^>]*aria-current="page"', html)
        assert 'id="seimg-painel-processo"' in html
        # …and a document's own URL selects it in the same workspace.
        html = _render(despacho, "documento", request_)
        assert 'id="seimg-arvore"' in html
        assert not re.search(r'id="seimg-no-processo"[^>]*aria-current', html)
        selecionado = re.search(
            r'<a class="seimg-doc-link"\s+href="([^"]+)"\s+aria-current="page"', html
        )
        assert selecionado
        assert selecionado.group(1) == despacho.absolute_url()
        assert 'id="seimg-documento"' in html
        assert "Incluir documento" in html  # the process actions stay above


def test_painel_parcial_so_o_painel(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        html = _render(oficio, "documento", request_, parcial="painel")
    assert html.lstrip().startswith("<article")
    assert 'id="seimg-documento"' in html
    assert "seimg-arvore" not in html
    assert "<html" not in html


def test_marcas_de_estado_e_restrito_com_hipotese(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        restrito = novo_oficio(processo, nivel="restrito")
        assinado = novo_oficio(processo)
        assinar(assinado)
        html = _render(processo, "processo", request_)
    bloco = html.split(f'data-numero-sei="{restrito.numero_sei}"', 1)[1]
    bloco = bloco.split("</li>", 1)[0]
    assert "seimg-marca-restrito" in bloco
    assert "Informação Pessoal" in bloco
    assert ">Minuta<" in bloco
    bloco = html.split(f'data-numero-sei="{assinado.numero_sei}"', 1)[1]
    assert ">Assinado<" in bloco.split("</li>", 1)[0]


def test_novo_por_unidade_ate_ela_olhar(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        # The generating unit never sees its own documents as new.
        html = _render(processo, "processo", request_)
        assert "seimg-marca-novo" not in html
        procuradoria = unidade(portal, "cmvs/procuradoria")
        tramitacao.enviar(processo, [procuradoria])
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        html = _render(processo, "processo", request_)
        # Arrived and never looked at there: new, until that first look.
        assert "seimg-marca-novo" in html
        assert "Novo" in html
        html = _render(processo, "processo", request_)
        assert "seimg-marca-novo" not in html
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        _abrir_em(processo, portal, "cmvs/secretaria")
        mais_um = _despacho(processo)
        assinar(mais_um)  # others' minutas are not shown at all
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        html = _render(processo, "processo", request_)
        bloco = html.split(f'data-numero-sei="{mais_um.numero_sei}"', 1)[1]
        assert "seimg-marca-novo" in bloco.split("</li>", 1)[0]
        bloco = html.split(f'data-numero-sei="{oficio.numero_sei}"', 1)[1]
        assert "seimg-marca-novo" not in bloco.split("</li>", 1)[0]


def test_documento_no_quadro_isolado(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(
            processo,
            texto=RichTextValue(
                '<p>Texto do ofício</p><script>alert("x")</script>'
                '<p onclick="alert(1)">Clique</p>',
                "text/html",
                "text/x-html-safe",
            ),
        )
        pagina = _render(oficio, "documento", request_)
        # The page does not inline the content: a sandboxed iframe shows it.
        assert "Texto do ofício" not in pagina
        quadro = re.search(r"<iframe[^>]*>", pagina).group(0)
        assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in quadro
        assert f'src="{oficio.absolute_url()}/@@conteudo"' in quadro
        assert "title=" in quadro
        conteudo = _render(oficio, "conteudo", request_)
        csp = request_.response.getHeader("Content-Security-Policy")
    assert "Texto do ofício" in conteudo
    assert "<script" not in conteudo
    assert "onclick" not in conteudo
    assert "default-src 'none'" in csp
    assert "sandbox" in csp
    assert "script-src" not in csp  # no script at all: default-src 'none'
    assert "frame-ancestors 'self'" in csp


def test_conteudo_recusado_a_quem_nao_le(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        restrito = novo_oficio(processo, nivel="restrito")
        assinar(restrito)
    # A unit without access to its content: refused, whatever the way in.
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        with pytest.raises(Forbidden):
            _render(restrito, "conteudo", request_)
        pagina = _render(processo, "processo", request_)
        assert "Solicitamos informações" not in pagina


def test_cancelado_na_arvore_com_data(portal, request_):
    from seimg.processos import acoes as documentos

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        documentos.cancelar(oficio, "Enviado por engano")
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        pagina = _render(processo, "processo", request_)
    linha = pagina.split(f'data-numero-sei="{oficio.numero_sei}"', 1)[1]
    linha = linha.split("</li>", 1)[0]
    assert "Acesso restrito" not in linha
    assert oficio.Title() in linha
    assert "cancelado em" in linha
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        pagina = _render(oficio, "documento", request_)
    # lst: no CRC (a checksum of content nobody reads any more), no PDF.
    assert 'id="seimg-crc"' not in pagina
    assert "@@pdf-assinado" not in pagina
    assert 'id="seimg-quadro"' not in pagina


def test_pagina_de_documento_nao_recebe_o_processo(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        procuradoria = unidade(portal, "cmvs/procuradoria")
        tramitacao.enviar(processo, [procuradoria])
    abertura = tramite.abertura(processo, procuradoria)
    assert not abertura.recebido
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        pagina = _render(oficio, "documento", request_)
        assert 'id="seimg-enviar"' in pagina or 'id="seimg-concluir"' in pagina
        assert not abertura.recebido  # reading a document writes nothing
        assert abertura.visto_em is None
        _render(processo, "processo", request_)
        assert abertura.recebido  # the process's own page receives it


def test_processo_vinculado_como_a_tabela_manda(portal, request_):
    from seimg.vinculos import api as vinculos

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        pessoal = novo_processo(
            portal,
            nivel="restrito",
            especificacao="Licença de Fulano, CPF 639.612.161-18",
        )
        vinculos.relacionar(processo, pessoal)
        html = _render(processo, "processo", request_)
        assert pessoal.numero in html  # the unit that has it sees it all
    with como(portal, None):
        html = _render(processo, "seimg-arvore-vinculos", request_)
    assert "639.612.161-18" not in html
    assert "Licença de Fulano" not in html


def test_documento_assinado_link_do_pdf_selado(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        html = _render(oficio, "documento", request_)
    assert f'href="{oficio.absolute_url()}/@@pdf-assinado"' in html
    assert "PDF assinado" in html


def test_acoes_de_cancelar_distintas(portal, request_):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        html = _render(oficio, "documento", request_)
    assert "Cancelar documento" in html
    cancelar = re.search(r'<a class="([^"]+)"\s+id="seimg-cancelar"', html)
    assert cancelar
    assert "btn-outline-danger" in cancelar.group(1)


def test_externo_pdf_no_leitor_com_link(portal, request_):
    from datetime import date
    from plone.namedfile.file import NamedBlobFile
    from seimg.demo import pdf_simples

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Ofício"),
            data_documento=date(2026, 3, 2),
            formato="nato_digital",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(pdf_simples(["Certidao"]), filename="c.pdf"),
        )
        html = _render(externo, "documento", request_)
    url = f"{externo.absolute_url()}/@@arquivo"
    assert f'data-pdf="{url}"' in html
    assert "++plone++seimg/pdfjs/" in html
    assert re.search(rf'id="seimg-abrir-documento"[^>]*href="{re.escape(url)}"', html)


def test_carimbo_de_autenticidade_tem_link(portal):
    from seimg.assinatura import tarjas

    html = tarjas.carimbo_autenticidade(None, "0000123", "ABCD1234")
    link = re.search(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link, html
    assert "conferir-autenticidade?cv=0000123&amp;crc=ABCD1234" in link.group(1)
    assert link.group(2).endswith("/@@conferir-autenticidade")


def test_mensagens_dizem_o_que_aconteceu(portal, request_):
    from Products.statusmessages.interfaces import IStatusMessage
    from zope.i18n import translate

    def mensagens():
        return [
            translate(m.message, context=request_)
            for m in IStatusMessage(request_).show()
        ]

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        outro = novo_processo(portal)
        oficio = novo_oficio(processo)
        assinar(oficio)
        _render(
            processo,
            "sobrestar",
            request_,
            "POST",
            motivo="Aguardar parecer",
            **{"form.buttons.sobrestar": "1"},
        )
        assert f"Processo {processo.numero} sobrestado." in mensagens()
        _render(
            processo,
            "relacionar",
            request_,
            "POST",
            processo=outro.numero,
            **{"form.buttons.relacionar": "1"},
        )
        assert (
            f"Processo {outro.numero} relacionado ao {processo.numero}." in mensagens()
        )
        _render(oficio, "cancelar", request_, "POST", motivo="Enviado por engano")
        esperado = f"Documento {oficio.Title()} ({oficio.numero_sei}) cancelado."
        assert esperado in mensagens()
