"""``GET /@pesquisa``: seimg's search over REST (issue 18).

Query parameters as :data:`seimg.pesquisa.api.ESQUEMA` (``q`` in the search
box's language, filters repeated for several values, ``ordem``,
``b_start``, ``b_size``); unknown or malformed ones are answered 400 with
each named. JSON by default; the whole result (up to 1,000 processes) as
``;``-separated UTF-8 CSV with BOM with ``formato=csv`` or ``Accept:
text/csv``. Anyone may ask: the answer holds only what the disclosure table
lets the caller see (:mod:`seimg.pesquisa.api`).
"""

from plone import api
from plone.restapi.services import Service
from seimg.base.errors import InvalidInput
from seimg.pesquisa import api as pesquisa
from urllib.parse import urlencode


def _documento(doc: pesquisa.ItemDocumento) -> dict:
    return {
        "@id": doc.url,
        "UID": doc.uid,
        "titulo": doc.titulo,
        "data": doc.data,
        "estado": doc.estado,
        "acesso_restrito": doc.restrito,
        "pontuacao": doc.pontuacao,
        "trecho": str(doc.trecho),
        "texto_ocr": doc.ocr,
    }


def _processo(item: pesquisa.ItemProcesso) -> dict:
    return {
        "@id": item.url,
        "UID": item.uid,
        "numero": item.nup,
        "tipo": item.tipo,
        "especificacao": item.especificacao,
        "unidade_geradora": item.unidade,
        "data": item.data,
        "nivel_acesso": item.nivel,
        "pontuacao": item.pontuacao,
        "trecho": str(item.trecho),
        "documentos": [_documento(d) for d in item.documentos],
    }


def _facetas(facetas: dict) -> dict:
    return {
        nome: [
            {
                "valor": f.valor,
                "titulo": f.rotulo,
                "quantidade": f.quantidade,
                "selecionada": f.selecionada,
            }
            for f in lista
        ]
        for nome, lista in facetas.items()
    }


def quer_csv(request) -> bool:
    if request.form.get("formato") == "csv":
        return True
    accept = request.getHeader("Accept") or ""
    return "text/csv" in accept and "application/json" not in accept


class PesquisaGet(Service):
    def _criterios(self):
        form = dict(self.request.form)
        formato = form.pop("formato", None)
        if formato not in (None, "", "csv", "json"):
            from seimg import _

            raise InvalidInput(
                [("formato", _("pesquisa_formato", default="Use csv ou json."))]
            )
        return pesquisa.ler_criterios(form)

    def render(self):
        self.check_permission()
        if not quer_csv(self.request):
            return super().render()
        try:
            criterios = self._criterios()
        except InvalidInput:
            self.request.response.setHeader("Accept", "application/json")
            self.request.response.setHeader("Content-Type", "application/json")
            raise
        resultado = pesquisa.todas(criterios)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", 'attachment; filename="pesquisa.csv"')
        return pesquisa.exportar_csv(resultado, self.request)

    def reply(self):
        criterios = self._criterios()
        resultado = pesquisa.pesquisar(criterios)
        url = f"{api.portal.get().absolute_url()}/@pesquisa"
        consulta = urlencode(criterios.como_form(), doseq=True)
        proximo = None
        fim = criterios.b_start + criterios.b_size
        if fim < resultado.total:
            form = {**criterios.como_form(), "b_start": fim}
            proximo = f"{url}?{urlencode(form, doseq=True)}"
        return {
            "@id": f"{url}?{consulta}" if consulta else url,
            "items_total": resultado.total,
            "b_start": criterios.b_start,
            "b_size": criterios.b_size,
            "next": proximo,
            "indice_em_construcao": resultado.aviso == "indice",
            "consulta_ampla": resultado.ampla,
            "facetas": _facetas(resultado.facetas),
            "items": [_processo(item) for item in resultado.itens],
        }
