"""Signing refuses a body that is not ready: unchanged template fields, an
empty body, a body the sealed PDF's renderer cannot convert. Nothing is
written when it refuses (integration, domain API and the Classic UI form)."""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg import andamentos
from seimg.assinatura import api as assinatura
from seimg.assinatura import falhas
from seimg.processos import campos
from seimg.tabelas import dados
from seimg.tabelas import por_titulo
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from zExceptions import BadRequest
import pytest
import re


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", "cmvs/secretaria")
CARGO = "Secretário-Geral"
#: Passes Plone's HTML filter; appy divides by the colspan (ZeroDivisionError).
NAO_RENDERIZA = '<table><tbody><tr><td colspan="0">Quadro</td></tr></tbody></table>'


@pytest.fixture
def portal(integration):
    falhas.limpar()
    yield integration["portal"]
    falhas.limpar()


def _texto(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _oficio(portal, texto):
    with como(portal, *CARLOS):
        return novo_oficio(novo_processo(portal), texto=texto)


def _nada_assinado(documento):
    assert api.content.get_state(documento) == "minuta"
    assert assinatura.registro(documento) is None
    assert assinatura.assinaturas(documento) == []
    tipos = [a.tipo for a in andamentos.listar(documento.aq_parent)]
    assert "documento_assinado" not in tipos


def test_modelos_da_semente_marcam_os_campos():
    for titulo, _aplic, _num, modelo in dados.TIPOS_DOCUMENTO:
        if modelo is None:
            continue
        assert "[" not in modelo, titulo
        assert campos.pendentes(modelo), titulo
        assert campos.pendentes(modelo) == campos.campos(modelo), titulo


def test_campos_sobrevivem_ao_filtro_html(portal):
    """safe_html keeps class, title and data-campo (added by seimg)."""
    oficio = _oficio(portal, None)
    assert campos.pendentes(oficio.texto.output) == campos.pendentes(oficio.texto.raw)
    assert 'data-campo="destinatario"' in oficio.texto.output
    assert "data-campo" in api.portal.get_registry_record("plone.custom_attributes")
    assert "seimg-campo" in api.portal.get_registry_record("plone.other_settings")


def test_campos_do_modelo_inalterados(portal):
    oficio = _oficio(portal, None)
    assert "seimg-campo" in oficio.texto.raw
    with como(portal, *CARLOS):
        assert assinatura.motivo_para_nao_assinar(oficio) is not None
        assert not assinatura.pode_assinar(oficio)
        # The document page still offers the form, which says what to do.
        assert assinatura.pode_assinar(oficio, conteudo=False)
        with pytest.raises(BadRequest) as erro:
            assinatura.assinar(oficio, SENHA, CARGO)
    mensagem = str(erro.value)
    assert mensagem.startswith("Preencha os campos do modelo antes de assinar: ")
    assert "Nome do destinatário, Cargo, " in mensagem
    assert mensagem.endswith("Cargo do destinatário, Texto do ofício.")
    _nada_assinado(oficio)


def test_campos_preenchidos_assinam_sem_a_marcacao(portal):
    oficio = _oficio(portal, None)
    html = oficio.texto.raw
    for campo in campos.campos(html):
        html = html.replace(
            f'title="{campo.rotulo}">{campo.rotulo}<', f'title="{campo.rotulo}">Xyz<'
        )
    oficio.texto = _texto(html)
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, CARGO)
    assert api.content.get_state(oficio) == "assinado"
    reg = assinatura.registro(oficio)
    assert "Xyz" in reg.conteudo
    assert "seimg-campo" not in reg.conteudo
    assert assinatura.verificar(oficio)


@pytest.mark.parametrize("corpo", [None, "", "<p>&nbsp;</p><p> </p>"])
def test_documento_vazio(portal, corpo):
    oficio = _oficio(portal, _texto("<p>x</p>"))
    oficio.texto = _texto(corpo) if corpo is not None else None
    with como(portal, *CARLOS), pytest.raises(BadRequest, match="está vazio"):
        assinatura.assinar(oficio, SENHA, CARGO)
    _nada_assinado(oficio)


def test_corpo_que_o_renderizador_nao_converte(portal):
    oficio = _oficio(portal, _texto(NAO_RENDERIZA))
    assert 'colspan="0"' in oficio.texto.output  # the filter let it through
    with como(portal, *CARLOS):
        assert assinatura.pode_assinar(oficio)  # cheap checks pass
        with pytest.raises(BadRequest, match="não pode ser convertido no PDF"):
            assinatura.assinar(oficio, SENHA, CARGO)
    _nada_assinado(oficio)
    # Fixed, it signs.
    oficio.texto = _texto(
        '<table><tbody><tr><td colspan="1">Quadro</td></tr></tbody></table>'
    )
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, CARGO)
    assert api.content.get_state(oficio) == "assinado"


def test_segundo_signatario_nao_e_julgado_pelo_corpo(portal):
    """The first signature froze the body: later ones sign that."""
    oficio = _oficio(portal, _texto("<p>Pronto.</p>"))
    with como(portal, *CARLOS):
        assinatura.assinar(oficio, SENHA, CARGO)
    assert assinatura.motivo_conteudo(oficio) is None


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


@pytest.mark.parametrize(
    ("corpo", "mensagem"),
    [
        (None, "Preencha os campos do modelo antes de assinar: Nome do"),
        ("<p> </p>", "O documento está vazio"),
        (NAO_RENDERIZA, "não pode ser convertido no PDF assinado"),
    ],
)
def test_formulario_assinar_mostra_a_recusa_e_fica(portal, corpo, mensagem):
    oficio = _oficio(portal, _texto(corpo) if corpo is not None else None)
    with como(portal, *CARLOS):
        pagina = _pagina(portal, oficio, "assinar")
        if corpo != NAO_RENDERIZA:  # known before the password is asked
            assert mensagem in pagina
        html = _pagina(portal, oficio, "assinar", "POST", senha=SENHA, cargo=CARGO)
    assert portal.REQUEST.response.getStatus() == 400
    assert mensagem in html
    assert 'id="seimg-assinar-form"' in html
    assert f"{oficio.absolute_url()}/@@edit" in html
    _nada_assinado(oficio)


def test_bloco_lista_cada_documento_recusado(portal):
    """Documents waiting in a bloco: each one that cannot be signed says why."""
    from seimg.blocos import pedidos

    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        pronto = novo_oficio(processo, texto=_texto("<p>Pronto.</p>"))
        modelo = novo_oficio(processo, texto=None)
        recusas = pedidos.recusas_de_assinatura([pronto, modelo])
    assert list(recusas) == [modelo.UID()]
    assert recusas[modelo.UID()].startswith("Preencha os campos do modelo")


def test_despacho_novo_numerado_por_unidade_e_ano(portal):
    tipo = por_titulo("TipoDocumento", "Despacho")
    assert tipo.numeracao == "anual_unidade"
    with como(portal, *CARLOS):
        despacho = novo_oficio(
            novo_processo(portal), tipo_documento=tipo.UID(), texto=None
        )
    assert re.fullmatch(
        r"Despacho nº \d+/\d{4}/CMVS/SECRETARIA", despacho.numero_formatado
    )
