"""``GET /@controle-processos``: the acting unit's Controle de Processos.

Query parameters: ``lista`` (recebidos, gerados, retornos_devolver,
retornos_aguardando, sobrestados), ``atribuido=me``, ``marcador=<id>``,
``tipo=<tipo de processo UID>``, ``sort_on``, ``sort_order``
(ascending/descending), ``b_start``, ``b_size`` (0: every row). JSON by
default; CSV (``;``-separated UTF-8 with BOM) with ``Accept: text/csv`` or
``formato=csv``. Built on :mod:`seimg.controle`.
"""

from plone import api
from plone.restapi.services import Service
from seimg.base import reader
from seimg.base.errors import InvalidInput
from seimg.controle import api as controle
from seimg.controle import planilha
from seimg.processos.regras import exigir_unidade
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized


def item(linha: controle.Linha) -> dict:
    """One row as JSON."""
    return {
        "@id": linha.url,
        "UID": linha.uid,
        "numero": linha.numero,
        "tipo": {"token": linha.tipo_uid, "title": linha.tipo}
        if linha.tipo_uid
        else None,
        "especificacao": linha.especificacao,
        "nivel_acesso_efetivo": linha.nivel_acesso_efetivo,
        "recebido": linha.recebido,
        "novo_documento": linha.novo_documento,
        "atribuido_a": {"id": linha.atribuido_a, "nome": linha.atribuido_nome}
        if linha.atribuido_a
        else None,
        "retorno_data": linha.retorno_data.isoformat() if linha.retorno_data else None,
        "retorno_atrasado": linha.retorno_atrasado,
        "retorno_unidade": linha.retorno_unidade,
        "marcador": linha.marcador,
        "anotacao": linha.anotacao,
    }


def consulta(request) -> dict:
    """The query string read against :data:`CONSULTA` (400 naming each bad
    parameter)."""
    return reader.read_query(
        request,
        {
            "lista": reader.Choice(values=tuple(controle.LISTAS), default="recebidos"),
            "atribuido": reader.Choice(values=("me",)),
            "marcador": reader.Text(max_length=50),
            "tipo": reader.Text(max_length=50),
            "sort_on": reader.Choice(values=tuple(controle.ORDENACOES)),
            "sort_order": reader.Choice(values=("ascending", "descending")),
            "b_start": reader.Integer(minimum=0, default=0),
            "b_size": reader.Integer(
                minimum=0, maximum=10_000, default=controle.TAMANHO_PADRAO
            ),
            "formato": reader.Choice(values=("csv", "json")),
        },
    )


def parametros(request) -> dict:
    """The listing arguments from the query string."""
    dados = consulta(request)
    return {
        "lista": dados["lista"],
        "atribuido_a_mim": dados["atribuido"] == "me",
        "marcador": dados["marcador"] or None,
        "tipo_processo": dados["tipo"] or None,
        "sort_on": dados["sort_on"],
        "sort_order": dados["sort_order"],
        "b_start": dados["b_start"],
        "b_size": dados["b_size"],
    }


def quer_csv(request) -> bool:
    if request.form.get("formato") == "csv":
        return True
    accept = request.getHeader("Accept") or ""
    return "text/csv" in accept and "application/json" not in accept


class ControleProcessosGet(Service):
    def render(self):
        self.check_permission()
        if not quer_csv(self.request):
            return super().render()
        try:
            unidade, argumentos = self._preparar()
        except (BadRequest, Forbidden, Unauthorized, InvalidInput):
            self.request.response.setHeader("Accept", "application/json")
            raise
        argumentos.update(b_start=0, b_size=0)
        lista = argumentos.pop("lista")
        pagina = controle.listar(unidade, lista, **argumentos)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{planilha.nome_arquivo_csv(lista)}"',
        )
        return planilha.exportar_csv(pagina.linhas, self.request)

    def _preparar(self):
        if api.user.is_anonymous():
            raise Unauthorized("Controle de Processos")
        unidade = exigir_unidade()
        return unidade, parametros(self.request)

    def reply(self):
        unidade, argumentos = self._preparar()
        lista = argumentos.pop("lista")
        pagina = controle.listar(unidade, lista, **argumentos)
        url = f"{api.portal.get().absolute_url()}/@controle-processos"
        query = self.request.get("QUERY_STRING")
        return {
            "@id": f"{url}?{query}" if query else url,
            "lista": lista,
            "unidade": unidade.sigla_completa(),
            "items_total": pagina.total,
            "b_start": pagina.b_start,
            "b_size": pagina.b_size,
            "items": [item(linha) for linha in pagina.linhas],
        }
