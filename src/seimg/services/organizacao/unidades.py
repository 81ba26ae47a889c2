"""``GET /@unidades``: search units across órgãos (to choose destinations)."""

from plone import api
from plone.restapi.services import Service
from seimg.services.organizacao.utils import unidade_info


class UnidadesGet(Service):
    def reply(self):
        form = self.request.form
        texto = (form.get("q") or "").strip().lower()
        orgao = (form.get("orgao") or "").strip().upper()
        inativas = form.get("incluir_inativas") in ("1", "true", "sim")
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
