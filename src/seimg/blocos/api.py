"""Blocos' actions and rules: the API the blocos surfaces call.

``criar``, ``incluir``, ``retirar``, ``disponibilizar``,
``cancelar_disponibilizacao``, ``retornar``, ``concluir``; the predicate
``pode_ver`` and ``exigir_visivel``. Re-exports what callers read of the
model (:mod:`.modelo`) and of pedidos de assinatura (:mod:`.pedidos`).
"""

from Acquisition import aq_base
from plone import api
from seimg import _
from seimg.blocos.modelo import _itens
from seimg.blocos.modelo import _objeto
from seimg.blocos.modelo import _refs
from seimg.blocos.modelo import _reindexar
from seimg.blocos.modelo import _rotulo
from seimg.blocos.modelo import _set_refs
from seimg.blocos.modelo import _sigiloso
from seimg.blocos.modelo import _sigla
from seimg.blocos.modelo import _tree
from seimg.blocos.modelo import _unidade
from seimg.blocos.modelo import _unidade_ou_none
from seimg.blocos.modelo import _userid
from seimg.blocos.modelo import ABERTO
from seimg.blocos.modelo import agora
from seimg.blocos.modelo import ASSINATURA
from seimg.blocos.modelo import Bloco
from seimg.blocos.modelo import CONCLUIDO
from seimg.blocos.modelo import DISPONIBILIZADO
from seimg.blocos.modelo import em_blocos  # noqa: F401 (the API)
from seimg.blocos.modelo import ESTADOS
from seimg.blocos.modelo import INTERNO
from seimg.blocos.modelo import LEITOR  # noqa: F401 (the API)
from seimg.blocos.modelo import LEITOR_PROCESSO  # noqa: F401 (the API)
from seimg.blocos.modelo import obter
from seimg.blocos.modelo import papeis_documento  # noqa: F401 (the API)
from seimg.blocos.modelo import papeis_processo  # noqa: F401 (the API)
from seimg.blocos.modelo import pode_assinar  # noqa: F401 (the API)
from seimg.blocos.modelo import RETORNADO
from seimg.blocos.modelo import REUNIAO  # noqa: F401 (the API)
from seimg.blocos.modelo import SIGNATARIO  # noqa: F401 (the API)
from seimg.blocos.modelo import TIPOS
from seimg.blocos.modelo import todos
from seimg.blocos.pedidos import assinou  # noqa: F401 (the API)
from seimg.blocos.pedidos import para_assinar  # noqa: F401 (the API)
from seimg.blocos.pedidos import pedidos  # noqa: F401 (the API)
from seimg.blocos.pedidos import pedir_assinatura  # noqa: F401 (the API)
from seimg.blocos.pedidos import situacao_pedidos  # noqa: F401 (the API)
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
import logging
import re


logger = logging.getLogger("seimg.blocos")


# -- rules -----------------------------------------------------------------


def pode_ver(bloco: Bloco, unidade=None) -> bool:
    unidade = unidade if unidade is not None else _unidade_ou_none()
    if unidade is None:
        return False
    uid = unidade.UID()
    if bloco.unidade == uid:
        return True
    return bloco.estado == DISPONIBILIZADO and uid in bloco.destinos


def _nao_encontrado(id):
    return invalido(
        _(
            "bloco_nao_encontrado",
            default="Block ${bloco} does not exist or you cannot see it.",
            mapping={"bloco": str(id)},
        )
    )


def exigir_visivel(id) -> Bloco:
    bloco = obter(id)
    if bloco is None or not pode_ver(bloco):
        raise _nao_encontrado(id)
    return bloco


def _exigir_dono(bloco: Bloco):
    unidade = _unidade()
    if unidade.UID() != bloco.unidade:
        raise proibido(
            _(
                "bloco_outra_unidade",
                default="Only the unit ${unidade} may change block ${bloco}.",
                mapping={"unidade": _sigla(bloco.unidade), "bloco": bloco.nome},
            )
        )
    return unidade


