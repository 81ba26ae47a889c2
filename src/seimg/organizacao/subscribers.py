"""Event subscribers of the organisation: consistency and perfil groups."""

from plone import api
from seimg.organizacao import estrutura
from seimg.organizacao import perfis
from zExceptions import BadRequest
from zope.i18n import translate


def orgao_changed(orgao, event):
    estrutura.raise_if(estrutura.problemas_orgao(orgao, orgao.sigla, orgao.codigo))
    orgao.reindexObject(idxs=["Title", "sortable_title", "SearchableText"])


def unidade_added(unidade, event):
    estrutura.raise_if(
        estrutura.problemas_unidade(
            unidade.aq_parent, unidade, unidade.sigla, unidade.codigo, unidade.superior
        )
    )
    perfis.create_groups(unidade)


def unidade_modified(unidade, event):
    estrutura.raise_if(
        estrutura.problemas_unidade(
            unidade.aq_parent, unidade, unidade.sigla, unidade.codigo, unidade.superior
        )
    )
    # The full sigla path of the unit and of every unit below it may change.
    pending = [unidade]
    while pending:
        current = pending.pop()
        perfis.create_groups(current)
        current.reindexObject(idxs=["Title", "sortable_title", "SearchableText"])
        pending.extend(estrutura.subunidades(current))


def unidade_will_be_removed(unidade, event):
    """Used units are deactivated, never deleted (see seimg_unidade_workflow)."""
    if event.object is not unidade:
        return  # the órgão or the site itself is being removed
    if not estrutura.pode_excluir(unidade):
        raise BadRequest(
            translate(estrutura.em_uso(unidade), context=api.env.getRequest())
        )


def unidade_removed(unidade, event):
    if event.object is unidade:
        perfis.remove_groups(unidade)
