"""The órgão's expiry report of classified information (LAI arts. 23–24).

:func:`relatorio` lists the classified processos and documentos of an órgão
whose term ended or ends within 90 days (:func:`seimg.nivel_acesso.
classificacao.vencidas`), as the current viewer may see them: an item the
disclosure table hides from the viewer (a sigiloso process without a
credencial, a document of one) or that the viewer may not open is left out,
not counted. The pages (``@@classificacoes`` on the órgão) and REST
(``GET <órgão>/@classificacoes``) ask :func:`pode_ver_relatorio` first:
órgão administrators (``Modify portal content`` on the órgão) and managers.

An expired classification changes nothing by itself (see the module
docstring of :mod:`seimg.nivel_acesso.classificacao`): the unit reviews the
item and changes its level with the ordinary edit.
"""

from datetime import date
from plone import api
from seimg import _
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import classificacao
from seimg.nivel_acesso import niveis


PERMISSAO = "Modify portal content"
DIAS_MAXIMO = 3650


def ler_dias(valor) -> int | None:
    """``dias`` of the request (None when invalid); default 90."""
    if valor in (None, ""):
        return classificacao.AVISO_DIAS
    if isinstance(valor, str) and valor.strip().isdigit():
        dias = int(valor.strip())
        if 0 <= dias <= DIAS_MAXIMO:
            return dias
    return None


MENSAGEM_DIAS = _(
    "classificacoes_dias_invalido",
    default="Dias: a whole number of days from 0 to ${n}.",
    mapping={"n": DIAS_MAXIMO},
)


def pode_ver_relatorio(orgao) -> bool:
    return not api.user.is_anonymous() and api.user.has_permission(PERMISSAO, obj=orgao)


def _processo(obj):
    return obj if IProcesso.providedBy(obj) else obj.aq_parent


def _titulo_hipotese(uid) -> str:
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    return item.title if item is not None else ""


def linha(obj, hoje: date) -> dict | None:
    """One row of the report for the current viewer, or None when hidden."""
    from seimg.divulgacao import api as divulgacao
    from seimg.divulgacao import tabela

    if divulgacao.oculto(obj) or not api.user.has_permission("View", obj=obj):
        return None
    processo = _processo(obj)
    eh_processo = obj is processo
    if eh_processo:
        descricao = divulgacao.especificacao(processo) or ""
        numero = processo.numero
    else:
        forma = divulgacao.forma_na_lista(obj)
        if forma == tabela.NADA:
            return None
        descricao = obj.title if forma == tabela.VE else divulgacao.rotulo_restrito(obj)
        numero = obj.numero_sei
    resumo = classificacao.resumo(obj, hoje) or {}
    return {
        "@id": obj.absolute_url(),
        "tipo": "processo" if eh_processo else "documento",
        "numero": numero,
        "processo": processo.numero,
        "descricao": descricao,
        "nivel_acesso": obj.nivel_acesso,
        "nivel_titulo": niveis.titulo(obj.nivel_acesso),
        "hipotese_legal": _titulo_hipotese(obj.hipotese_legal),
        **resumo,
    }


def relatorio(orgao, hoje: date | None = None, dias: int | None = None) -> list:
    """The rows of the expiry report the current viewer may see, earliest first."""
    hoje = hoje or classificacao.hoje_brasilia()
    dias = classificacao.AVISO_DIAS if dias is None else dias
    linhas = (
        linha(obj, hoje) for obj, _fim in classificacao.vencidas(orgao, hoje, dias)
    )
    return [item for item in linhas if item is not None]
