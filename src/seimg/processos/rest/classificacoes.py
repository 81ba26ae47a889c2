"""``GET <órgão>/@classificacoes``: the expiry report of classified
information (:mod:`seimg.processos.classificacao`), for the órgão's
administrators; ``?dias=`` as on the page."""

from plone.restapi.services import Service
from seimg.base.services import error
from seimg.processos import classificacao
from seimg.processos.classificacao import ler_dias
from seimg.processos.classificacao import MENSAGEM_DIAS
from zExceptions import Unauthorized


class ClassificacoesGet(Service):
    def reply(self):
        if not classificacao.pode_ver_relatorio(self.context):
            raise Unauthorized()
        dias = ler_dias(self.request.form.get("dias"))
        if dias is None:
            return error(self.request, 400, "BadRequest", MENSAGEM_DIAS)
        itens = classificacao.relatorio(self.context, dias=dias)
        for item in itens:
            item.pop("nivel_titulo", None)
        return {
            "@id": f"{self.context.absolute_url()}/@classificacoes",
            "dias": dias,
            "items": itens,
            "items_total": len(itens),
        }
