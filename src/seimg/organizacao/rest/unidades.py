"""``GET /@unidades``: search units across órgãos (to choose destinations)."""

from plone import api
from plone.restapi.services import Service
from seimg.base import reader
from seimg.organizacao.rest.utils import unidade_info


CONSULTA = {
    "q": reader.Text(max_length=200, default=""),
    "orgao": reader.Text(max_length=50, default=""),
    "incluir_inativas": reader.Boolean(default=False),
}


class UnidadesGet(Service):
    def reply(self):
        consulta = reader.read_query(self.request, CONSULTA)
        texto = consulta["q"].lower()
        orgao = consulta["orgao"].upper()
        inativas = consulta["incluir_inativas"]
        catalog = api.portal.get_tool("portal_catalog")
        items = []
        for brain in catalog(portal_type="Unidade", sort_on="sortable_title"):
            unidade = brain.getObject()
            if orgao and unidade.aq_parent.sigla != orgao:
                continue
            if not inativas and not unidade.ativa:
                continue
            haystack = f"{unidade.sigla_completa()} {unidade.nome}".lower()
            if texto and texto not in haystack:
                continue
            items.append(unidade_info(unidade, self.request))
        items.sort(key=lambda item: item["sigla_completa"])
        return {
            "@id": f"{self.context.absolute_url()}/@unidades",
            "items": items,
            "items_total": len(items),
        }
