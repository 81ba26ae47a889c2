"""Vocabularies of the organisation (units of the current órgão)."""

from seimg import _
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import Acquisition


#: The órgão's esfera and poder (fields of seimg.content.orgao.IOrgao).
ESFERAS = SimpleVocabulary(
    [
        SimpleTerm("municipal", title=_("Municipal")),
        SimpleTerm("estadual", title=_("Estadual")),
        SimpleTerm("federal", title=_("Federal")),
    ]
)
PODERES = SimpleVocabulary(
    [
        SimpleTerm("executivo", title=_("Executivo")),
        SimpleTerm("legislativo", title=_("Legislativo")),
        SimpleTerm("judiciario", title=_("Judiciário")),
        SimpleTerm("autonomo", title=_("Autônomo")),
    ]
)


def _orgao_of(context):
    for obj in Acquisition.aq_chain(context):
        if getattr(obj, "portal_type", None) == "Orgao":
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
