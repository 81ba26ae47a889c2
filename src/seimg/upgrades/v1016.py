"""1015 → 1016: "Marcadores" in the main menu.

Adds the ``marcadores`` action (portal_tabs) of ``profiles/default/actions.xml``
— the acting unit's tags, for users with a unit — after "Blocos". Only that
action: the other tabs, and any change a manager made to them, stay as they
are. Running it twice changes nothing.
"""

from plone import api
from Products.CMFCore.ActionInformation import Action
import logging


logger = logging.getLogger("seimg.upgrades")

ACAO = "marcadores"
PROPRIEDADES = {
    "title": "Tags",
    "description": "The tags your unit puts on processes",
    "i18n_domain": "seimg",
    "url_expr": "string:${portal_url}/@@marcadores",
    "link_target": "",
    "icon_expr": "",
    "available_expr": "python:member is not None and "
    "modules['seimg.notas.api'].pode_gerenciar_marcadores()",
    "permissions": ("View",),
    "visible": True,
}


def upgrade(context):
    abas = api.portal.get_tool("portal_actions").get("portal_tabs")
    if abas is None or ACAO in abas.objectIds():
        return
    abas._setObject(ACAO, Action(ACAO, **PROPRIEDADES))
    ids = abas.objectIds()
    if "blocos" in ids:
        abas.moveObjectToPosition(ACAO, list(ids).index("blocos") + 1)
    logger.info("Menu: the 'Marcadores' tab added")
