"""``GET <processo>/@revisao-acesso``: the documents listed for access review
on conclusion (:mod:`seimg.tramitacao.revisao`); ``POST`` with
``{"documento": <UID or número SEI>, "motivo": "…"}`` keeps one restricted."""

from plone.restapi.services import Service
from seimg.base import reader
from seimg.tramitacao import revisao
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.interface import alsoProvides
import plone.protect.interfaces
import transaction


def _resposta(processo) -> dict:
    itens = revisao.itens(processo)
    return {
        "@id": f"{processo.absolute_url()}/@revisao-acesso",
        "items": itens,
        "items_total": len(itens),
    }


class RevisaoAcessoGet(Service):
    def reply(self):
        from plone import api

        if api.user.is_anonymous():
            raise Unauthorized()
        return _resposta(self.context)


class RevisaoAcessoPost(Service):
    def reply(self):
        from plone import api

        if api.user.is_anonymous():
            raise Unauthorized()
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            data = reader.read_object(self.request, {"documento", "motivo"})
            revisao.manter(self.context, data.get("documento"), data.get("motivo"))
        except (BadRequest, Forbidden) as exc:
            transaction.doom()
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(status)
            return {"error": {"type": type(exc).__name__, "message": str(exc)}}
        return _resposta(self.context)
