"""GenericSetup install, demo and uninstall handlers of seimg."""

from plone.base.interfaces import INonInstallable
from seimg.geracao import libreoffice
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep seimg's secondary profiles out of the add-ons control panel."""

    def getNonInstallableProfiles(self):
        return ["seimg:uninstall", "seimg:demo"]

    def getNonInstallableProducts(self):
        return []


def post_install(context):
    """Point collective.documentgenerator at seimg's supervised LibreOffice."""
    libreoffice.configure_documentgenerator()


def post_install_demo(context):
    """Create the demo content (see :mod:`seimg.demo`)."""
    from seimg import demo

    demo.create_demo_content()


def uninstall(context):
    """Nothing left to undo beyond what the uninstall profile removes."""
