"""Ciência: a user acknowledges a process or document for the acting unit
(the annotation ``seimg.ciencias``: user id → ``{"unidade", "data"}``;
irreversible, one per user; SEI's rule in :func:`pode_dar_ciencia`).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from BTrees.OOBTree import OOBTree
from plone import api
from seimg import _
from seimg import andamentos
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from seimg.vinculos.comum import _pode_ver
from seimg.vinculos.comum import _usuario
from seimg.vinculos.comum import CIENCIAS
from zope.annotation.interfaces import IAnnotations
from zope.component import getAdapters


# -- ciência ---------------------------------------------------------------------


def _ciencias(obj, criar: bool):
    annotations = IAnnotations(obj)
    tree = annotations.get(CIENCIAS)
    if tree is None and criar:
        tree = annotations[CIENCIAS] = OOBTree()
    return tree


def ciencias(obj) -> dict[str, dict]:
    """User id → ``{"unidade", "data"}`` of every ciência on ``obj``.

    Entries recorded before ciência was per user (keyed by unit UID, with
    ``usuario``) are read in the same form.
    """
    tree = _ciencias(obj, criar=False)
    result = {}
    for chave, info in (tree or {}).items():
        info = dict(info)
        if "usuario" in info:  # per unit, as recorded before profile 1006
            usuario = info.pop("usuario") or chave
            result[usuario] = {"unidade": chave, **info}
        else:
            result[chave] = info
    return result


def deu_ciencia(obj, userid: str | None = None) -> bool:
    """Whether ``userid`` (default: the current user) gave ciência on ``obj``."""
    userid = userid if userid is not None else _usuario()
    return bool(userid) and userid in ciencias(obj)


def _grupos_da_unidade(unidade) -> str:
    from seimg.organizacao import perfis

    return f"{perfis.GROUP_PREFIX}{unidade.UID()}-"


def _em_bloco_de_reuniao(obj, unidade) -> bool:
    """A bloco made available to ``unidade`` holds ``obj``: the unit's groups
    get roles on it from a provider other than the process's own (the
    providers of ``seimg.blocos.papeis``)."""
    proprios = {"seimg.processo", "seimg.documento"}
    prefixo = _grupos_da_unidade(unidade)
    return any(
        principal.startswith(prefixo)
        for nome, provedor in getAdapters((obj,), ILocalRoleProvider)
        if nome not in proprios
        for principal, _papeis in provedor.getAllRoles()
    )


def pode_dar_ciencia(obj, unidade, userid) -> bool:
    """SEI's rule: the user reads ``obj`` through the acting unit.

    The process is or was open in the unit, or a bloco de reunião made
    available to the unit holds it, or (sigiloso) the user holds a
    credencial. Minutas: only the generating unit's own, or those of a bloco
    de reunião made available to the unit.
    """
    from seimg.processos import credenciais

    if unidade is None or not userid:
        return False
    documento = obj if IDocumentoBase.providedBy(obj) else None
    processo = obj.aq_parent if documento is not None else obj
    if not _pode_ver(obj):
        return False
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO:
        return credenciais.possui(processo, userid)
    if documento is not None and api.content.get_state(documento, None) == "minuta":
        return documento.unidade_geradora == unidade.UID() or _em_bloco_de_reuniao(
            documento, unidade
        )
    return tramite.passou_por(processo, unidade) or _em_bloco_de_reuniao(
        processo, unidade
    )


def _registrar_ciencia(obj, userid, unidade) -> None:
    _ciencias(obj, criar=True)[userid] = {
        "unidade": unidade.UID(),
        "data": tramite.agora(),
    }


def ciencia(obj) -> None:
    """The current user acknowledges a Processo or a documento (irreversible).

    Recorded per user, with the acting unit; a document's ciência also
    registers it on its process.
    """
    unidade = regras.exigir_unidade()
    userid = _usuario()
    documento = obj if IDocumentoBase.providedBy(obj) else None
    processo = obj.aq_parent if documento is not None else obj
    if not IProcesso.providedBy(processo):
        raise invalido(
            _("ciencia_objeto", default="Ciência: only on a process or a document.")
        )
    if not pode_dar_ciencia(obj, unidade, userid):
        raise proibido(
            _(
                "ciencia_sem_acesso",
                default="You cannot see this item: no ciência can be given.",
            )
        )
    if documento is not None and api.content.get_state(documento, default=None) == (
        "cancelado"
    ):
        raise proibido(
            _(
                "ciencia_documento_cancelado",
                default="Ciência is not given on a cancelled document.",
            )
        )
    if deu_ciencia(obj, userid):
        raise invalido(
            _(
                "ciencia_repetida_usuario",
                default="You have already given ciência here.",
            )
        )
    _registrar_ciencia(obj, userid, unidade)
    atributos = {}
    if documento is not None:
        from seimg.processos.subscribers import rotulo

        atributos["documento"] = rotulo(documento)
        if not deu_ciencia(processo, userid):
            _registrar_ciencia(processo, userid, unidade)
    andamentos.registrar(processo, "ciencia", unidade=unidade, **atributos)
    tramite.reindexar(processo)
