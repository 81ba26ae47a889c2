"""1008 → 1009: the "Acervo de sigilosos" tab (seimg.acervo).

Only that action is added to ``portal_tabs`` (nothing else of actions.xml is
re-applied).
"""

from plone import api
from Products.CMFCore.ActionInformation import Action


ID = "acervo-sigilosos"


def upgrade(context):
    abas = api.portal.get_tool("portal_actions")["portal_tabs"]
    if ID in abas.objectIds():
        return
    abas._setObject(
        ID,
        Action(
            ID,
            title="Acervo de sigilosos",
            description="Processos sigilosos da sua unidade",
            i18n_domain="seimg",
            url_expr="string:${portal_url}/@@acervo-sigilosos",
            available_expr="python:member is not None and "
            "modules['seimg.acervo.api'].disponivel()",
            permissions=("View",),
            visible=True,
        ),
    )
