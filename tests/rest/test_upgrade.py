"""Upgrade 1010 repairs text stored before the input reader existed."""

from plone.app.textfield.value import RichTextValue
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest


@pytest.fixture
def portal(integration):
    return integration["portal"]


def test_upgrade_1010_repara_textos(portal):
    from seimg.upgrades import v1010

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Pedido limpo")
        oficio = novo_oficio(processo)
        limpo = novo_processo(portal, especificacao="Outro pedido")
    # As stored by the REST API before the reader: no validation at all.
    processo.especificacao = "Pedido\x00 com \ud800 surrogate"
    oficio.texto = RichTextValue(
        "<p>Linha\x07 um</p>\n\t<p>Linha dois</p>", "text/html", "text/x-html-safe"
    )
    oficio.destinatarios = ["Fulano\x01", "Beltrano"]
    processo.reindexObject()

    v1010.upgrade(None)

    assert processo.especificacao == "Pedido com \ufffd surrogate"
    assert oficio.texto.raw == "<p>Linha um</p>\n\t<p>Linha dois</p>"
    assert oficio.texto.mimeType == "text/html"
    assert oficio.destinatarios == ["Fulano", "Beltrano"]
    catalog = portal.portal_catalog
    assert catalog.unrestrictedSearchResults(UID=processo.UID())[0].Description
    # Idempotent, and clean objects are not written.
    assert v1010.reparar_objeto(processo) == []
    assert v1010.reparar_objeto(oficio) == []
    assert v1010.reparar_objeto(limpo) == []


def test_reparo_do_leitor():
    from seimg.base import reader

    assert reader.repair_text("a\x00b\ud800c\n\td") == "ab\ufffdcd"
    assert reader.repair_text("a\x00b\n\td", multiline=True) == "ab\n\td"
    assert reader.repair_text("Ac\u0327a\u0303o") == "Ação"
