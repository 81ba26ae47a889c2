"""Actions on documents that the workflow alone cannot express: cancelar."""

from datetime import datetime
from datetime import UTC
from plone import api
from seimg import _
from seimg.nivel_acesso import efetivo as nivel
from seimg.processos import regras
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido


def cancelar(documento, motivo: str) -> None:
    """Cancel a signed or registered document with a reason (never deleted)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise invalido(
            _(
                "motivo_obrigatorio",
                default="Motivo: say why the document is cancelled.",
            )
        )
    if len(motivo) > 1000:
        raise invalido(_("motivo_longo", default="Motivo: at most 1000 characters."))
    recusa = regras.motivo_para_nao_cancelar(documento)
    if recusa is not None:
        raise proibido(recusa)
    documento.motivo_cancelamento = motivo
    documento.data_cancelamento = datetime.now(UTC)
    with api.env.adopt_roles([nivel.SISTEMA]):
        api.content.transition(obj=documento, transition="cancelar")
    from seimg import andamentos
    from seimg.processos.subscribers import rotulo

    andamentos.registrar(
        documento.aq_parent,
        "documento_cancelado",
        documento=rotulo(documento),
        documento_uid=documento.UID(),
        motivo=motivo,
    )
    documento.reindexObject()
