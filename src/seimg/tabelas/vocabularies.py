"""Named vocabularies of the tables: values are UIDs, titles readable.

Only items in the ``ativo`` state are offered. The catalog is searched
unrestricted, so the vocabularies work for every user and through
plone.restapi's ``@vocabularies/<name>``; ``seimg.Contatos`` (personal data)
is only served to users who may add contatos (members), and offers the
contatos of the acting unit's órgão (none when there is no unit; all of
them to managers, outside the disclosure table).
"""

from collections.abc import Callable
from plone import api
from plone.app.content.browser.vocabulary import PERMISSIONS
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


CONTATOS = "seimg.Contatos"
PERMISSIONS[CONTATOS] = "seimg: Add Contato"


def _ativos(portal_type: str, **query):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type=portal_type, review_state="ativo", **query
    )


def _vocabulary(
    portal_type: str,
    title: Callable | None = None,
    keep: Callable | None = None,
    **query,
) -> SimpleVocabulary:
    terms = []
    for brain in _ativos(portal_type, **query):
        if title is None and keep is None:
            label = brain.Title
        else:
            obj = brain._unrestrictedGetObject()
            if keep is not None and not keep(obj):
                continue
            label = title(obj) if title is not None else obj.title
        terms.append(SimpleTerm(brain.UID, token=brain.UID, title=label))
    terms.sort(key=lambda term: (term.title or "").lower())
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def tipos_processo(context=None):
    return _vocabulary("TipoProcesso")


@provider(IVocabularyFactory)
def tipos_documento(context=None):
    return _vocabulary("TipoDocumento")


@provider(IVocabularyFactory)
def tipos_documento_interno(context=None):
    return _vocabulary("TipoDocumento", keep=lambda obj: obj.interno)


@provider(IVocabularyFactory)
def tipos_documento_externo(context=None):
    return _vocabulary("TipoDocumento", keep=lambda obj: obj.externo)


@provider(IVocabularyFactory)
def hipoteses_legais(context=None):
    return _vocabulary("HipoteseLegal", title=lambda obj: obj.titulo_completo())


@provider(IVocabularyFactory)
def assuntos(context=None):
    return _vocabulary("Assunto", title=lambda obj: obj.titulo_completo())


@provider(IVocabularyFactory)
def tipos_conferencia(context=None):
    return _vocabulary("TipoConferencia")


@provider(IVocabularyFactory)
def contatos(context=None):
    if api.user.is_anonymous():
        return SimpleVocabulary([])
    from seimg.organizacao.atual import unidade_atual

    unidade = unidade_atual()
    if unidade is None:
        if "Manager" in api.user.get_current().getRoles():
            return _vocabulary("Contato")
        return SimpleVocabulary([])
    return _vocabulary("Contato", orgao=unidade.aq_parent.UID())
