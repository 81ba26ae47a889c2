"""Named vocabularies of the tables: values are UIDs, titles readable.

Only items in the ``ativo`` state are offered. Each vocabulary is built once
per Zope process and site and kept until the tables change (the token of
:mod:`seimg.tabelas.versao`, which every table change renews). The catalog is searched
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
import threading


CONTATOS = "seimg.Contatos"
PERMISSIONS[CONTATOS] = "seimg: Add Contato"

# (site path, vocabulary, extra key) -> (tables token, vocabulary)
_CACHE: dict[tuple, tuple[str, SimpleVocabulary]] = {}
_TRAVA = threading.Lock()


def _guardado(nome: str, construir: Callable[[], SimpleVocabulary], extra=None):
    """``construir()``'s vocabulary, built again only when the tables changed."""
    from seimg.tabelas.versao import token

    portal = api.portal.get()
    atual = token(portal)
    if atual is None:
        return construir()
    chave = (portal.getPhysicalPath(), nome, extra)
    guardado = _CACHE.get(chave)
    if guardado is not None and guardado[0] == atual:
        return guardado[1]
    vocabulario = construir()
    with _TRAVA:
        _CACHE[chave] = (atual, vocabulario)
    return vocabulario


def limpar_cache() -> None:
    """Forget every kept vocabulary (tests)."""
    with _TRAVA:
        _CACHE.clear()


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
    return _guardado("tipos_processo", lambda: _vocabulary("TipoProcesso"))


@provider(IVocabularyFactory)
def tipos_documento(context=None):
    return _guardado("tipos_documento", lambda: _vocabulary("TipoDocumento"))


@provider(IVocabularyFactory)
def tipos_documento_interno(context=None):
    return _guardado(
        "tipos_documento_interno",
        lambda: _vocabulary("TipoDocumento", keep=lambda obj: obj.interno),
    )


@provider(IVocabularyFactory)
def tipos_documento_externo(context=None):
    return _guardado(
        "tipos_documento_externo",
        lambda: _vocabulary("TipoDocumento", keep=lambda obj: obj.externo),
    )


@provider(IVocabularyFactory)
def hipoteses_legais(context=None):
    return _guardado(
        "hipoteses_legais",
        lambda: _vocabulary("HipoteseLegal", title=lambda obj: obj.titulo_completo()),
    )


@provider(IVocabularyFactory)
def assuntos(context=None):
    return _guardado(
        "assuntos",
        lambda: _vocabulary("Assunto", title=lambda obj: obj.titulo_completo()),
    )


@provider(IVocabularyFactory)
def tipos_conferencia(context=None):
    return _guardado("tipos_conferencia", lambda: _vocabulary("TipoConferencia"))


@provider(IVocabularyFactory)
def contatos(context=None):
    if api.user.is_anonymous():
        return SimpleVocabulary([])
    from seimg.organizacao.atual import unidade_atual

    unidade = unidade_atual()
    if unidade is None:
        if "Manager" in api.user.get_current().getRoles():
            return _guardado(CONTATOS, lambda: _vocabulary("Contato"))
        return SimpleVocabulary([])
    orgao = unidade.aq_parent.UID()
    return _guardado(CONTATOS, lambda: _vocabulary("Contato", orgao=orgao), orgao)
