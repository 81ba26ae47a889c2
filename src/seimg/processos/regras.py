"""The rules of processos and documentos, as plain functions.

Views, services, subscribers and workflow guards ask these; each answer that
refuses carries a message for people.
"""

from plone import api
from seimg import _
from seimg.interfaces import IDocumentoBase
from seimg.nivel_acesso import niveis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import tramite
from seimg.processos.erros import proibido
from zope.interface import Invalid


def validar_nivel_do_tipo(tipo_uid, nivel) -> None:
    """The tipo de processo must allow the chosen access level."""
    if not tipo_uid or not nivel:
        return
    from seimg.tabelas import obter

    tipo = obter(tipo_uid)
    permitidos = getattr(tipo, "niveis_permitidos", None) if tipo else None
    if permitidos and nivel not in permitidos:
        raise Invalid(
            _(
                "nivel_nao_permitido",
                default="Nível de acesso: the process type '${tipo}' does not "
                "allow the level ${nivel}.",
                mapping={"tipo": tipo.title, "nivel": niveis.titulo(nivel)},
            )
        )


def exigir_unidade():
    """The acting unit; refuse when the user acts for none."""
    unidade = unidade_atual()
    if unidade is None:
        raise proibido(
            _(
                "processo_sem_unidade",
                default="You act for no unit: ask your órgão's administrator "
                "for a perfil in a unit.",
            )
        )
    return unidade


def exigir_acesso(processo):
    """Refuse users who cannot see ``processo`` (e.g. sigiloso, no credential)."""
    if not api.user.has_permission("View", obj=processo):
        raise proibido(
            _(
                "processo_sem_acesso",
                default="You have no access to the process ${numero}.",
                mapping={"numero": processo.numero},
            )
        )


def exigir_aberto(processo):
    """The acting unit, which must have ``processo`` open (and the user see it)."""
    unidade = exigir_unidade()
    exigir_acesso(processo)
    if not tramite.aberto_em(processo, unidade):
        raise proibido(
            _(
                "processo_nao_aberto",
                default="The process ${numero} is not open in your unit ${unidade}.",
                mapping={
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    return unidade


def e_minuta(documento) -> bool:
    return api.content.get_state(documento, default=None) == "minuta"


def da_unidade_atual(documento) -> bool:
    unidade = unidade_atual()
    return unidade is not None and documento.unidade_geradora == unidade.UID()


def motivo_para_nao_excluir(documento):
    """None when the acting unit may delete ``documento``, else the reason."""
    state = api.content.get_state(documento, default=None)
    if state == "cancelado":
        return _("excluir_cancelado", default="A cancelled document cannot be deleted.")
    if not da_unidade_atual(documento):
        return _(
            "excluir_outra_unidade",
            default="Only the unit that generated the document may delete it.",
        )
    if state == "minuta":
        return None
    if state == "assinado":
        return _(
            "excluir_assinado",
            default="A signed document is never deleted: cancel it with a reason.",
        )
    # A registered external document: deletable while nobody else saw it.
    if tramite.foi_enviado(documento.aq_parent):
        return _(
            "excluir_visto",
            default="Other units may already have seen this document: cancel it "
            "with a reason instead of deleting it.",
        )
    return None


def motivo_para_nao_cancelar(documento):
    state = api.content.get_state(documento, default=None)
    if state == "cancelado":
        return _("ja_cancelado", default="The document is already cancelled.")
    if state == "minuta":
        return _(
            "cancelar_minuta",
            default="A minuta is not cancelled: delete it instead.",
        )
    if not da_unidade_atual(documento):
        return _(
            "cancelar_outra_unidade",
            default="Only the unit that generated the document may cancel it.",
        )
    if not tramite.aberto_em(documento.aq_parent, unidade_atual()):
        return _(
            "cancelar_fechado",
            default="The process must be open in your unit to cancel a document.",
        )
    return None


def motivo_para_nao_excluir_processo(processo):
    if any(IDocumentoBase.providedBy(obj) for obj in processo.objectValues()):
        return _(
            "excluir_processo_com_documentos",
            default="A process that holds documents cannot be deleted.",
        )
    if tramite.foi_enviado(processo):
        return _(
            "excluir_processo_enviado",
            default="A process that was sent to another unit cannot be deleted.",
        )
    unidade = unidade_atual()
    if unidade is None or unidade.UID() != processo.unidade_geradora:
        return _(
            "excluir_processo_outra_unidade",
            default="Only the unit that generated the process may delete it.",
        )
    return None


def pode_tornar_sigiloso(processo) -> bool:
    """Only while the process is open in the acting unit alone."""
    unidade = unidade_atual()
    return unidade is not None and tramite.unidades_abertas(processo) == [unidade.UID()]
