"""``/@minhas-unidades`` and ``/@unidade-atual``: where the user acts from."""

from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.base.services import error
from seimg.organizacao import atual
from seimg.organizacao import perfis
from seimg.organizacao.rest.utils import current_userid
from seimg.organizacao.rest.utils import unidade_info
from zope.interface import alsoProvides
import plone.protect.interfaces


class MinhasUnidadesGet(Service):
    def reply(self):
        userid = current_userid()
        corrente = atual.unidade_atual(self.request)
        from plone import api

        user = api.user.get(userid=userid)
        return {
            "@id": f"{self.context.absolute_url()}/@minhas-unidades",
            # The cargos the user signs with (POST @assinar {"cargo"}).
            "cargos": list(user.getProperty("cargos") or ()) if user else [],
            "atual": corrente.UID() if corrente is not None else None,
            "items": [
                unidade_info(lotacao.unidade, self.request, lotacao.perfis)
                for lotacao in perfis.lotacoes(userid)
            ],
        }


class UnidadeAtualGet(Service):
    def reply(self):
        unidade = atual.unidade_atual(self.request)
        if unidade is None:
            return error(
                self.request,
                404,
                "SemUnidade",
                _("sem_unidade", default="You hold no perfil in any active unit."),
            )
        return unidade_info(
            unidade, self.request, perfis.perfis_em(current_userid(), unidade)
        )


CORPO_UNIDADE = {"unidade": reader.Text(required=True, max_length=300)}


class UnidadeAtualPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        valor = reader.read_json(self.request, CORPO_UNIDADE)["unidade"]
        unidade = atual.resolver(valor)
        if unidade is None or not perfis.pode_atuar(current_userid(), unidade):
            return error(
                self.request,
                403,
                "Forbidden",
                _(
                    "unidade_nao_permitida",
                    default="You cannot act for the unit '${unidade}': it does not "
                    "exist, is inactive, or you hold no perfil in it.",
                    mapping={"unidade": valor},
                ),
            )
        atual.definir_unidade_atual(unidade, self.request)
        return unidade_info(
            unidade, self.request, perfis.perfis_em(current_userid(), unidade)
        )
