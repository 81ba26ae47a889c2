"""Catalog indexer ``orgao``: the UID of the órgão an object belongs to.

Objects that store the órgão's UID in their own ``orgao`` attribute
(Contato) are indexed with it; every other object is left out of the index
(nothing is acquired from parents).
"""

from Acquisition import aq_base
from plone.indexer import indexer
from zope.interface import Interface


@indexer(Interface)
def orgao(obj):
    value = getattr(aq_base(obj), "orgao", None)
    if isinstance(value, str) and value:
        return value
    raise AttributeError("orgao")
