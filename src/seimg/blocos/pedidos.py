"""Pedidos de assinatura: ask users to sign a document, the "para assinar" list.

``_seimg_pedidos_assinatura`` (userid → info) on the document and the
annotation ``seimg.pedidos_assinatura`` of the site root (userid → set of
document UIDs); requested users hold ``LeitorBloco`` on the document and may
sign it (:func:`seimg.blocos.modelo.pode_assinar`).
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent.mapping import PersistentMapping
from plone import api
from seimg import _
from seimg.base.persistencia import atributo
from seimg.blocos.modelo import _grupos
from seimg.blocos.modelo import _itens
from seimg.blocos.modelo import _objeto
from seimg.blocos.modelo import _portal
from seimg.blocos.modelo import _reindexar
from seimg.blocos.modelo import _rotulo
from seimg.blocos.modelo import _sigiloso
from seimg.blocos.modelo import _sigla
from seimg.blocos.modelo import _unidade
from seimg.blocos.modelo import _userid
from seimg.blocos.modelo import agora
from seimg.blocos.modelo import ASSINATURA
from seimg.blocos.modelo import DISPONIBILIZADO
from seimg.blocos.modelo import PEDIDOS
from seimg.blocos.modelo import PEDIDOS_DOC
from seimg.blocos.modelo import todos
from seimg.organizacao import perfis
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations
import logging


logger = logging.getLogger("seimg.blocos")


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


def recusas_de_assinatura(documentos) -> dict[str, str]:
    """UID → why the current user cannot sign that document now (pt-BR),
    for those of ``documentos`` that are refused: a bloco or a list of
    pedidos reports each one (e.g. template fields left unchanged), the
    others are absent. The trial conversion of the body is left to signing.
    """
    from seimg.assinatura import api as assinatura

    recusas = {}
    for documento in documentos:
        if documento.portal_type != "Documento":
            continue
        recusa = assinatura.motivo_para_nao_assinar(documento)
        if recusa is not None:
            recusas[documento.UID()] = assinatura.mensagem(recusa)
    return recusas


def para_assinar(userid: str | None = None) -> list[dict]:
    """Documents ``userid`` (default: current) is asked to sign, not signed yet.

    Each entry: ``documento`` (object), ``origem`` ("pedido" or "bloco"),
    ``bloco`` (number or None) and ``recusa``: why the current user cannot
    sign it now (:func:`recusas_de_assinatura`), or None.
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
    if userid == _userid():
        recusas = recusas_de_assinatura(e["documento"] for e in result)
        for entrada in result:
            entrada["recusa"] = recusas.get(entrada["documento"].UID())
    else:
        for entrada in result:
            entrada["recusa"] = None
    return result


def _pendente(documento, userid: str) -> bool:
    if api.content.get_state(documento, default=None) == "cancelado":
        return False
    return not assinou(documento, userid)
