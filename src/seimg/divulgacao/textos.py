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


def anterior_ao_corte() -> str:
    """The marker of a público document older than the órgão's data de corte."""
    return translate(
        _(
            "divulgacao_anterior_ao_corte",
            default="Document prior to the cut-off date — ask the órgão for access",
        ),
        context=getRequest(),
    )
