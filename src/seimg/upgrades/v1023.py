"""1022 → 1023: HTTP caching of the public pages (seimg.transparencia.cache).

Installs plone.app.caching when the site lacks it (seimg's sites are made
without Plone's add-site form, which would have installed it), then imports
``profiles/default/registry/caching.xml`` alone: caching on, the ruleset
``seimg.publico`` mapped to ``seimg.caching.publico`` (mappings a manager
added stay) and that operation's options. Nothing else of the registry is
touched. Running it twice changes nothing.
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from Products.GenericSetup.tool import UNKNOWN
from zope.component import getUtility
import logging


logger = logging.getLogger("seimg.upgrades")

PERFIL_CACHING = "plone.app.caching:default"
CACHING = (
    Path(__file__).parent.parent / "profiles" / "default" / "registry" / "caching.xml"
)


class _Ambiente:
    """What RegistryImporter asks of a GenericSetup import context."""

    def getLogger(self, nome):
        return logging.getLogger(nome)

    def shouldPurge(self):
        return False


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    if setup.getLastVersionForProfile(PERFIL_CACHING) == UNKNOWN:
        setup.runAllImportStepsFromProfile(f"profile-{PERFIL_CACHING}")
        logger.info("plone.app.caching installed")
    RegistryImporter(getUtility(IRegistry), _Ambiente()).importDocument(
        CACHING.read_bytes()
    )
    logger.info("HTTP caching on for the public pages (ruleset seimg.publico)")
