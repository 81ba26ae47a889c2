"""Errors of field validation that every form and REST endpoint understands.

plone.restapi's deserializer answers 400 only for ``ValueError`` and
``zope.schema.ValidationError``; a bare ``zope.interface.Invalid`` raised by
a field constraint becomes a 500. Constraints raise :class:`CampoInvalido`.
"""

from zope.schema import ValidationError


class CampoInvalido(ValidationError):
    """A value refused by a field constraint; ``args[0]`` is an i18n message."""

    def doc(self):
        return self.args[0]


def recusa(texto: str):
    """A ``Forbidden`` whose (translated, Portuguese) text may be shown.

    seimg's refusal views (:mod:`seimg.divulgacao.recusa`) show the reason of
    these refusals only; other ``Forbidden`` texts (Zope's) are replaced by a
    generic message, as they may name objects.
    """
    from zExceptions import Forbidden

    erro = Forbidden(texto)
    erro.seimg = True
    return erro


class InvalidInput(Exception):
    """Input refused: ``campos`` lists ``(campo, mensagem)`` (i18n messages).

    ``status``: 400 for the shape of the input (types, unknown fields,
    malformed text), 422 for values the domain refuses.
    """

    def __init__(self, campos, status: int = 400, mensagem=None, tipo=None):
        super().__init__(campos)
        self.campos = list(campos)
        self.status = status
        self.mensagem = mensagem
        self.tipo = tipo
