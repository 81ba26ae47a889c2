"""Upgrade 1014 → 1015 sets the theme's registry records and the toolbar
permission, and touches no other registry record."""

from plone import api
from plone.registry.interfaces import IRegistry
from seimg.upgrades import v1015
from zope.component import getUtility


def _papeis_barra(portal):
    return sorted(
        p["name"]
        for p in portal.rolesOfPermission("Show Toolbar")
        if p["selected"] == "SELECTED"
    )


def test_upgrade_1015(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    # A site before 1015: no bundle, Plone's TinyMCE, the toolbar for all.
    for nome in [n for n in registry.records if n.startswith("plone.bundles/seimg")]:
        del registry.records[nome]
    registry["plone.toolbar"] = "ltr rtl | undo redo | ploneimage"
    registry["plone.other_settings"] = "{}"
    registry["plone.sort_on"] = "Date"
    portal.manage_permission("Show Toolbar", ["Authenticated"], acquire=True)

    v1015.upgrade(api.portal.get_tool("portal_setup"))

    assert registry["plone.bundles/seimg.csscompilation"] == "++plone++seimg/seimg.css"
    assert registry["plone.bundles/seimg.jscompilation"] == "++plone++seimg/seimg.js"
    assert registry["plone.bundles/seimg.enabled"] is True
    assert "ploneimage" not in registry["plone.toolbar"]
    assert "plone.other_settings" in registry
    assert '"menubar": false' in registry["plone.other_settings"]
    assert "code" not in registry["plone.plugins"]
    assert registry["plone.sort_on"] == "Date"
    assert _papeis_barra(portal) == ["Manager", "Site Administrator"]


def test_profile_installs_the_same(integration):
    portal = integration["portal"]
    registry = getUtility(IRegistry)
    assert registry["plone.bundles/seimg.csscompilation"] == "++plone++seimg/seimg.css"
    assert _papeis_barra(portal) == ["Manager", "Site Administrator"]
