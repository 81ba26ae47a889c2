"""plone.restapi's ``@copy`` and ``@move`` on seimg sites.

Processes and documents are never copied, moved or renamed
(:mod:`seimg.processos.integridade`): a request naming one is refused at
once, in Portuguese, before anything is written. plone.restapi's own
refusals (no permission: status 401/403 with an empty body) get seimg's
error shape. Everything else is plone.restapi's behaviour.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services.copymove.copymove import Copy
from plone.restapi.services.copymove.copymove import Move
from seimg.base.erros import recusa
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.processos import integridade
from seimg.processos.erros import traduzir
from zExceptions import BadRequest
from zExceptions import Unauthorized


class _SemProcessos:
    mensagem = None

    def _fontes(self) -> list:
        try:
            fonte = json_body(self.request).get("source")
        except Exception:  # plone.restapi answers a broken body itself
            return []
        fontes = fonte if isinstance(fonte, list) else [fonte]
        return [self.get_object(f) for f in fontes if isinstance(f, str)]

    def reply(self):
        if any(
            obj is not None
            and (IProcesso.providedBy(obj) or IDocumentoBase.providedBy(obj))
            for obj in self._fontes()
        ):
            raise recusa(traduzir(self.mensagem))
        resultado = super().reply()
        status = self.request.response.getStatus()
        if resultado is None and status == 401:
            raise Unauthorized()
        if resultado is None and status == 403:
            raise recusa(traduzir(self.mensagem))
        if resultado is None and status >= 400:  # pragma: no cover
            raise BadRequest()
        return resultado


class CopiarSeimg(_SemProcessos, Copy):
    mensagem = integridade.MENSAGEM_COPIA


class MoverSeimg(_SemProcessos, Move):
    mensagem = integridade.MENSAGEM_MOVIMENTO
