"""1004 → 1005: official document templates and the LibreOffice worker pool."""

from plone import api


def upgrade(context):
    from seimg.geracao import libreoffice
    from seimg.geracao.instalar import instalar_modelos

    # The worker pool: collective.documentgenerator's registry lists every port.
    libreoffice.configure_documentgenerator()
    instalar_modelos()
    # The demo's toy ofício example (a plain Page) is gone with the real
    # templates; remove it from sites that had it, unless someone changed it.
    portal = api.portal.get()
    exemplos = portal.get("exemplos")
    if exemplos is not None and set(exemplos.objectIds()) <= {"oficio-12-2026"}:
        api.content.delete(obj=exemplos)
