"""1017 → 1018: no navigation portlet beside seimg's pages.

Removes Plone's navigation portlet from the site root's left column: the main
menu, the Controle de Processos and the process tree are the navigation. Only
that assignment; other portlets an administrator added stay. Running it twice
changes nothing.
"""

from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from zope.component import getMultiAdapter
from zope.component import getUtility
import logging


logger = logging.getLogger("seimg.upgrades")


def upgrade(context):
    from plone import api

    portal = api.portal.get()
    coluna = getUtility(IPortletManager, name="plone.leftcolumn", context=portal)
    atribuicoes = getMultiAdapter((portal, coluna), IPortletAssignmentMapping)
    if "navigation" in atribuicoes:
        del atribuicoes["navigation"]
        logger.info("Left column: Plone's navigation portlet removed")
