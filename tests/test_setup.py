"""Installation, uninstallation and reinstallation of the seimg profile."""

from pathlib import Path
from plone import api
from plone.browserlayer.utils import registered_layers
from seimg.interfaces import ISeimgLayer
import pytest
import re
import seimg


# The profile's own version: every upgrade test expects to reach it.
VERSAO = (
    re.search(
        r"<version>(\d+)</version>",
        (Path(seimg.__file__).parent / "profiles/default/metadata.xml").read_text(),
    ).group(1),
)


REGISTRY = (
    "collective.documentgenerator.browser.controlpanel."
    "IDocumentGeneratorControlPanelSchema."
)


class TestSetup:
    def test_product_installed(self, installer):
        assert installer.is_product_installed("seimg")

    def test_browserlayer(self, portal):
        assert ISeimgLayer in registered_layers()

    def test_profile_version(self, setup_tool):
        assert setup_tool.getLastVersionForProfile("seimg:default") == VERSAO

    def test_dependencies_installed(self, installer):
        for name in ("plone.restapi", "collective.documentgenerator"):
            assert installer.is_product_installed(name), name

    def test_documentgenerator_points_at_supervised_libreoffice(self, portal):
        assert api.portal.get_registry_record(REGISTRY + "oo_server") == "127.0.0.1"
        uno = api.portal.get_registry_record(REGISTRY + "uno_path")
        assert uno.endswith("seimg-python-uno")
        assert api.portal.get_registry_record(
            REGISTRY + "raiseOnError_for_non_managers"
        )

    def test_site_language_is_brazilian_portuguese(self, portal):
        assert api.portal.get_default_language() == "pt-br"


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer):
        installer.uninstall_product("seimg")

    def test_product_uninstalled(self, installer):
        assert not installer.is_product_installed("seimg")

    def test_browserlayer_removed(self, portal):
        assert ISeimgLayer not in registered_layers()

    def test_reinstall(self, installer, setup_tool):
        installer.install_product("seimg")
        assert installer.is_product_installed("seimg")
        assert ISeimgLayer in registered_layers()
        assert setup_tool.getLastVersionForProfile("seimg:default") == VERSAO


def test_upgrades_from_1001_add_processos_and_routing(portal, setup_tool):
    setup_tool.setLastVersionForProfile("seimg:default", "1001")
    setup_tool.upgradeProfile("seimg:default")
    assert setup_tool.getLastVersionForProfile("seimg:default") == VERSAO
    types = portal.portal_types.objectIds()
    assert {"Processo", "Documento", "DocumentoExterno", "TipoProcesso"} <= set(types)
    assert "processos" in portal.objectIds()
    assert "tabelas" in portal.objectIds()
    assert "numero_sei" in portal.portal_catalog.indexes()
    assert "unidades_abertas" in portal.portal_catalog.indexes()


def test_upgrade_to_1005_installs_the_templates(portal, setup_tool):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from seimg.geracao.instalar import MODELOS

    setRoles(portal, TEST_USER_ID, ["Manager"])
    if "modelos" in portal.objectIds():
        api.content.delete(obj=portal["modelos"])
    api.content.create(container=portal, type="Folder", id="exemplos")
    api.content.create(
        container=portal["exemplos"], type="Document", id="oficio-12-2026"
    )
    setup_tool.setLastVersionForProfile("seimg:default", "1004")

    setup_tool.upgradeProfile("seimg:default")

    assert setup_tool.getLastVersionForProfile("seimg:default") == VERSAO
    assert set(MODELOS) <= set(portal["modelos"].objectIds())
    assert "exemplos" not in portal.objectIds()
    ports = api.portal.get_registry_record(REGISTRY + "oo_port_list")
    assert len(ports.split()) == 2


def test_upgrade_to_1006_restricts_contatos_and_drops_cpfs_from_ids(portal, setup_tool):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from seimg.tabelas import pasta

    setRoles(portal, TEST_USER_ID, ["Manager"])
    cmvs = portal["orgaos"]["cmvs"].UID()
    contato = api.content.create(
        container=pasta("Contato"),
        type="Contato",
        id="fulano-cpf-829-874-567-19",
        nome="Fulano de Tal",
        cpf="82987456719",
    )
    contato.orgao = cmvs
    uid = contato.UID()
    pessoal = api.content.find(portal_type="HipoteseLegal", Title="Informação Pessoal")
    pessoal[0].getObject().informacao_pessoal = False
    setup_tool.setLastVersionForProfile("seimg:default", "1005")

    setup_tool.upgradeProfile("seimg:default")

    assert setup_tool.getLastVersionForProfile("seimg:default") == VERSAO
    renomeado = api.content.get(UID=uid)
    assert renomeado.getId() == "fulano-de-tal"
    assert pessoal[0].getObject().informacao_pessoal
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog.unrestrictedSearchResults(UID=uid)[0].getRID()
    # Catalog security: the órgão's unit groups, not every authenticated user.
    vistos = set(catalog.getIndexDataForRID(rid)["allowedRolesAndUsers"])
    assert "Authenticated" not in vistos
    assert any(v.startswith("user:seimg-") for v in vistos), vistos