def _exigir_estado(bloco: Bloco, *estados: str):
    if bloco.estado not in estados:
        raise proibido(
            _(
                "bloco_estado_invalido",
                default="Block ${bloco} is ${estado}: this action is not possible now.",
                mapping={
                    "bloco": bloco.nome,
                    "estado": translate(ESTADOS[bloco.estado], context=_request()),
                },
            )
        )


def _request():
    from zope.globalrequest import getRequest

    return getRequest()


# -- andamentos ------------------------------------------------------------


def _registrar(processo, tipo: str, **atributos) -> None:
    from seimg.andamentos.api import registrar

    registrar(processo, tipo, **atributos)


def _processos(bloco: Bloco) -> list:
    """The distinct processes of ``bloco``'s items."""
    result, seen = [], set()
    for obj in _itens(bloco):
        processo = obj if IProcesso.providedBy(obj) else obj.aq_parent
        if id(aq_base(processo)) not in seen:
            seen.add(id(aq_base(processo)))
            result.append(processo)
    return result


def itens(bloco: Bloco) -> list:
    """The documents/processes of ``bloco`` (deleted ones are skipped)."""
    return _itens(bloco)


# -- life ------------------------------------------------------------------


def criar(tipo: str, descricao: str = "") -> Bloco:
    """A new bloco of the acting unit."""
    if tipo not in TIPOS:
        raise invalido(
            _(
                "bloco_tipo_invalido",
                default="Tipo: choose assinatura, reuniao or interno.",
            )
        )
    unidade = _unidade()
    tree = _tree(criar=True)
    numero = (tree.maxKey() + 1) if len(tree) else 1
    bloco = Bloco(numero, tipo, unidade.UID(), (descricao or "").strip(), _userid())
    tree[numero] = bloco
    return bloco


def do_usuario_e_unidade(unidade=None, tipo: str | None = None) -> list[Bloco]:
    """Blocos of ``unidade`` (default: acting) and those made available to it."""
    unidade = unidade if unidade is not None else _unidade_ou_none()
    if unidade is None:
        return []
    result = [
        bloco
        for bloco in todos()
        if pode_ver(bloco, unidade) and (tipo is None or bloco.tipo == tipo)
    ]
    return sorted(result, key=lambda b: b.id, reverse=True)


def _exigir_item(bloco: Bloco, obj):
    if bloco.tipo == ASSINATURA:
        if not IDocumentoBase.providedBy(obj):
            raise invalido(
                _(
                    "bloco_so_documentos",
                    default="A signature block holds documents only.",
                )
            )
        if api.content.get_state(obj, default=None) == "cancelado":
            raise proibido(
                _(
                    "bloco_documento_cancelado",
                    default="A cancelled document cannot enter a block.",
                )
            )
        if getattr(obj, "unidade_geradora", None) != bloco.unidade:
            raise proibido(
                _(
                    "bloco_documento_outra_unidade",
                    default="Only documents generated by the block's unit may "
                    "enter it.",
                )
            )
    elif not IProcesso.providedBy(obj):
        raise invalido(
            _(
                "bloco_so_processos",
                default="Meeting and internal blocks hold processes only.",
            )
        )
    if not api.user.has_permission("View", obj=obj):
        raise proibido(
            _(
                "bloco_item_sem_acesso",
                default="You cannot see this item.",
            )
        )
    if _sigiloso(obj):  # no bloco of any kind holds a sigiloso item
        raise proibido(
            _(
                "bloco_sigiloso",
                default="A document or process of a secret (sigiloso) process "
                "cannot enter a block: ask the signers directly with "
                "'Pedir assinatura' (only holders of a credential on the "
                "process may be asked).",
            )
        )


