"""Hooks that let other features widen who may sign a document.

:func:`pode_assinar_por_bloco` is asked by :func:`seimg.assinatura.api.assinar`
when the signer's acting unit is not the generating unit (or the process is
not open there). :mod:`seimg.assinatura.blocos` answers it: users of a unit
a bloco de assinatura holding the document is disponibilizado to, and users
asked through "pedir assinatura", may sign.
"""


def pode_assinar_por_bloco(documento, userid: str) -> bool:
    """May ``userid`` sign ``documento`` through a bloco de assinatura or a pedido?"""
    from seimg.assinatura import blocos

    return blocos.pode_assinar(documento, userid)
