"""Refusals with a translated message (REST answers them as JSON errors).

plone.restapi renders ``str(exception)``: messages are translated for the
current request before the exception is built.
"""

from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.globalrequest import getRequest
from zope.i18n import translate


def traduzir(message) -> str:
    return translate(message, context=getRequest())


def proibido(message) -> Forbidden:
    """A refusal whose Portuguese reason may be shown (see divulgacao.recusa)."""
    from seimg.base.erros import recusa

    return recusa(traduzir(message))


def invalido(message) -> BadRequest:
    return BadRequest(traduzir(message))
