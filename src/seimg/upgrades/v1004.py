"""1003 → 1004: assinatura eletrônica, blocos de assinatura, autenticidade."""

from plone import api


STEPS = (
    "typeinfo",
    "workflow",
    "rolemap",
    "catalog",
    "plone.app.registry",
    "controlpanel",
    "actions",
)


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-seimg:workflows")
    for step in STEPS:
        setup.runImportStepFromProfile("profile-seimg:default", step)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    from seimg import setuphandlers

    setuphandlers.create_folders()
