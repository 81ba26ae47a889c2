"""plone.restapi's ``@copy`` and ``@move`` on seimg sites.

Processes and documents are never copied, moved or renamed
(:mod:`seimg.processos.integridade`): a request naming one is refused at
once, in Portuguese, before anything is written. plone.restapi's own
refusals (no permission: status 401/403 with an empty body) get seimg's
error shape. Everything else is plone.restapi's behaviour.
"""

from plone import api
from plone.restapi.services.copymove.copymove import Copy
from plone.restapi.services.copymove.copymove import Move
from seimg import _
from seimg.base import reader
from seimg.base.erros import InvalidInput
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
        fonte = reader.read_object(self.request, {"source"}).get("source")
        fontes = fonte if isinstance(fonte, list) else [fonte]
        if (
            not fontes
            or len(fontes) > 100
            or not all(isinstance(f, str) and 0 < len(f) <= 1000 for f in fontes)
        ):
            raise InvalidInput(
                [
                    (
                        "source",
                        _(
                            "copia_fonte_invalida",
                            default="Informe em 'source' o endereço, caminho ou "
                            "UID de cada item (um texto ou uma lista de até 100).",
                        ),
                    )
                ]
            )
        return [self.get_object(f) for f in fontes]

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized()
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
