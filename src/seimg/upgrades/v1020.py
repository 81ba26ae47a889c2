"""1019 → 1020: "Pesquisa" in the main menu.

Adds the ``pesquisa`` action (portal_tabs) of ``profiles/default/actions.xml``
— the staff search page, for signed-in users — at the end of the menu. Only
that action: the other tabs, and any change a manager made to them, stay as
they are. Running it twice changes nothing.
"""

from plone import api
from Products.CMFCore.ActionInformation import Action
import logging


logger = logging.getLogger("seimg.upgrades")

ACAO = "pesquisa"
PROPRIEDADES = {
    "title": "Search",
    "description": "Find processes and documents by words, numbers and filters",
    "i18n_domain": "seimg",
    "url_expr": "string:${portal_url}/@@pesquisa",
    "link_target": "",
    "icon_expr": "",
    "available_expr": "python:member is not None",
    "permissions": ("View",),
    "visible": True,
}


def upgrade(context):
    abas = api.portal.get_tool("portal_actions").get("portal_tabs")
    if abas is None or ACAO in abas.objectIds():
        return
    abas._setObject(ACAO, Action(ACAO, **PROPRIEDADES))
    logger.info("Menu: the 'Pesquisa' tab added")
