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
    """Point documentgenerator at seimg's LibreOffice; create seimg's folders."""
    libreoffice.configure_documentgenerator()
    create_folders()
    install_access_limits()
    from seimg.geracao.instalar import instalar_modelos
    from seimg.processos.editor import configurar_editor

    instalar_modelos()
    configurar_editor()  # TinyMCE and safe_html keep the templates' fields
    from seimg.transparencia.instalar import instalar_portal

    instalar_portal()  # the site's home page
    from plone import api
    from seimg.operacao import textindex

    # words catalogued before seimg's counters existed (Plone's own content)
    textindex.converter(api.portal.get_tool("portal_catalog"))


def create_folders():
    """The site folders seimg keeps its content in (idempotent)."""
    from plone import api
    from seimg.numeracao.contadores import instalar
    from seimg.organizacao import versao as versao_organizacao
    from seimg.tabelas import versao
    from seimg.tabelas.setup import create_tabelas

    instalar(api.portal.get())
    versao.instalar(api.portal.get())
    versao_organizacao.instalar(api.portal.get())
    from seimg.controle import indice

    if indice.raiz(api.portal.get()) is None:
        indice.reconstruir(api.portal.get())
    from seimg.pesquisa import indice as pesquisa

    pesquisa.criar_vazio(api.portal.get())
    create_orgaos_folder()
    create_processos_folder()
    create_tabelas()


def create_processos_folder():
    """``/processos``: every Processo of every órgão (only Processo addable)."""
    from plone import api
    from Products.CMFPlone.interfaces.constrains import ENABLED
    from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
    from seimg.content.pasta import adotar

    portal = api.portal.get()
    if "processos" in portal.objectIds():
        folder = portal["processos"]
        _unordered(folder)
        adotar(folder)
        return folder
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=portal,
            type="Folder",
            id="processos",
            title="Processos",
            description="Processos administrativos eletrônicos.",
            exclude_from_nav=True,
        )
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(["Processo"])
        constraints.setImmediatelyAddableTypes(["Processo"])
        api.content.transition(obj=folder, to_state="published")
        # Any staff member may start a process here (the acting unit is
        # checked when it is added) and delete it while rules allow.
        staff = ["Manager", "Site Administrator", "Member"]
        folder.manage_permission("Add portal content", staff, acquire=False)
        folder.manage_permission("Delete objects", staff, acquire=False)
        folder.manage_permission("seimg: Add Processo", staff, acquire=False)
        _unordered(folder)
        adotar(folder)
    return folder


def _unordered(folder):
    """Thousands of processes, added concurrently: no ordering list to fight over."""
    if folder.getOrdering().__class__.__name__ != "UnorderedOrdering":
        folder.setOrdering("unordered")


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


def install_access_limits():
    """The PAS plugin that throttles every password check (seimg.acesso)."""
    from plone import api
    from seimg.acesso import pas

    pas.instalar(api.portal.get())


def post_install_demo(context):
    """Create the demo content (see :mod:`seimg.demo`)."""
    from seimg import demo

    demo.create_demo_content()


def uninstall(context):
    """Undo what the uninstall profile cannot: the access-limits PAS plugin."""
    from plone import api
    from seimg.acesso import pas

    pas.desinstalar(api.portal.get())
