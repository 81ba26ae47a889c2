"""1006 → 1007: the PAS plugin throttling every password check (seimg.acesso)."""

from plone import api


def upgrade(context):
    from seimg.acesso import pas

    pas.instalar(api.portal.get())