def pode_incluir(bloco: Bloco, obj) -> bool:
    """May ``obj`` enter ``bloco`` (its kind, unit, access; not there yet)?"""
    try:
        _exigir_item(bloco, obj)
    except (BadRequest, Forbidden):
        return False
    return obj.UID() not in bloco.itens


def resolver_item(valor):
    """The document or process named by ``valor`` — its NUP (any
    punctuation), número SEI, UID or address — among those the user may
    see; None when nothing (visible) matches."""
    from plone.app.uuid.utils import uuidToObject
    from seimg.processos import localizar

    valor = str(valor or "").strip()
    if not valor:
        return None
    portal = api.portal.get()
    base = portal.absolute_url()
    obj = None
    if valor.startswith(base + "/"):
        try:
            obj = portal.unrestrictedTraverse(valor[len(base) :].strip("/"))
        except (KeyError, AttributeError):
            obj = None
    elif re.fullmatch(r"[0-9a-f]{32}", valor):
        obj = uuidToObject(valor, unrestricted=True)
    else:
        achados = localizar.por_numero(valor, limite=2)
        obj = achados[0] if len(achados) == 1 else None
    if not (IDocumentoBase.providedBy(obj) or IProcesso.providedBy(obj)):
        return None
    if not api.user.has_permission("View", obj=obj) or localizar.oculto(obj):
        return None
    return obj


def candidatos(bloco: Bloco, texto: str, limite: int = 20) -> list:
    """What the user may add to ``bloco`` matching ``texto`` (a NUP, a
    número SEI or words): documents of the block's unit for a signature
    block (a process found by its NUP lists its documents), processes for
    the others. Only items the user may see."""
    from seimg.processos import localizar

    if bloco.tipo == ASSINATURA:
        achados = []
        for obj in localizar.localizar(texto, limite=limite):
            if IProcesso.providedBy(obj):
                achados += [
                    doc
                    for doc in obj.objectValues()
                    if IDocumentoBase.providedBy(doc)
                    and not localizar.oculto(doc)
                    and api.user.has_permission("View", obj=doc)
                ]
            else:
                achados.append(obj)
    else:
        achados = localizar.localizar(texto, tipos=("Processo",), limite=limite)
    result, vistos = [], set()
    for obj in achados:
        uid = obj.UID()
        if uid not in vistos and pode_incluir(bloco, obj):
            vistos.add(uid)
            result.append(obj)
    return result[:limite]


def incluir(bloco: Bloco, obj) -> None:
    """Add the document/process ``obj`` to ``bloco``."""
    _exigir_dono(bloco)
    _exigir_estado(bloco, ABERTO, RETORNADO)
    _exigir_item(bloco, obj)
    uid = obj.UID()
    if uid in bloco.itens:
        raise invalido(
            _("bloco_item_repetido", default="The item is already in the block.")
        )
    bloco.itens.append(uid)
    _set_refs(obj, (*_refs(obj), bloco.id))
    if bloco.tipo == ASSINATURA:
        _registrar(
            obj.aq_parent,
            "documento_incluido_bloco",
            documento=_rotulo(obj),
            bloco=bloco.nome,
        )


def retirar(bloco: Bloco, uid: str) -> None:
    """Remove the item ``uid`` from ``bloco``."""
    _exigir_dono(bloco)
    _exigir_estado(bloco, ABERTO, RETORNADO)
    if uid not in bloco.itens:
        raise invalido(_("bloco_item_ausente", default="The item is not in the block."))
    bloco.itens.remove(uid)
    obj = _objeto(uid)
    if obj is None:
        return
    _set_refs(obj, [ref for ref in _refs(obj) if ref != bloco.id])
    _reindexar(obj)
    if bloco.tipo == ASSINATURA:
        _registrar(
            obj.aq_parent,
            "documento_retirado_bloco",
            documento=_rotulo(obj),
            bloco=bloco.nome,
        )


def _reindexar_itens(bloco: Bloco) -> None:
    for obj in _itens(bloco):
        _reindexar(obj)


