"""The tables' vocabularies are kept until a table changes (seimg.tabelas.versao)."""

from plone import api
from seimg.tabelas import pasta
from seimg.tabelas import por_titulo
from seimg.tabelas import versao
from seimg.tabelas import vocabularies
from zope.component import getUtility
from zope.lifecycleevent import modified
from zope.schema.interfaces import IVocabularyFactory
import pytest


def vocab(name):
    return getUtility(IVocabularyFactory, name=name)(None)


def titles(name):
    return [term.title for term in vocab(name)]


@pytest.fixture
def portal(integration):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(integration["portal"], TEST_USER_ID, ["Manager"])
    return integration["portal"]


@pytest.fixture
def construcoes(monkeypatch):
    """How many times each vocabulary was built from the catalog (from an
    empty cache: other tests of the session kept theirs)."""
    vocabularies.limpar_cache()
    contagem = {}
    original = vocabularies._vocabulary

    def contar(portal_type, *args, **kwargs):
        contagem[portal_type] = contagem.get(portal_type, 0) + 1
        return original(portal_type, *args, **kwargs)

    monkeypatch.setattr(vocabularies, "_vocabulary", contar)
    return contagem


NOMES = (
    "seimg.TiposProcesso",
    "seimg.TiposDocumento",
    "seimg.TiposDocumentoInterno",
    "seimg.TiposDocumentoExterno",
    "seimg.HipotesesLegais",
    "seimg.Assuntos",
    "seimg.TiposConferencia",
)


def test_vocabularios_construidos_uma_vez(portal, construcoes):
    primeiros = {nome: vocab(nome) for nome in NOMES}
    construidos = dict(construcoes)
    for nome in NOMES:
        assert vocab(nome) is primeiros[nome], nome
    assert construcoes == construidos  # nothing built again
    assert sum(construidos.values()) == len(NOMES)


def test_nova_tabela_entra_no_vocabulario(portal, construcoes):
    token = versao.token(portal)
    assert "Processo de teste do cache" not in titles("seimg.TiposProcesso")
    api.content.create(
        container=pasta("TipoProcesso"),
        type="TipoProcesso",
        title="Processo de teste do cache",
    )
    assert versao.token(portal) != token
    assert "Processo de teste do cache" in titles("seimg.TiposProcesso")


def test_edicao_e_inativacao_mudam_o_vocabulario(portal):
    tipo = por_titulo("TipoDocumento", "Ofício")
    assert "Ofício" in titles("seimg.TiposDocumentoInterno")
    tipo.title = "Ofício circular"
    modified(tipo)
    assert "Ofício circular" in titles("seimg.TiposDocumentoInterno")
    assert "Ofício" not in titles("seimg.TiposDocumentoInterno")
    api.content.transition(obj=tipo, to_state="inativo")
    assert "Ofício circular" not in titles("seimg.TiposDocumentoInterno")
    assert "Ofício circular" not in titles("seimg.TiposDocumento")


def test_remocao_muda_o_vocabulario(portal):
    hipotese = por_titulo("HipoteseLegal", "Informação Pessoal")
    assert hipotese.UID() in vocab("seimg.HipotesesLegais")
    uid = hipotese.UID()
    api.content.delete(obj=hipotese, check_linkintegrity=False)
    assert uid not in vocab("seimg.HipotesesLegais")


def test_cada_site_tem_o_seu(portal, construcoes):
    vocab("seimg.TiposProcesso")
    chaves = {chave for chave in vocabularies._CACHE if chave[1] == "tipos_processo"}
    assert ("", "plone") in {chave[0] for chave in chaves}


def test_sem_token_nada_e_guardado(portal, construcoes):
    """A site without the token (before upgrade 1013) builds every time."""
    delattr(portal.aq_base, versao.ATRIBUTO)
    vocab("seimg.TiposConferencia")
    vocab("seimg.TiposConferencia")
    assert construcoes["TipoConferencia"] == 2


def test_upgrade_1013_cria_o_token(portal, construcoes):
    from seimg.organizacao import versao as versao_organizacao

    setup_tool = api.portal.get_tool("portal_setup")
    delattr(portal.aq_base, versao.ATRIBUTO)
    delattr(portal.aq_base, versao_organizacao.ATRIBUTO)
    setup_tool.setLastVersionForProfile("seimg:default", "1012")
    setup_tool.upgradeProfile("seimg:default")
    assert versao.token(portal)
    assert versao_organizacao.siglas() is not None
    vocab("seimg.TiposConferencia")
    vocab("seimg.TiposConferencia")
    assert construcoes["TipoConferencia"] == 1
