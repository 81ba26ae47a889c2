"""Anexar: a process joins its principal (``_anexos`` on the principal, in
order; ``_anexado_a`` on the annexed one); it is closed in every unit,
travels with the principal and counts in its effective level; desanexar
undoes it with a reason.
"""

from persistent.list import PersistentList
from seimg import _
from seimg import andamentos
from seimg.base.persistencia import atributo
from seimg.nivel_acesso import niveis
from seimg.processos import nivel
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from seimg.vinculos.comum import _exigir_visivel
from seimg.vinculos.comum import _motivo
from seimg.vinculos.comum import por_uid
from seimg.vinculos.sobrestamento import sobrestado


# -- anexação --------------------------------------------------------------------


def anexos(processo) -> list:
    """The processes annexed to ``processo``, in annexation order."""
    return nivel.anexos(processo)


def anexado_a(processo):
    """The principal ``processo`` is annexed to, or None."""
    return por_uid(atributo(processo, "_anexado_a"))


def exigir_independente(processo) -> None:
    """Refuse (403) acting on an annexed process: it travels with its principal."""
    principal = anexado_a(processo)
    if principal is not None:
        raise proibido(
            _(
                "processo_anexado_sem_independencia",
                default="The process ${numero} is attached to ${principal}: act on "
                "that process instead.",
                mapping={"numero": processo.numero, "principal": principal.numero},
            )
        )


def avisos_anexacao(principal, anexado) -> list:
    """Advisory (not blocking) remarks: different type or subjects."""
    avisos = []
    mesmo_tipo = principal.tipo_processo == anexado.tipo_processo
    assuntos_a = set(getattr(principal, "assuntos", None) or ())
    assuntos_b = set(getattr(anexado, "assuntos", None) or ())
    if not mesmo_tipo or (assuntos_a and assuntos_b and not assuntos_a & assuntos_b):
        avisos.append(
            _(
                "anexar_assunto_diferente",
                default="The processes ${principal} and ${anexado} seem to deal "
                "with different subjects.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    return avisos


def anexar(principal, anexado) -> list:
    """Attach the newer ``anexado`` into ``principal`` for good.

    Returns the advisory remarks (see :func:`avisos_anexacao`).
    """
    unidade = regras.exigir_aberto(principal)
    if principal.UID() == anexado.UID():
        raise invalido(
            _(
                "anexar_proprio",
                default="Processo: a process cannot be attached to itself.",
            )
        )
    _exigir_visivel(anexado)
    regras.exigir_aberto(anexado)
    if principal.orgao != anexado.orgao:
        raise proibido(
            _(
                "anexar_outro_orgao",
                default="${anexado} belongs to another órgão than ${principal}: only "
                "processes of the same órgão can be attached.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if niveis.SIGILOSO in (principal.nivel_efetivo, anexado.nivel_efetivo):
        raise proibido(
            _(
                "anexar_sigiloso",
                default="Secret processes cannot be attached nor receive attachments.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if not anexado.created() > principal.created():
        raise proibido(
            _(
                "anexar_mais_antigo",
                default="Only a newer process can be attached to an older one: "
                "${anexado} is not newer than ${principal}.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if anexado_a(anexado) is not None or anexado_a(principal) is not None:
        raise proibido(
            _(
                "anexar_ja_anexado",
                default="An attached process cannot take part in another attachment.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if atributo(anexado, "_anexos"):
        raise proibido(
            _(
                "anexar_com_anexos",
                default="${anexado} has processes attached to it and cannot be "
                "attached.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if sobrestado(anexado):
        raise proibido(
            _(
                "anexar_sobrestado",
                default="${anexado} is suspended: remove the suspension before "
                "attaching it.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    avisos = avisos_anexacao(principal, anexado)

    for uid in tramite.unidades_abertas(anexado):
        aberta = por_uid(uid)
        if aberta is not None:
            tramite.fechar_em(anexado, aberta)
    anexado._anexado_a = principal.UID()
    lista = atributo(principal, "_anexos")
    if lista is None:
        lista = principal._anexos = PersistentList()
    lista.append(anexado.UID())
    andamentos.registrar(
        principal, "anexacao", unidade=unidade, processo_anexado=anexado.numero
    )
    andamentos.registrar(
        anexado,
        "anexado_ao_processo",
        unidade=unidade,
        processo_principal=principal.numero,
    )
    nivel.atualizar(principal)
    tramite.reindexar(anexado)
    tramite.reindexar(principal)
    return avisos


def desanexar(principal, anexado, motivo: str) -> None:
    """Undo an annexation (with a reason): ``anexado`` opens in the acting unit."""
    unidade = regras.exigir_aberto(principal)
    motivo = _motivo(motivo)
    if anexado.UID() not in atributo(principal, "_anexos", ()):
        raise invalido(
            _(
                "desanexar_nao_anexado",
                default="Processo: ${anexado} is not attached to ${principal}.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    principal._anexos.remove(anexado.UID())
    anexado._anexado_a = None
    andamentos.registrar(
        principal,
        "desanexacao",
        unidade=unidade,
        processo_anexado=anexado.numero,
        motivo=motivo,
    )
    andamentos.registrar(
        anexado,
        "desanexado_do_processo",
        unidade=unidade,
        processo_principal=principal.numero,
        motivo=motivo,
    )
    tramite.abrir_em(anexado, unidade)
    nivel.atualizar(principal)
    tramite.reindexar(anexado)
    tramite.reindexar(principal)
