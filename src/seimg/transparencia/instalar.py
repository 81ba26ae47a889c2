"""The portal as the site's home page (profile and upgrade step 1021).

The site root's view becomes ``transparencia`` (added to the Plone Site
type's views, so the "Display" menu still lists it); a default page set by
seimg's demo (``bem-vindo``, which told visitors to log in) no longer hides
it. A default page chosen by a manager is kept.
"""

from plone import api
import logging


logger = logging.getLogger("seimg.transparencia")

VISAO = "transparencia"
#: Default pages seimg itself set (the demo's): replaced by the portal.
PAGINAS_DO_SEIMG = ("bem-vindo",)


def instalar_portal(portal=None) -> bool:
    """Make the portal the site's home; True when something changed."""
    portal = portal if portal is not None else api.portal.get()
    mudou = False
    fti = api.portal.get_tool("portal_types").getTypeInfo(portal)
    if fti is not None:
        visoes = list(fti.getProperty("view_methods") or ())
        if VISAO not in visoes:
            fti._updateProperty("view_methods", (*visoes, VISAO))
            mudou = True
    pagina = portal.getDefaultPage() if hasattr(portal, "getDefaultPage") else None
    if pagina in PAGINAS_DO_SEIMG:
        portal.setDefaultPage(None)
        mudou = True
    if pagina in (None, *PAGINAS_DO_SEIMG) and portal.getLayout() != VISAO:
        portal.setLayout(VISAO)
        mudou = True
    if mudou:
        logger.info("The transparency portal is the site's home page")
    return mudou
