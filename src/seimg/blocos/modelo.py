"""Blocos: the Bloco record, where blocos are kept, the roles they give.

See :mod:`seimg.blocos` for the whole feature. A :class:`Bloco` is kept in the
annotation ``seimg.blocos`` of the site root (an ``IOBTree`` keyed by its
number); each document or process in a bloco keeps back references
(``_seimg_blocos``) read by :func:`papeis_processo` and
:func:`papeis_documento`, which :mod:`.papeis` offers to borg.localrole.
(Until issue 14 this was ``seimg.blocos``: pickles of that
path still load, see ``seimg.MOVIDOS``.)
"""

from Acquisition import aq_base
from BTrees.IOBTree import IOBTree
from datetime import datetime
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.base.persistencia import atributo
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.organizacao import perfis
from seimg.processos import tramite
from zope.annotation.interfaces import IAnnotations
import logging


logger = logging.getLogger("seimg.blocos")


ANNOTATION = "seimg.blocos"
PEDIDOS = "seimg.pedidos_assinatura"
REFS = "_seimg_blocos"
PEDIDOS_DOC = "_seimg_pedidos_assinatura"

SIGNATARIO = "SignatarioBloco"
LEITOR = "LeitorBloco"
LEITOR_PROCESSO = "LeitorProcesso"

ASSINATURA = "assinatura"
REUNIAO = "reuniao"
INTERNO = "interno"
TIPOS = {
    ASSINATURA: _("bloco_tipo_assinatura", default="Signature block"),
    REUNIAO: _("bloco_tipo_reuniao", default="Meeting block"),
    INTERNO: _("bloco_tipo_interno", default="Internal block"),
}

ABERTO = "aberto"
DISPONIBILIZADO = "disponibilizado"
RETORNADO = "retornado"
CONCLUIDO = "concluido"
ESTADOS = {
    ABERTO: _("bloco_estado_aberto", default="Open"),
    DISPONIBILIZADO: _("bloco_estado_disponibilizado", default="Made available"),
    RETORNADO: _("bloco_estado_retornado", default="Returned"),
    CONCLUIDO: _("bloco_estado_concluido", default="Concluded"),
}


def agora() -> datetime:
    return tramite.agora()


class Bloco(Persistent):
    """One bloco; change it only through this module's functions."""

    def __init__(self, id: int, tipo: str, unidade: str, descricao: str, por: str):
        self.id = id
        self.tipo = tipo
        self.unidade = unidade
        self.descricao = descricao
        self.estado = ABERTO
        self.itens = PersistentList()
        self.destinos = ()
        self.criado_por = por
        self.criado_em = agora()
        self.disponibilizado_em = None
        self.retornado_em = None
        self.concluido_em = None

    @property
    def nome(self) -> str:
        return str(self.id)


# -- storage -------------------------------------------------------------


def _portal():
    return api.portal.get()


def _tree(criar: bool = False):
    annotations = IAnnotations(_portal())
    tree = annotations.get(ANNOTATION)
    if tree is None and criar:
        tree = annotations[ANNOTATION] = IOBTree()
    return tree


def obter(id) -> Bloco | None:
    try:
        id = int(id)
    except (TypeError, ValueError):
        return None
    tree = _tree()
    return tree.get(id) if tree is not None else None


def todos() -> list[Bloco]:
    tree = _tree()
    return list(tree.values()) if tree is not None else []


def _objeto(uid: str):
    return uuidToObject(uid, unrestricted=True) if uid else None


def _sigla(uid: str) -> str:
    unidade = _objeto(uid)
    return unidade.sigla_completa() if unidade is not None else uid


def _grupos(uid: str) -> list[str]:
    return [f"{perfis.GROUP_PREFIX}{uid}-{perfil}" for perfil in perfis.PERFIS]


def _userid() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _unidade():
    from seimg.processos.regras import exigir_unidade

    return exigir_unidade()


