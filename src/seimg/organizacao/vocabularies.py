"""Vocabularies of the organisation (units of the current órgão)."""

from seimg.content.orgao import IOrgao
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import Acquisition


def _orgao_of(context):
    for obj in Acquisition.aq_chain(context):
        if IOrgao.providedBy(obj):
            return obj
    return None


@provider(IContextSourceBinder)
def unidades_do_orgao(context):
    """Active units of the context's órgão, by full sigla path."""
    orgao = _orgao_of(context)
    if orgao is None:
        return SimpleVocabulary([])
    terms = [
        SimpleTerm(u.UID(), token=u.UID(), title=f"{u.sigla_completa()} - {u.nome}")
        for u in orgao.unidades()
        if u.ativa
    ]
    return SimpleVocabulary(sorted(terms, key=lambda t: t.title))


@provider(IVocabularyFactory)
def UnidadesDoOrgaoFactory(context):
    return unidades_do_orgao(context)
