"""Hooks that let other features widen who may sign a document.

:func:`pode_assinar_por_bloco` is asked by :func:`seimg.assinatura.api.assinar`
when the signer's acting unit is not the generating unit (or the process is
not open there). Features answer it with subscription adapters providing
:class:`IAutorizacaoAssinatura`: ``seimg.blocos`` lets users of a unit a
bloco de assinatura holding the document is disponibilizado to, and users
asked through "pedir assinatura", sign.
"""

from zope.component import subscribers
from zope.interface import Interface


class IAutorizacaoAssinatura(Interface):
    """Subscription adapter of a document: may a user sign it by this path?"""

    def pode_assinar(userid):
        """True when ``userid`` may sign the document through this feature."""


def pode_assinar_por_bloco(documento, userid: str) -> bool:
    """May ``userid`` sign ``documento`` through a bloco de assinatura or a pedido?"""
    return any(
        autorizacao.pode_assinar(userid)
        for autorizacao in subscribers((documento,), IAutorizacaoAssinatura)
    )
