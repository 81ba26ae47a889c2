"""1012 → 1013: the tables' and the organisation's version tokens.

Creates the tokens of :mod:`seimg.tabelas.versao` and
:mod:`seimg.organizacao.versao` on the site, so the tables' vocabularies and
the units' sigla paths are kept between requests and built again only when
they change. Nothing else is touched.
"""

from plone import api
from seimg.organizacao import versao as versao_organizacao
from seimg.tabelas import versao


def upgrade(context):
    versao.instalar(api.portal.get())
    versao_organizacao.instalar(api.portal.get())
