"""Upgrade 1009 adds the "Acervo de sigilosos" tab, once."""

from plone import api


def test_upgrade_1009_adiciona_a_aba(integration):
    from seimg.upgrades import v1009

    abas = api.portal.get_tool("portal_actions")["portal_tabs"]
    original = abas[v1009.ID]
    expressao = original.available_expr
    abas._delObject(v1009.ID)
    v1009.upgrade(None)
    v1009.upgrade(None)  # idempotent
    assert list(abas.objectIds()).count(v1009.ID) == 1
    assert abas[v1009.ID].available_expr == expressao
    assert abas[v1009.ID].url_expr == original.url_expr