def _refs(obj) -> tuple:
    return tuple(atributo(obj, REFS, ()) or ())


def _set_refs(obj, refs) -> None:
    setattr(aq_base(obj), REFS, tuple(refs))


def em_blocos(processo) -> bool:
    """True when ``processo`` or one of its documents is in some bloco."""
    if _refs(processo):
        return True
    return any(
        _refs(obj) for obj in processo.objectValues() if IDocumentoBase.providedBy(obj)
    )


def _sigiloso(obj) -> bool:
    processo = obj if IProcesso.providedBy(obj) else obj.__parent__
    return getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO


def _reindexar(obj) -> None:
    """Recompute the catalog security of ``obj`` (and its documents)."""
    obj.reindexObjectSecurity()


# -- who sees what ---------------------------------------------------------


def _ativos(obj, tipo: str):
    for id in _refs(obj):
        bloco = obter(id)
        if bloco is not None and bloco.tipo == tipo and bloco.estado == DISPONIBILIZADO:
            yield bloco


def papeis_processo(processo) -> dict[str, set]:
    """Roles the blocos de reunião give on ``processo`` (none when sigiloso)."""
    if _sigiloso(processo):
        return {}
    result: dict[str, set] = {}
    for bloco in _ativos(processo, REUNIAO):
        for uid in bloco.destinos:
            for group in _grupos(uid):
                result.setdefault(group, set()).add(LEITOR_PROCESSO)
    return result


def papeis_documento(documento) -> dict[str, set]:
    """Roles blocos and pedidos give on ``documento``."""
    result: dict[str, set] = {}
    sigiloso = _sigiloso(documento)
    if not sigiloso:
        for bloco in _ativos(documento, ASSINATURA):
            for uid in bloco.destinos:
                for group in _grupos(uid):
                    result.setdefault(group, set()).add(SIGNATARIO)
        processo = documento.__parent__
        geradora = getattr(documento, "unidade_geradora", None)
        for bloco in _ativos(processo, REUNIAO):
            if bloco.unidade != geradora:
                continue
            for uid in bloco.destinos:
                for group in _grupos(uid):
                    result.setdefault(group, set()).add(LEITOR)
    pedidos = atributo(documento, PEDIDOS_DOC, None) or {}
    if pedidos:
        from seimg.processos import credenciais

        processo = documento.__parent__
        for userid in pedidos:
            if sigiloso and not credenciais.possui(processo, userid):
                continue
            result.setdefault(userid, set()).add(LEITOR)
    return result


def _blocos_do_usuario(documento, userid: str):
    user = api.user.get(userid=userid)
    grupos = set(user.getGroups()) if user is not None else set()
    for bloco in _ativos(documento, ASSINATURA):
        if any(set(_grupos(uid)) & grupos for uid in bloco.destinos):
            yield bloco


def pode_assinar(documento, userid: str) -> bool:
    """May ``userid`` sign ``documento`` through a bloco or a pedido?"""
    if not userid:
        return False
    if userid in (atributo(documento, PEDIDOS_DOC, None) or {}):
        if not _sigiloso(documento):
            return True
        from seimg.processos import credenciais

        return credenciais.possui(documento.__parent__, userid)
    if _sigiloso(documento):
        return False
    # Through a bloco one signs for the unit one acts for: it must be a target.
    unidade = _unidade_ou_none()
    if unidade is None:
        return False
    return any(
        unidade.UID() in bloco.destinos
        for bloco in _blocos_do_usuario(documento, userid)
    )


def _unidade_ou_none():
    from seimg.organizacao.atual import unidade_atual

    return unidade_atual()


def _rotulo(documento) -> str:
    from seimg.processos.subscribers import rotulo

    return rotulo(documento)


def _itens(bloco: Bloco) -> list:
    return [obj for obj in (_objeto(uid) for uid in bloco.itens) if obj is not None]
