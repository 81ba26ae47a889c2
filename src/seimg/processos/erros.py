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
    return Forbidden(traduzir(message))


def invalido(message) -> BadRequest:
    return BadRequest(traduzir(message))
