"""The tables in-process: seed, vocabularies, invariants, contatos per órgão."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from seimg import tabelas
from seimg.tabelas.setup import create_tabelas
from seimg.tabelas.tipos import ITipoProcesso
from seimg.testing import matrix_login
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import IVocabularyFactory
import pytest


def vocab(name, context=None):
    return getUtility(IVocabularyFactory, name=name)(context)


def titles(name):
    return [term.title for term in vocab(name)]


@pytest.fixture
def portal(integration):
    return integration["portal"]


def test_tabelas_folders_are_published_and_constrained(portal):
    folder = portal[tabelas.TABELAS_FOLDER]
    assert folder.Title() == "Tabelas"
    assert folder.exclude_from_nav
    assert api.content.get_state(folder) == "published"
    assert sorted(folder.objectIds()) == sorted(tabelas.PASTAS)
    for folder_id, portal_type in tabelas.PASTAS.items():
        sub = folder[folder_id]
        assert api.content.get_state(sub) == "published"
        assert sub.portal_type == "PastaTabela"
        constraints = ISelectableConstrainTypes(sub)
        with api.env.adopt_roles(["Manager"]):
            assert constraints.getLocallyAllowedTypes() == [portal_type]


def test_seed_counts(portal):
    folder = portal["tabelas"]
    assert len(folder["hipoteses-legais"].objectIds()) >= 12
    assert len(folder["tipos-conferencia"].objectIds()) == 4
    assert len(folder["assuntos"].objectIds()) >= 15
    assert len(folder["tipos-documento"].objectIds()) >= 25
    assert len(folder["tipos-processo"].objectIds()) >= 15
    assert folder["contatos"].objectIds() == []


def test_seed_is_realistic(portal):
    informacao = tabelas.por_titulo("HipoteseLegal", "Informação Pessoal")
    assert informacao.base_legal == "Art. 31 da Lei nº 12.527/2011"
    assert informacao.niveis == ["restrito"]
    oficio = tabelas.por_titulo("TipoDocumento", "Ofício")
    assert (oficio.aplicabilidade, oficio.numeracao) == ("interno", "anual_unidade")
    assert "Atenciosamente," in oficio.modelo.raw
    nota = tabelas.por_titulo("TipoDocumento", "Nota Fiscal")
    assert (nota.aplicabilidade, nota.numeracao) == ("externo", "informada")
    disciplinar = tabelas.por_titulo("TipoProcesso", "Pessoal: Processo Disciplinar")
    assert disciplinar.niveis_permitidos == ["restrito", "sigiloso"]
    assert disciplinar.nivel_sugerido == "restrito"
    hipotese = tabelas.obter(disciplinar.hipotese_sugerida)
    assert hipotese.title == "Investigação de Responsabilidade de Servidor"
    assunto = tabelas.obter(disciplinar.assuntos[0])
    assert assunto.codigo == "020.3"
    assert assunto.destinacao_final == "guarda_permanente"
    assert tabelas.obter("nao-existe") is None
    assert tabelas.por_titulo("TipoDocumento", "Não existe") is None


def test_seeding_again_changes_nothing(portal):
    folder = portal["tabelas"]["tipos-conferencia"]
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(folder["copia-simples"])
    before = {k: len(v.objectIds()) for k, v in portal["tabelas"].objectItems()}
    create_tabelas()
    after = {k: len(v.objectIds()) for k, v in portal["tabelas"].objectItems()}
    assert after == before
    assert "copia-simples" not in folder


def test_vocabularies_titles_and_values(portal):
    hipoteses = vocab("seimg.HipotesesLegais")
    informacao = tabelas.por_titulo("HipoteseLegal", "Informação Pessoal")
    term = hipoteses.getTerm(informacao.UID())
    assert term.title == "Informação Pessoal (Art. 31 da Lei nº 12.527/2011)"
    assert "020.1 - Férias" in titles("seimg.Assuntos")
    assert "Cópia Simples" in titles("seimg.TiposConferencia")
    assert "Pessoal: Férias" in titles("seimg.TiposProcesso")
    assert len(vocab("seimg.TiposDocumento")) >= 25


def test_inactive_items_are_not_offered(portal):
    ferias = tabelas.por_titulo("TipoProcesso", "Pessoal: Férias")
    assert ferias.UID() in vocab("seimg.TiposProcesso")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=ferias, transition="desativar")
    assert not ferias.ativo
    assert ferias.UID() not in vocab("seimg.TiposProcesso")
    assert tabelas.obter(ferias.UID()) == ferias
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=ferias, transition="reativar")
    assert ferias.UID() in vocab("seimg.TiposProcesso")


def test_internal_and_external_document_types(portal):
    internos = titles("seimg.TiposDocumentoInterno")
    externos = titles("seimg.TiposDocumentoExterno")
    assert "Ofício" in internos
    assert "Ofício" not in externos
    assert "Nota Fiscal" in externos
    assert "Nota Fiscal" not in internos
    assert "Requerimento" in internos
    assert "Requerimento" in externos
    assert len(internos) + len(externos) > len(vocab("seimg.TiposDocumento"))


def test_nivel_sugerido_must_be_allowed(portal):
    class Data:
        niveis_permitidos = ["restrito", "sigiloso"]
        nivel_sugerido = "publico"

    with pytest.raises(Invalid) as info:
        ITipoProcesso.validateInvariants(Data())
    message = translate(info.value.args[0], target_language="pt_BR")
    assert message.startswith("Nível de acesso sugerido")
    Data.nivel_sugerido = "restrito"
    ITipoProcesso.validateInvariants(Data())


def test_matrix_user_cannot_edit_tables_but_may_read(portal):
    oficio = tabelas.por_titulo("TipoDocumento", "Ofício")
    login(portal, matrix_login("basico"))
    try:
        assert api.user.has_permission("View", obj=oficio)
        assert not api.user.has_permission("Modify portal content", obj=oficio)
        folder = portal["tabelas"]["tipos-documento"]
        assert not api.user.has_permission("seimg: Gerenciar tabelas", obj=folder)
    finally:
        logout()


def _as(portal, username):
    """Log in as ``username`` with a fresh acting-unit cache."""
    request = getRequest()
    if request is not None:
        request.other.pop("seimg.unidade_atual", None)
    if username is None:
        logout()
    else:
        login(portal, username)


def test_contato_gets_the_orgao_of_the_acting_unit(portal):
    cmvs = portal["orgaos"]["cmvs"]
    pmvs = portal["orgaos"]["pmvs"]
    catalog = api.portal.get_tool("portal_catalog")
    try:
        _as(portal, matrix_login("basico"))
        contato = api.content.create(
            container=portal["tabelas"]["contatos"],
            type="Contato",
            title="Maria da Silva",
            tipo_pessoa="fisica",
            nome="Maria da Silva",
            cpf="529.982.247-25",
            email="maria@example.org",
        )
        assert contato.UID() in vocab("seimg.Contatos")
        _as(portal, "helena.prado")
        assert contato.UID() not in vocab("seimg.Contatos")
        _as(portal, None)
        assert len(vocab("seimg.Contatos")) == 0
    finally:
        _as(portal, None)
    assert contato.orgao == cmvs.UID()
    assert contato.cpf == "52998224725"
    assert contato.Title() == "Maria da Silva (CPF 529.982.247-25)"
    assert contato.getId() == "maria-da-silva"
    found = catalog.unrestrictedSearchResults(portal_type="Contato", orgao=cmvs.UID())
    assert [b.UID for b in found] == [contato.UID()]
    assert not catalog.unrestrictedSearchResults(
        portal_type="Contato", orgao=pmvs.UID()
    )
