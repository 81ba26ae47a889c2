"""GenericSetup install, demo and uninstall handlers of seimg."""

from plone.base.interfaces import INonInstallable
from seimg.geracao import libreoffice
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep seimg's secondary profiles out of the add-ons control panel."""

    def getNonInstallableProfiles(self):
        return ["seimg:uninstall", "seimg:demo", "seimg:workflows"]

    def getNonInstallableProducts(self):
        return []


def post_install(context):
    """Point documentgenerator at seimg's LibreOffice; create the órgãos folder."""
    libreoffice.configure_documentgenerator()
    create_orgaos_folder()


def create_orgaos_folder():
    """``/orgaos``: where every Orgao lives (only Orgao may be added there)."""
    from plone import api
    from Products.CMFPlone.interfaces.constrains import ENABLED
    from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
    from seimg.organizacao import ORGAOS_FOLDER

    portal = api.portal.get()
    if ORGAOS_FOLDER in portal.objectIds():
        return portal[ORGAOS_FOLDER]
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=portal,
            type="Folder",
            id=ORGAOS_FOLDER,
            title="Órgãos",
            description="Órgãos e unidades que usam o seimg.",
        )
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(["Orgao"])
        constraints.setImmediatelyAddableTypes(["Orgao"])
        api.content.transition(obj=folder, to_state="published")
    return folder


def post_install_demo(context):
    """Create the demo content (see :mod:`seimg.demo`)."""
    from seimg import demo

    demo.create_demo_content()


def uninstall(context):
    """Nothing left to undo beyond what the uninstall profile removes."""