def disponibilizar(bloco: Bloco, destinos) -> None:
    """Make ``bloco`` available to the units ``destinos`` (Unidades or UIDs)."""
    unidade = _exigir_dono(bloco)
    _exigir_estado(bloco, ABERTO, RETORNADO)
    if bloco.tipo == INTERNO:
        raise proibido(
            _(
                "bloco_interno_privado",
                default="An internal block is private to its unit.",
            )
        )
    if not bloco.itens:
        raise invalido(_("bloco_vazio", default="The block is empty."))
    uids = []
    for destino in destinos or ():
        obj = destino if hasattr(destino, "UID") else _resolver_unidade(destino)
        if obj is None or getattr(obj, "portal_type", None) != "Unidade":
            raise invalido(
                _(
                    "bloco_destino_invalido",
                    default="Unit '${unidade}' does not exist.",
                    mapping={"unidade": str(destino)},
                )
            )
        if obj.UID() == unidade.UID():
            raise invalido(
                _(
                    "bloco_destino_propria",
                    default="Make the block available to other units, not to your own.",
                )
            )
        if obj.UID() not in uids:
            uids.append(obj.UID())
    if not uids:
        raise invalido(
            _("bloco_sem_destino", default="Unidades: choose at least one unit.")
        )
    for obj in _itens(bloco):
        if _sigiloso(obj):
            raise proibido(
                _(
                    "bloco_sigiloso",
                    default="A document or process of a secret (sigiloso) "
                    "process cannot enter a block: ask the signers directly "
                    "with 'Pedir assinatura' (only holders of a credential on "
                    "the process may be asked).",
                )
            )
    bloco.destinos = tuple(uids)
    bloco.estado = DISPONIBILIZADO
    bloco.disponibilizado_em = agora()
    siglas = [_sigla(uid) for uid in uids]
    for processo in _processos(bloco):
        _registrar(processo, "bloco_disponibilizado", bloco=bloco.nome, destinos=siglas)
    _reindexar_itens(bloco)


def _resolver_unidade(valor):
    from seimg.organizacao.atual import resolver

    return resolver(str(valor))


def cancelar_disponibilizacao(bloco: Bloco) -> None:
    """The owner takes a disponibilizado bloco back (state ``aberto``)."""
    _exigir_dono(bloco)
    _exigir_estado(bloco, DISPONIBILIZADO)
    bloco.estado = ABERTO
    bloco.destinos = ()
    _reindexar_itens(bloco)


def retornar(bloco: Bloco) -> None:
    """A destination unit gives ``bloco`` back to its owner."""
    unidade = _unidade()
    _exigir_estado(bloco, DISPONIBILIZADO)
    if unidade.UID() not in bloco.destinos:
        raise proibido(
            _(
                "bloco_retornar_nao_destino",
                default="Only a unit the block was made available to may return it.",
            )
        )
    bloco.estado = RETORNADO
    bloco.retornado_em = agora()
    for processo in _processos(bloco):
        _registrar(processo, "bloco_retornado", bloco=bloco.nome)
    _reindexar_itens(bloco)


def concluir(bloco: Bloco) -> None:
    _exigir_dono(bloco)
    _exigir_estado(bloco, ABERTO, RETORNADO)
    bloco.estado = CONCLUIDO
    bloco.concluido_em = agora()
    _reindexar_itens(bloco)


def esquecer_item(obj) -> None:
    """``obj`` is being deleted: drop it from its blocos (no andamento)."""
    uid = obj.UID()
    for id in _refs(obj):
        bloco = obter(id)
        if bloco is not None and uid in bloco.itens:
            bloco.itens.remove(uid)


def item_removido(obj, event) -> None:
    """Subscriber: a deleted document or process leaves its blocos."""
    if event.object is obj and event.oldParent is not None:
        esquecer_item(obj)
