"""Registry settings of signing (records ``seimg.assinatura.*``)."""

from seimg import _
from zope import schema
from zope.interface import Interface


class IAssinaturaSettings(Interface):
    max_falhas = schema.Int(
        title=_("assinatura_max_falhas", default="Wrong passwords before locking"),
        description=_(
            "assinatura_max_falhas_ajuda",
            default="Wrong passwords in a row after which signing is locked for "
            "the user.",
        ),
        default=5,
        min=1,
    )
    bloqueio_minutos = schema.Int(
        title=_("assinatura_bloqueio_minutos", default="Lock time (minutes)"),
        description=_(
            "assinatura_bloqueio_minutos_ajuda",
            default="How long signing stays locked after too many wrong passwords.",
        ),
        default=15,
        min=1,
    )
