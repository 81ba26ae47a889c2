"""1012 → 1013: the tables' version token.

Creates :mod:`seimg.tabelas.versao`'s token on the site, so the tables'
vocabularies are kept between requests and rebuilt only when a table
changes. Nothing else is touched.
"""

from plone import api
from seimg.tabelas import versao


def upgrade(context):
    versao.instalar(api.portal.get())
