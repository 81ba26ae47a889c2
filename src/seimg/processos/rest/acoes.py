"""``POST <documento>/@cancelar``, ``<processo>/@credenciais``, guarded PATCH."""

from plone import api
from plone.restapi.services import Service
from plone.restapi.services.content.update import ContentPatch
from seimg import _
from seimg.base import reader
from seimg.base.services import error
from seimg.base.services import ServicoComParametros
from seimg.processos import acoes
from seimg.processos import credenciais
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.interface import alsoProvides
import plone.protect.interfaces


def _recusa(request, exc) -> dict:
    status = 403 if isinstance(exc, Forbidden) else 400
    request.response.setStatus(status)
    return {"error": {"type": type(exc).__name__, "message": str(exc)}}


CORPO_CANCELAR = {"motivo": reader.Text(required=True, max_length=1000, multiline=True)}
CORPO_CREDENCIAL = {
    "senha": reader.Text(required=True, max_length=200, strip=False),
    "usuario": reader.Text(max_length=200),
    "renunciar": reader.Boolean(default=False),
}
CORPO_SENHA = {"senha": reader.Text(required=True, max_length=200, strip=False)}


class Cancelar(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_CANCELAR)
        try:
            acoes.cancelar(self.context, data["motivo"])
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return {
            "@id": self.context.absolute_url(),
            "estado": api.content.get_state(self.context),
            "motivo_cancelamento": self.context.motivo_cancelamento,
        }


def _lista(processo) -> dict:
    items = []
    for userid, info in sorted(credenciais.titulares(processo).items()):
        user = api.user.get(userid=userid)
        items.append(
            {
                "usuario": userid,
                "nome": user.getProperty("fullname") if user else userid,
                "concedida_por": info.get("concedida_por"),
                "data": info["data"].isoformat() if info.get("data") else None,
            }
        )
    return {"@id": f"{processo.absolute_url()}/@credenciais", "items": items}


class CredenciaisGet(Service):
    def reply(self):
        return _lista(self.context)


class CredenciaisPost(Service):
    """Grant (``{"usuario", "senha"}``) or renounce one's own.

    Renouncing is ``{"renunciar": true, "senha": ...}``.
    """

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_CREDENCIAL)
        me = api.user.get_current().getId()
        try:
            credenciais.verificar_senha(me, data.get("senha"), self.request)
            if data.get("renunciar"):
                credenciais.renunciar(self.context, me)
            elif not data.get("usuario"):
                return error(
                    self.request,
                    400,
                    "BadRequest",
                    _("usuario_obrigatorio", default="Usuário: required."),
                )
            else:
                credenciais.conceder(self.context, data["usuario"], me)
                self.request.response.setStatus(201)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return _lista(self.context)


class CredenciaisDelete(ServicoComParametros):
    """``DELETE @credenciais/<userid>`` with ``{"senha"}``: cassar."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        if len(self.params) != 1:
            return error(
                self.request,
                400,
                "BadRequest",
                _("usuario_na_url", default="Usuário: name it in the URL."),
            )
        me = api.user.get_current().getId()
        try:
            credenciais.verificar_senha(
                me, reader.read_json(self.request, CORPO_SENHA)["senha"], self.request
            )
            credenciais.cassar(self.context, self.params[0], me)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return _lista(self.context)


class DocumentoPatch(ContentPatch):
    """plone.restapi's PATCH, refusing read-only documents with the reason."""

    def reply(self):
        if not api.user.has_permission("Modify portal content", obj=self.context):
            estado = api.content.get_state(self.context, default=None)
            if estado == "assinado":
                motivo = _(
                    "editar_assinado",
                    default="A signed document cannot be changed: cancel it and "
                    "write a new one.",
                )
            elif estado == "cancelado":
                motivo = _(
                    "editar_cancelado",
                    default="A cancelled document cannot be changed.",
                )
            else:
                motivo = _(
                    "editar_outra_unidade",
                    default="Only the unit that generated the document may change it.",
                )
            return error(self.request, 403, "Forbidden", motivo)
        return super().reply()
