"""Duplicar processo (processos.duplicacao) and the domain entry points it uses."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from seimg import andamentos
from seimg.processos import acoes
from seimg.processos import api as processos_api
from seimg.processos import credenciais
from seimg.processos import tramite
from seimg.processos.duplicacao import documentos_duplicaveis
from seimg.processos.duplicacao import duplicar
from seimg.processos.duplicacao import pode_duplicar
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
import pytest


CARLOS = ("carlos.mendes", "cmvs/secretaria")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _externo(processo, **extra):
    return processos_api.criar_documento(
        processo,
        "DocumentoExterno",
        tipo_documento=tabela("TipoDocumento", "Certidão"),
        formato="nato_digital",
        numero="418/2026",
        nivel_acesso="publico",
        arquivo=NamedBlobFile(PDF, filename="c.pdf", contentType="application/pdf"),
        **extra,
    )


def _tipos(processo):
    return [a.tipo for a in andamentos.listar(processo)]


@pytest.fixture
def original(portal):
    """Carlos's process: a signed ofício, a minuta, an external PDF, a
    cancelled ofício; Daniel's unit (where it was sent) adds a minuta."""
    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel="restrito", especificacao="Original")
        assinado = novo_oficio(processo)
        assinado.texto = None
        assinar(assinado)
        minuta = novo_oficio(processo)
        externo = _externo(processo)
        cancelado = novo_oficio(processo)
        assinar(cancelado)
        acoes.cancelar(cancelado, "Emitido por engano")
        tramite.abrir_em(processo, unidade(portal, DANIEL[1]))
    with como(portal, *DANIEL):
        alheia = novo_oficio(processo)
    processo.docs = {
        "assinado": assinado,
        "minuta": minuta,
        "externo": externo,
        "cancelado": cancelado,
        "alheia": alheia,
    }
    return processo


def test_offered_documents(portal, original):
    docs = original.docs
    with como(portal, *CARLOS):
        oferecidos = documentos_duplicaveis(original)
    assert oferecidos == [docs["assinado"], docs["minuta"], docs["externo"]]
    with como(portal, *DANIEL):
        oferecidos = documentos_duplicaveis(original)
    assert docs["alheia"] in oferecidos
    assert docs["minuta"] not in oferecidos  # Carlos's minuta
    assert docs["cancelado"] not in oferecidos


def test_duplicate_all(portal, original):
    docs = original.docs
    with como(portal, *CARLOS):
        assert pode_duplicar(original)
        novo = duplicar(original)
        copias = novo.objectValues()
    assert novo.numero != original.numero
    # named as REST names them: the NUP, the número SEI
    assert novo.getId() == novo.numero.replace(".", "-").replace("/", "-")
    assert [c.getId() for c in copias] == [c.numero_sei for c in copias]
    assert novo.especificacao == "Original"
    assert novo.tipo_processo == original.tipo_processo
    assert novo.nivel_acesso == "restrito"
    assert novo.hipotese_legal == original.hipotese_legal
    assert tramite.aberto_em(novo, unidade(portal, CARLOS[1]))
    assert [c.portal_type for c in copias] == [
        "Documento",
        "Documento",
        "DocumentoExterno",
    ]
    # new numbers; signatures not copied: the signed ofício is a minuta
    assert {c.numero_sei for c in copias}.isdisjoint(
        {d.numero_sei for d in docs.values()}
    )
    assert api.content.get_state(copias[0]) == "minuta"
    assert copias[0].unidade_geradora == unidade(portal, CARLOS[1]).UID()
    assert copias[2].numero == "418/2026"  # the sender's number is kept
    assert copias[2].arquivo.data == PDF
    assert copias[2].arquivo is not docs["externo"].arquivo
    # andamentos name each other
    assert "processo_duplicado" in _tipos(original)
    assert "processo_gerado_por_duplicacao" in _tipos(novo)
    [ida] = [a for a in andamentos.listar(original) if a.tipo == "processo_duplicado"]
    assert ida.atributos["numero"] == novo.numero
    [volta] = [
        a for a in andamentos.listar(novo) if a.tipo == "processo_gerado_por_duplicacao"
    ]
    assert volta.atributos["numero"] == original.numero


def test_duplicate_chosen_documents_and_interessados(portal, original):
    docs = original.docs
    with como(portal, *CARLOS):
        novo = duplicar(original, documentos=[docs["externo"].UID()], interessados=[])
    assert [c.portal_type for c in novo.objectValues()] == ["DocumentoExterno"]
    assert list(novo.interessados or []) == []


@pytest.mark.parametrize("documento", ["cancelado", "alheia"])
def test_documents_not_offered_are_refused_and_nothing_written(
    portal, original, documento
):
    antes = len(portal["processos"].objectIds())
    with como(portal, *CARLOS), pytest.raises(BadRequest):
        duplicar(original, documentos=[original.docs[documento].UID()])
    assert len(portal["processos"].objectIds()) == antes


def test_sigiloso_only_by_a_credential_holder(portal):
    with como(portal, *CARLOS):
        sigiloso = novo_processo(
            portal,
            nivel="sigiloso",
            tipo="Pessoal: Processo Disciplinar",
            hipotese_legal=tabela(
                "HipoteseLegal", "Investigação de Responsabilidade de Servidor"
            ),
        )
        novo = duplicar(sigiloso)
        assert novo.nivel_efetivo == "sigiloso"
        assert credenciais.possui(novo, "carlos.mendes")
    with como(portal, "beatriz.lima", "cmvs/secretaria"):
        assert not pode_duplicar(sigiloso)
        with pytest.raises((Forbidden, BadRequest)):
            duplicar(sigiloso)


def test_entry_points_refuse_before_writing(portal):
    antes = len(portal["processos"].objectIds())
    with como(portal, *CARLOS):
        with pytest.raises(BadRequest):
            processos_api.criar_processo(tipo_processo="nao-existe")
        with pytest.raises(Forbidden):  # a unit Carlos holds no perfil in
            processos_api.criar_processo(
                tipo_processo=tabela("TipoProcesso", "Pessoal: Férias"),
                unidade=unidade(portal, DANIEL[1]),
            )
        processo = processos_api.criar_processo(
            tipo_processo=tabela("TipoProcesso", "Pessoal: Férias"),
            nivel_acesso="restrito",
            hipotese_legal=tabela("HipoteseLegal", "Informação Pessoal"),
        )
        with pytest.raises(BadRequest):
            processos_api.criar_documento(processo, "Processo")
    assert len(portal["processos"].objectIds()) == antes + 1
    with como(portal, *DANIEL), pytest.raises(Forbidden):
        processos_api.criar_documento(
            processo, tipo_documento=tabela("TipoDocumento", "Ofício")
        )
