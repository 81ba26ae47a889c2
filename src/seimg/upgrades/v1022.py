"""1021 → 1022: classified information (LAI arts. 23–24) and its expiry.

- the catalog index ``classificacao_expira`` (a DateIndex: the day a
  classification ends), empty: items recorded before this version have no
  data de produção, so none has a term to index yet;
- the hipóteses legais seeded as "Informação Classificada - Grau …" are
  marked ``classificada`` with their grau (only those still unmarked, found
  by title as the seed made them); an administrator marks any other.

Nothing else changes; running it twice changes nothing.
"""

from plone import api
import logging


logger = logging.getLogger("seimg.upgrades")

INDICE = "classificacao_expira"


def upgrade(context):
    from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
    from seimg.tabelas import dados

    catalog = api.portal.get_tool("portal_catalog")
    if INDICE not in catalog.indexes():
        catalog.addIndex(INDICE, DateIndex(INDICE))
        logger.info("Catalog: index %s added", INDICE)
    marcadas = 0
    for marca in catalog.unrestrictedSearchResults(portal_type="HipoteseLegal"):
        hipotese = marca._unrestrictedGetObject()
        grau = dados.HIPOTESES_CLASSIFICADAS.get(hipotese.title)
        if grau is None or getattr(hipotese, "classificada", False):
            continue
        hipotese.classificada = True
        if not getattr(hipotese, "grau", None):
            hipotese.grau = grau
        hipotese.reindexObject()
        marcadas += 1
    logger.info("Hipóteses legais: %d marked as classified information", marcadas)
