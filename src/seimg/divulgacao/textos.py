"""The words of the disclosure table's masked forms, translated."""

from seimg import _
from zope.globalrequest import getRequest
from zope.i18n import translate


def acesso_restrito(hipotese: str) -> str:
    """``Acesso restrito — <hipótese>`` (or without the hipótese)."""
    if hipotese:
        mensagem = _(
            "divulgacao_acesso_restrito_hipotese",
            default="Restricted access — ${hipotese}",
            mapping={"hipotese": hipotese},
        )
    else:
        mensagem = _("divulgacao_acesso_restrito", default="Restricted access")
    return translate(mensagem, context=getRequest())
