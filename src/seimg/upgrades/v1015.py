"""1014 → 1015: seimg's look (seimg.tema).

Imports ``profiles/default/registry/tema.xml`` alone (the ``seimg`` bundle on
every page, TinyMCE's plugins, toolbar and settings) and gives Plone's
``Show Toolbar`` permission to Managers and Site Administrators only, as
``rolemap.xml`` now does. Nothing else of the registry or the role map is
touched.
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
import logging


logger = logging.getLogger("seimg.upgrades")

TEMA = Path(__file__).parent.parent / "profiles" / "default" / "registry" / "tema.xml"
PAPEIS_BARRA = ("Manager", "Site Administrator")


class _Ambiente:
    """What RegistryImporter asks of a GenericSetup import context."""

    def getLogger(self, nome):
        return logging.getLogger(nome)

    def shouldPurge(self):
        return False


def upgrade(context):
    RegistryImporter(getUtility(IRegistry), _Ambiente()).importDocument(
        TEMA.read_bytes()
    )
    api.portal.get().manage_permission("Show Toolbar", PAPEIS_BARRA, acquire=False)
    logger.info("seimg.tema: bundle, TinyMCE and Show Toolbar set")
