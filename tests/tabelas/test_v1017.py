"""Upgrade 1016 → 1017: Despacho and Informação numbered, the seed models'
fill-in fields; only seed tipos an administrator never edited change, and no
existing document is renumbered."""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.processos import campos
from seimg.tabelas import dados
from seimg.tabelas import por_titulo
from seimg.upgrades import v1017
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import hashlib
import re


CARLOS = ("carlos.mendes", "cmvs/secretaria")
#: The seed models before 1017 (bracketed placeholders).
DESPACHO_ANTIGO = "<p>À [unidade de destino],</p><p>[Encaminhamento ou decisão.]</p>"
INFORMACAO_ANTIGA = "<p>[Informação prestada.]</p>"


def _html(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _como_antes(tipo, modelo):
    """``tipo`` as a site before 1017 has it, never edited."""
    tipo.numeracao = "nenhuma"
    tipo.modelo = _html(modelo)


def _novo(portal, tipo):
    with como(portal, *CARLOS):
        return novo_oficio(novo_processo(portal), tipo_documento=tipo.UID(), texto=None)


def test_hashes_dos_modelos_antigos():
    assert (
        hashlib.sha256(DESPACHO_ANTIGO.encode()).hexdigest()
        == (v1017.MODELOS_ANTIGOS["Despacho"])
    )
    assert (
        hashlib.sha256(INFORMACAO_ANTIGA.encode()).hexdigest()
        == (v1017.MODELOS_ANTIGOS["Informação"])
    )
    novos = {t for t, _a, _n, modelo in dados.TIPOS_DOCUMENTO if modelo}
    assert set(v1017.MODELOS_ANTIGOS) == novos


def test_tipo_intocado_numerado_editado_intocado_documentos_mantidos(integration):
    portal = integration["portal"]
    despacho = por_titulo("TipoDocumento", "Despacho")
    informacao = por_titulo("TipoDocumento", "Informação")
    _como_antes(despacho, DESPACHO_ANTIGO)
    # An administrator edited the Informação's model.
    editado = INFORMACAO_ANTIGA + "<p>Fundamento: [artigo].</p>"
    _como_antes(informacao, editado)

    antigo = _novo(portal, despacho)
    assert antigo.numero_formatado == "Despacho"
    assert antigo.numero in (None, "")
    assert "[Encaminhamento ou decisão.]" in antigo.texto.raw

    with api.env.adopt_roles(["Manager"]):
        v1017.upgrade(None)
        v1017.upgrade(None)  # idempotent

    assert despacho.numeracao == "anual_unidade"
    assert campos.pendentes(despacho.modelo.raw) == [
        campos.Campo("destino", "Unidade de destino"),
        campos.Campo("texto", "Encaminhamento ou decisão"),
    ]
    assert informacao.numeracao == "nenhuma"
    assert informacao.modelo.raw == editado

    # The existing document keeps its (absent) number and its text.
    assert antigo.numero_formatado == "Despacho"
    assert antigo.numero in (None, "")
    assert "[Encaminhamento ou decisão.]" in antigo.texto.raw

    novo = _novo(portal, despacho)
    assert re.fullmatch(
        r"Despacho nº \d+/\d{4}/CMVS/SECRETARIA", novo.numero_formatado
    ), novo.numero_formatado
    assert "seimg-campo" in novo.texto.raw
    assert _novo(portal, informacao).numero_formatado == "Informação"


def test_so_o_modelo_intocado_muda_quando_a_numeracao_foi_editada(integration):
    informacao = por_titulo("TipoDocumento", "Informação")
    _como_antes(informacao, INFORMACAO_ANTIGA)
    informacao.numeracao = "sequencial_unidade"  # an administrator's choice
    with api.env.adopt_roles(["Manager"]):
        v1017.atualizar_tipos(informacao.aq_parent)
    assert informacao.numeracao == "sequencial_unidade"
    assert campos.pendentes(informacao.modelo.raw) == [
        campos.Campo("texto", "Informação prestada")
    ]
