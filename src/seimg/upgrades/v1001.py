"""1000 → 1001: the organisation (Orgao, Unidade, perfis, their workflows)."""

from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-seimg:workflows")
    for step in ("typeinfo", "workflow", "rolemap", "memberdata-properties"):
        setup.runImportStepFromProfile("profile-seimg:default", step)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    from seimg.setuphandlers import create_orgaos_folder

    create_orgaos_folder()
