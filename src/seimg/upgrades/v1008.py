"""1007 → 1008: restrito minutas no longer count towards the process's level.

Only the processes stored as restrito can change: each is recomputed by
:func:`seimg.nivel_acesso.efetivo.atualizar`, which writes (state, security,
index) only where the level is now different.
"""

from plone import api
from seimg.nivel_acesso import niveis
import logging
import transaction


logger = logging.getLogger("seimg.upgrades")
LOTE = 200


def upgrade(context):
    from seimg.processos import nivel

    catalog = api.portal.get_tool("portal_catalog")
    vistos = alterados = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Processo", nivel_acesso_efetivo=niveis.RESTRITO
    ):
        processo = brain._unrestrictedGetObject()
        vistos += 1
        if nivel.atualizar(processo) != niveis.RESTRITO:
            alterados += 1
        if vistos % LOTE == 0:
            transaction.savepoint(optimistic=True)
    logger.info(
        "1008: %d restrito processes recomputed, %d no longer restrito "
        "(their only restrito documents were minutas)",
        vistos,
        alterados,
    )
