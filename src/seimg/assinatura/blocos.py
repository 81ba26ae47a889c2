"""Blocos (assinatura, reunião, interno) and "pedir assinatura".

Owns:

- the blocos, :class:`Bloco` objects kept in the annotation ``seimg.blocos``
  of the site root (an ``IOBTree`` keyed by the bloco's number). A bloco
  belongs to the unit that created it (``unidade``) and holds UIDs
  (``itens``): documents for a bloco de **assinatura**, processes for a bloco
  de **reunião** or **interno**. Its life (``estado``): ``aberto`` →
  ``disponibilizado`` (to ``destinos``, unit UIDs) → ``retornado`` →
  ``concluido``; the owner may cancel a disponibilização (back to
  ``aberto``). A bloco interno is never disponibilizado.
- the back references ``_seimg_blocos`` (tuple of bloco numbers) on each
  document/process in a bloco, read by :func:`papeis_documento` and
  :func:`papeis_processo`, which ``seimg.processos.roles`` merges into the
  dynamic local roles: while a bloco de assinatura is disponibilizado the
  destination units' groups hold :data:`SIGNATARIO` on its documents (the
  minuta state grants View/Modify to it, the assinado state View); while a
  bloco de reunião is disponibilizado they hold ``LeitorProcesso`` on its
  processes and :data:`LEITOR` on the owner's minutas in them.
- pedidos de assinatura: ``_seimg_pedidos_assinatura`` (userid → info) on the
  document and the annotation ``seimg.pedidos_assinatura`` of the site root
  (userid → set of document UIDs) for the "para assinar" list; requested
  users hold :data:`LEITOR` on the document and may sign it
  (:func:`pode_assinar`, the hook of ``seimg.assinatura.permissoes``).

Sigiloso processes never enter blocos, of any kind, and a process in a bloco
cannot become sigiloso (SEI's credencial de assinatura is the
process's credencial here: a pedido on a sigiloso document is accepted only
for holders of a credencial on its process).

Every refusal raises Forbidden/BadRequest with a translated message.
"""

from Acquisition import aq_base
from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import datetime
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.organizacao import perfis
from seimg.persistencia import atributo
from seimg.processos import niveis
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
import logging


logger = logging.getLogger("seimg.assinatura")

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


# -- rules -----------------------------------------------------------------


def pode_ver(bloco: Bloco, unidade=None) -> bool:
    unidade = unidade if unidade is not None else _unidade_ou_none()
    if unidade is None:
        return False
    uid = unidade.UID()
    if bloco.unidade == uid:
        return True
    return bloco.estado == DISPONIBILIZADO and uid in bloco.destinos


def _unidade_ou_none():
    from seimg.organizacao.atual import unidade_atual

    return unidade_atual()


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


def _rotulo(documento) -> str:
    from seimg.processos.subscribers import rotulo

    return rotulo(documento)


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


def _itens(bloco: Bloco) -> list:
    return [obj for obj in (_objeto(uid) for uid in bloco.itens) if obj is not None]


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


# -- pedir assinatura -------------------------------------------------------


def _pedidos_index(criar: bool = False):
    annotations = IAnnotations(_portal())
    tree = annotations.get(PEDIDOS)
    if tree is None and criar:
        tree = annotations[PEDIDOS] = OOBTree()
    return tree


def pedidos(documento) -> dict:
    """{userid: {"solicitante", "unidade", "data"}} of ``documento``."""
    return dict(atributo(documento, PEDIDOS_DOC, None) or {})


def assinou(documento, userid: str) -> bool:
    """Has ``userid`` signed ``documento`` (per the signing core)?"""
    try:
        from seimg.assinatura import api as assinatura_api
    except ImportError:  # pragma: no cover - the core is not there yet
        return False
    listar = getattr(assinatura_api, "assinaturas", None)
    if listar is None:  # pragma: no cover
        return False
    for item in listar(documento) or ():
        signatario = (
            item.get("signatario") or item.get("userid") or item.get("usuario")
            if isinstance(item, dict)
            else getattr(item, "signatario", None) or getattr(item, "userid", None)
        )
        if signatario == userid:
            return True
    return False


