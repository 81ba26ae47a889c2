"""The index follows the content (issue 18): the catalog's queue feeds it,
and it is rebuilt in resumable batches (upgrade step 1019)."""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.pesquisa import indice
from seimg.pesquisa.motor import MotorZODB
from tests.pesquisa.conftest import buscar
from tests.pesquisa.conftest import uids
from tests.pesquisa.conftest import uids_documentos
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


def test_edicao_assinatura_e_exclusao_seguem_o_catalogo(secretaria):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de tamboretes")
    assert uids(buscar("tamborete")) == [processo.UID()]
    processo.especificacao = "Compra de banquetas"
    notify(ObjectModifiedEvent(processo))
    assert uids(buscar("tamborete")) == []
    assert uids(buscar("banqueta")) == [processo.UID()]

    minuta = novo_oficio(processo, texto=_html("Orçamento das banquetas azuis"))
    assert uids_documentos(buscar("azuis")) == [minuta.UID()]
    with como(portal, "gabriela.rocha"):
        assert uids_documentos(buscar("azuis")) == []  # a minuta: G only
    assinar(minuta)
    with como(portal, "gabriela.rocha"):
        assert uids_documentos(buscar("azuis")) == [minuta.UID()]

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        vazio = novo_processo(portal, especificacao="Compra de escabelos")
        rascunho = novo_oficio(processo, texto=_html("Escabelos verdes"))
        assert uids_documentos(buscar("verdes")) == [rascunho.UID()]
        api.content.delete(obj=rascunho, check_linkintegrity=False)
        assert uids_documentos(buscar("verdes")) == []
        assert uids(buscar("escabelo")) == [vazio.UID()]
        api.content.delete(obj=vazio, check_linkintegrity=False)
        assert uids(buscar("escabelo")) == []


def test_reconstruir_em_lotes_e_retomavel(secretaria, caplog):
    portal = secretaria
    processos = [
        novo_processo(portal, especificacao=f"Reconstrução ornamental {n}")
        for n in range(3)
    ]
    assert len(uids(buscar("ornamental"))) == 3
    # A new, empty engine: nothing is found until it is rebuilt.
    setattr(portal, indice.ATRIBUTO, MotorZODB())
    assert uids(buscar("ornamental")) == []
    # A run stopped after the first of them resumes after it.
    caminhos = sorted("/".join(p.getPhysicalPath()) for p in processos)
    setattr(portal, indice.PROGRESSO, caminhos[0])
    resultado = buscar("ornamental")
    assert resultado.aviso == "indice"  # "índice em construção"
    with caplog.at_level("INFO", logger="seimg.pesquisa"):
        indice.reconstruir(portal, lote=1, commit=False)
    assert "resuming after" in caplog.text
    assert "processes indexed" in caplog.text
    achados = buscar("ornamental")
    assert achados.aviso is None
    assert len(uids(achados)) == 2
    indice.reconstruir(portal, lote=50, commit=False)
    assert len(uids(buscar("ornamental"))) == 3


def test_passo_1019_constroi_o_indice(secretaria, setup_tool):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Aquisição de astrolábios")
    delattr(portal, indice.ATRIBUTO)
    assert indice.motor(portal) is None
    assert buscar("astrolábio").aviso == "indice"
    setup_tool.setLastVersionForProfile("seimg:default", "1018")
    setup_tool.upgradeProfile("seimg:default", dest="1019")
    assert uids(buscar("astrolábio")) == [processo.UID()]
