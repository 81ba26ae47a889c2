"""The organisation's version: a token renewed whenever an órgão or unit changes.

Units' sigla paths (``CMVS/SECRETARIA/PROTOCOLO``) are asked on nearly every
request (the ``X-Unidade`` header, labels, andamentos) and each costs a
look-up per ancestor; they are kept per Zope process until the token changes
(see :mod:`seimg.base.versao`), as are the units the header names.
"""

from seimg.base import versao
from zope.component.hooks import getSite


ATRIBUTO = "_seimg_versao_organizacao"

#: unit UID -> sigla path, and "sigla path" -> unit's physical path
SIGLAS = versao.Guardados(ATRIBUTO)
CAMINHOS = versao.Guardados(ATRIBUTO)


def instalar(portal) -> versao.Versao:
    """Create the organisation's token on ``portal`` (idempotent)."""
    return versao.instalar(portal, ATRIBUTO)


def siglas() -> dict | None:
    """The kept sigla paths of the current site (None: nothing is kept)."""
    site = getSite()
    return SIGLAS.obter(site) if site is not None else None


def caminhos() -> dict | None:
    """The kept places of the units named by sigla path (None: nothing kept)."""
    site = getSite()
    return CAMINHOS.obter(site) if site is not None else None


def organizacao_mudou(obj, event) -> None:
    """An órgão or unit was added, edited, removed, moved or had a workflow
    transition: sigla paths may have changed."""
    from seimg.base.pedido import esquecer
    from seimg.organizacao.estrutura import SIGLAS as MEMO

    esquecer(MEMO)
    versao.mudar(getSite(), ATRIBUTO)
