"""The tables' version: one token that changes whenever a table does.

The vocabularies of the tables (:mod:`seimg.tabelas.vocabularies`) are built
once per Zope process and kept until the token changes. The token lives in
the database (a small persistent object on the site root), so a change made
through any Zope process invalidates every process's copy, each at its next
transaction. A new random token per change (never a counter) keeps a copy
built from an aborted transaction's state from ever matching a committed one.
"""

from Acquisition import aq_base
from persistent import Persistent
from uuid import uuid4


ATRIBUTO = "_seimg_versao_tabelas"


class VersaoTabelas(Persistent):
    """The token of the tables' current state."""

    def __init__(self):
        self.token = uuid4().hex

    def mudar(self) -> None:
        self.token = uuid4().hex


def instalar(portal) -> VersaoTabelas:
    """Create the version object on ``portal`` (idempotent); returns it."""
    base = aq_base(portal)
    versao = getattr(base, ATRIBUTO, None)
    if versao is None:
        versao = VersaoTabelas()
        setattr(base, ATRIBUTO, versao)
    return versao


def _objeto(portal) -> VersaoTabelas | None:
    return getattr(aq_base(portal), ATRIBUTO, None) if portal is not None else None


def token(portal) -> str | None:
    """The current token, or None before :func:`instalar` (no caching then)."""
    versao = _objeto(portal)
    return versao.token if versao is not None else None


def tabela_mudou(item, event) -> None:
    """A table item was added, edited, removed, moved or had a workflow
    transition: the tables changed."""
    from seimg.base.pedido import esquecer
    from seimg.tabelas import OBTIDOS
    from zope.component.hooks import getSite

    esquecer(OBTIDOS)
    versao = _objeto(getSite())
    if versao is not None:
        versao.mudar()
