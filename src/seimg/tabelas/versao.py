"""The tables' version: one token that changes whenever a table does.

The vocabularies of the tables (:mod:`seimg.tabelas.vocabularies`) and the
places of their items (:func:`seimg.tabelas.obter`) are kept per Zope process
until the token changes (see :mod:`seimg.base.versao`).
"""

from seimg.base import versao
from seimg.base.versao import Versao


ATRIBUTO = "_seimg_versao_tabelas"

#: The class of the first installations' token object (unpickling).
VersaoTabelas = Versao


def instalar(portal) -> Versao:
    """Create the tables' token on ``portal`` (idempotent); returns it."""
    return versao.instalar(portal, ATRIBUTO)


def token(portal) -> str | None:
    """The current token, or None before :func:`instalar` (no caching then)."""
    return versao.token(portal, ATRIBUTO)


def tabela_mudou(item, event) -> None:
    """A table item was added, edited, removed, moved or had a workflow
    transition: the tables changed."""
    from seimg.base.pedido import esquecer
    from seimg.tabelas import OBTIDOS
    from zope.component.hooks import getSite

    esquecer(OBTIDOS)
    versao.mudar(getSite(), ATRIBUTO)