def pedir_assinatura(documento, usuarios, mensagem: str = "") -> list[str]:
    """Ask ``usuarios`` (user ids) to sign ``documento``; e-mail them.

    Returns the user ids newly asked. The requester must act for the
    generating unit and be able to see the document.
    """
    unidade = _unidade()
    if getattr(documento, "unidade_geradora", None) != unidade.UID():
        raise proibido(
            _(
                "pedir_outra_unidade",
                default="Only the unit that generated the document may ask for "
                "signatures.",
            )
        )
    if not api.user.has_permission("View", obj=documento):
        raise proibido(_("bloco_item_sem_acesso", default="You cannot see this item."))
    if api.content.get_state(documento, default=None) == "cancelado":
        raise proibido(
            _(
                "pedir_cancelado",
                default="A cancelled document cannot be signed.",
            )
        )
    if isinstance(usuarios, str) or not usuarios:
        raise invalido(
            _("pedir_sem_usuarios", default="Usuários: name at least one user.")
        )
    from seimg.processos import credenciais

    sigiloso = _sigiloso(documento)
    validos = []
    for userid in usuarios:
        user = api.user.get(userid=str(userid)) if userid else None
        if user is None:
            raise invalido(
                _(
                    "pedir_usuario_inexistente",
                    default="User '${usuario}' does not exist.",
                    mapping={"usuario": str(userid)},
                )
            )
        if not perfis.lotacoes(user.getId()):
            raise invalido(
                _(
                    "pedir_usuario_sem_unidade",
                    default="User '${usuario}' holds no perfil in any unit.",
                    mapping={"usuario": user.getId()},
                )
            )
        if sigiloso and not credenciais.possui(documento.aq_parent, user.getId()):
            raise proibido(
                _(
                    "pedir_sem_credencial",
                    default="The process is secret (sigiloso): user '${usuario}' "
                    "holds no credential on it and cannot be asked to sign.",
                    mapping={"usuario": user.getId()},
                )
            )
        if user.getId() not in validos:
            validos.append(user.getId())
    store = atributo(documento, PEDIDOS_DOC, None)
    if store is None:
        store = PersistentMapping()
        setattr(aq_base(documento), PEDIDOS_DOC, store)
    index = _pedidos_index(criar=True)
    novos = []
    for userid in validos:
        if userid in store:
            continue
        store[userid] = {
            "solicitante": _userid(),
            "unidade": unidade.UID(),
            "data": agora(),
            "mensagem": (mensagem or "").strip(),
        }
        docs = index.get(userid)
        if docs is None:
            docs = index[userid] = OOTreeSet()
        docs.add(documento.UID())
        novos.append(userid)
    _reindexar(documento)
    for userid in novos:
        _notificar_pedido(documento, userid, unidade, mensagem)
    return novos


def _notificar_pedido(documento, userid, unidade, mensagem) -> bool:
    from seimg.tramitacao.notificacoes import _t

    user = api.user.get(userid=userid)
    email = user.getProperty("email", "") if user is not None else ""
    if not email:
        return False
    solicitante = api.user.get_current()
    mapping = {
        "documento": _rotulo(documento),
        "processo": documento.aq_parent.numero,
        "unidade": unidade.sigla_completa(),
        "solicitante": solicitante.getProperty("fullname", "") or solicitante.getId(),
        "link": documento.absolute_url(),
        "lista": f"{_portal().absolute_url()}/@@para-assinar",
        "mensagem": (mensagem or "").strip(),
    }
    assunto = _(
        "email_pedido_assinatura_assunto",
        default="Signature requested: ${documento}",
        mapping=mapping,
    )
    corpo = _(
        "email_pedido_assinatura_corpo",
        default="${solicitante} (${unidade}) asks you to sign the document "
        "${documento} of the process ${processo}.\n\n${mensagem}\n\n"
        "Open it at:\n${link}\n\nYour documents to sign:\n${lista}",
        mapping=mapping,
    )
    try:
        api.portal.send_email(recipient=email, subject=_t(assunto), body=_t(corpo))
    except Exception:  # a mail never undoes the request
        logger.exception("could not e-mail %s", userid)
        return False
    return True


def situacao_pedidos(documento) -> list[dict]:
    """The pedidos of ``documento`` with whether each user has signed."""
    result = []
    for userid, info in sorted(pedidos(documento).items()):
        user = api.user.get(userid=userid)
        result.append(
            {
                "usuario": userid,
                "nome": (user.getProperty("fullname", "") if user else "") or userid,
                "solicitante": info.get("solicitante"),
                "unidade": _sigla(info.get("unidade")),
                "data": info.get("data"),
                "assinado": assinou(documento, userid),
            }
        )
    return result


def para_assinar(userid: str | None = None) -> list[dict]:
    """Documents ``userid`` (default: current) is asked to sign, not signed yet.

    Each entry: ``documento`` (object), ``origem`` ("pedido" or "bloco") and
    ``bloco`` (number or None).
    """
    userid = userid or _userid()
    if not userid:
        return []
    result, vistos = [], set()
    index = _pedidos_index()
    for uid in list(index.get(userid, ())) if index is not None else []:
        documento = _objeto(uid)
        if documento is None or not _pendente(documento, userid):
            continue
        vistos.add(uid)
        result.append({"documento": documento, "origem": "pedido", "bloco": None})
    user = api.user.get(userid=userid)
    grupos = set(user.getGroups()) if user is not None else set()
    for bloco in todos():
        if bloco.tipo != ASSINATURA or bloco.estado != DISPONIBILIZADO:
            continue
        if not any(set(_grupos(uid)) & grupos for uid in bloco.destinos):
            continue
        for documento in _itens(bloco):
            uid = documento.UID()
            if uid in vistos or not _pendente(documento, userid):
                continue
            vistos.add(uid)
            result.append(
                {"documento": documento, "origem": "bloco", "bloco": bloco.id}
            )
    return result


def _pendente(documento, userid: str) -> bool:
    if api.content.get_state(documento, default=None) == "cancelado":
        return False
    return not assinou(documento, userid)


def item_removido(obj, event) -> None:
    """Subscriber: a deleted document or process leaves its blocos."""
    if event.object is obj and event.oldParent is not None:
        esquecer_item(obj)
