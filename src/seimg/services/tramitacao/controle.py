"""``GET /@controle-processos``: the acting unit's Controle de Processos.

Query parameters: ``lista`` (recebidos, gerados, retornos_devolver,
retornos_aguardando, sobrestados), ``atribuido=me``, ``marcador=<id>``,
``tipo=<tipo de processo UID>``, ``sort_on``, ``sort_order``
(ascending/descending), ``b_start``, ``b_size`` (0: every row). JSON by
default; CSV (``;``-separated UTF-8 with BOM) with ``Accept: text/csv`` or
``formato=csv``. Built on :mod:`seimg.tramitacao.controle`.
"""

from plone import api
from plone.restapi.services import Service
from seimg import _
from seimg.processos.erros import invalido
from seimg.processos.regras import exigir_unidade
from seimg.tramitacao import controle
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


def _inteiro(form, nome: str, padrao: int) -> int:
    valor = form.get(nome)
    if valor in (None, ""):
        return padrao
    try:
        numero = int(valor)
    except (TypeError, ValueError):
        numero = -1
    if numero < 0:
        raise invalido(
            _(
                "controle_parametro_inteiro",
                default="${campo}: must be a whole number, 0 or more.",
                mapping={"campo": nome},
            )
        )
    return numero


def _invalido_escolha(campo: str, opcoes) -> BadRequest:
    return invalido(
        _(
            "controle_parametro_opcoes",
            default="${campo}: choose one of ${opcoes}.",
            mapping={"campo": campo, "opcoes": ", ".join(opcoes)},
        )
    )


def _texto(form, nome: str) -> str:
    valor = form.get(nome)
    return valor.strip() if isinstance(valor, str) else ""


def parametros(request) -> dict:
    """The listing arguments from the query string; 400 naming a bad field."""
    form = request.form
    lista = _texto(form, "lista") or "recebidos"
    if lista not in controle.LISTAS:
        raise _invalido_escolha("lista", controle.LISTAS)
    sort_on = _texto(form, "sort_on") or None
    if sort_on is not None and sort_on not in controle.ORDENACOES:
        raise _invalido_escolha("sort_on", controle.ORDENACOES)
    sort_order = _texto(form, "sort_order") or None
    if sort_order is not None and sort_order not in ("ascending", "descending"):
        raise _invalido_escolha("sort_order", ("ascending", "descending"))
    atribuido = _texto(form, "atribuido")
    if atribuido not in ("", "me"):
        raise _invalido_escolha("atribuido", ("me",))
    return {
        "lista": lista,
        "atribuido_a_mim": atribuido == "me",
        "marcador": _texto(form, "marcador") or None,
        "tipo_processo": _texto(form, "tipo") or None,
        "sort_on": sort_on,
        "sort_order": sort_order,
        "b_start": _inteiro(form, "b_start", 0),
        "b_size": _inteiro(form, "b_size", controle.TAMANHO_PADRAO),
    }


def quer_csv(request) -> bool:
    if _texto(request.form, "formato") == "csv":
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
        except (BadRequest, Forbidden, Unauthorized):
            self.request.response.setHeader("Accept", "application/json")
            raise
        argumentos.update(b_start=0, b_size=0)
        lista = argumentos.pop("lista")
        pagina = controle.listar(unidade, lista, **argumentos)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{controle.nome_arquivo_csv(lista)}"',
        )
        return controle.exportar_csv(pagina.linhas, self.request)

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
