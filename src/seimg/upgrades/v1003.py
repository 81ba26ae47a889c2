"""1002 → 1003: tramitação (routing indexes of the Controle de Processos)."""

from plone import api


STEPS = ("catalog", "plone.app.registry", "rolemap", "typeinfo", "actions")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-seimg:workflows")
    for step in STEPS:
        setup.runImportStepFromProfile("profile-seimg:default", step)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Processo"):
        processo = brain._unrestrictedGetObject()
        processo.reindexObject()
