"""1001 → 1002: processos and documentos.

Types Processo, Documento, DocumentoExterno and the tables (tipos, hipóteses
legais, assuntos, contatos), their workflows, roles, registry settings and
catalog indexes, versioning of documents, and the folders that hold them.
"""

from plone import api


STEPS = (
    "typeinfo",
    "workflow",
    "rolemap",
    "plone.app.registry",
    "catalog",
    "repositorytool",
    "difftool",
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
