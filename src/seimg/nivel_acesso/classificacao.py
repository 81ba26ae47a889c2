"""Informação classificada (LAI arts. 23–24): grau, dates, term, expiry.

A process or document at nível restrito or sigiloso whose hipótese legal is
marked ``classificada`` in the table (the "Informação Classificada" rows)
records its **grau** (reservado 5 years, secreto 15, ultrassecreto 25: art.
24 §1), its **data de produção** (the term runs from it), the **data de
classificação** and, optionally, an **evento de término** (art. 24 §3: the
restriction ends on that event, which must come before the grau's maximum
term; the maximum term still applies and is what expiry reports show).

Sigilo under other laws (art. 22: fiscal, bancário, segredo de justiça…) and
personal information (art. 31) have no classification term: those fields
are refused for their hipóteses (:func:`validar`).

When the term runs out the information becomes public (art. 24 §4), but
nothing here changes a level by itself: the expiry is reported
(:func:`vencidas`, ``@@classificacoes`` on the órgão, the daily
``@@notificar-classificacoes``) and the unit reclassifies with the existing
edit. Until then the item keeps its level and follows the disclosure table.

The term arithmetic (:func:`somar_anos`, :func:`expira_em_data`,
:func:`situacao_em`) is pure; :func:`prazo`, :func:`expira_em` read an
object; :func:`vencidas` reads the catalog.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from seimg import _
from zope.interface import Invalid


RESERVADO = "reservado"
SECRETO = "secreto"
ULTRASSECRETO = "ultrassecreto"
#: Maximum term of each grau, in years (LAI art. 24 §1).
PRAZOS = {RESERVADO: 5, SECRETO: 15, ULTRASSECRETO: 25}
#: Days ahead the expiry report looks.
AVISO_DIAS = 90

CAMPOS = ("grau_sigilo", "data_producao", "data_classificacao", "evento_termino")

VIGENTE = "vigente"
VENCENDO = "vencendo"
VENCIDA = "vencida"


# --- pure arithmetic -------------------------------------------------------


def somar_anos(inicio: date, anos: int) -> date:
    """``inicio`` plus ``anos`` years, to the same day and month.

    Lei 810/1949 (arts. 1 and 3): a year runs to the corresponding day of
    the later year; when that day does not exist (29 February), the term
    ends on the first day after it (1 March).
    """
    try:
        return inicio.replace(year=inicio.year + anos)
    except ValueError:  # 29 February into a common year
        return date(inicio.year + anos, 3, 1)


def prazo_anos(grau: str | None) -> int | None:
    """The maximum term in years of ``grau``; None for no or unknown grau."""
    return PRAZOS.get(grau or "")


def expira_em_data(data_producao: date | None, grau: str | None) -> date | None:
    """The day the classification ends: production date + the grau's term."""
    anos = prazo_anos(grau)
    if data_producao is None or anos is None:
        return None
    if isinstance(data_producao, datetime):
        data_producao = data_producao.date()
    return somar_anos(data_producao, anos)


def situacao_em(expira: date | None, hoje: date, dias: int = AVISO_DIAS) -> str | None:
    """``vencida`` (on or after the end day), ``vencendo`` (within ``dias``),
    ``vigente``; None without an end day."""
    if expira is None:
        return None
    if hoje >= expira:
        return VENCIDA
    if (expira - hoje).days <= dias:
        return VENCENDO
    return VIGENTE


# --- validation --------------------------------------------------------------


def _preenchido(valor) -> bool:
    if isinstance(valor, str):
        return bool(valor.strip())
    return valor is not None


def hipotese_classificada(hipotese) -> bool:
    """True when the hipótese (a table item or None) is informação classificada."""
    return bool(getattr(hipotese, "classificada", False))


def validar(
    nivel,
    hipotese,
    grau=None,
    data_producao=None,
    data_classificacao=None,
    evento_termino=None,
    hoje: date | None = None,
) -> None:
    """The rules of a classification; raises :class:`Invalid` naming the field.

    ``hipotese`` is the hipótese legal item (or None). Pure: the caller
    looks the item up (:func:`validar_dados`).
    """
    from seimg.nivel_acesso import niveis

    hoje = hoje or date.today()
    restritivo = nivel in (niveis.RESTRITO, niveis.SIGILOSO)
    preenchidos = [
        nome
        for nome, valor in zip(
            CAMPOS,
            (grau, data_producao, data_classificacao, evento_termino),
            strict=True,
        )
        if _preenchido(valor)
    ]
    if not (restritivo and hipotese_classificada(hipotese)):
        if not preenchidos:
            return
        if restritivo and getattr(hipotese, "informacao_pessoal", False):
            raise Invalid(
                _(
                    "classificacao_pessoal",
                    default="Grau de sigilo and classification dates: personal "
                    "information (LAI art. 31) has no classification term; leave "
                    "them empty.",
                )
            )
        if restritivo and hipotese is not None:
            raise Invalid(
                _(
                    "classificacao_outra_lei",
                    default="Grau de sigilo and classification dates: only for "
                    "classified information (LAI arts. 23 and 24). Secrecy "
                    "under other laws (art. 22: fiscal, bank, judicial secrecy…) "
                    "has no classification term; leave them empty.",
                )
            )
        raise Invalid(
            _(
                "classificacao_sem_hipotese",
                default="Grau de sigilo and classification dates: only for "
                "restricted or secret information under a hipótese of classified "
                "information (LAI arts. 23 and 24).",
            )
        )
    if not grau:
        raise Invalid(
            _(
                "classificacao_grau_obrigatorio",
                default="Grau de sigilo: required for classified information "
                "(reservado 5 years, secreto 15, ultrassecreto 25).",
            )
        )
    grau_da_hipotese = getattr(hipotese, "grau", None)
    if grau_da_hipotese and grau != grau_da_hipotese:
        raise Invalid(
            _(
                "classificacao_grau_da_hipotese",
                default="Grau de sigilo: the hipótese legal chosen is of grau ${grau}.",
                mapping={"grau": grau_da_hipotese},
            )
        )
    if data_producao is None:
        raise Invalid(
            _(
                "classificacao_producao_obrigatoria",
                default="Data de produção: required for classified information "
                "(its term runs from it, LAI art. 24 §1).",
            )
        )
    if data_producao > hoje:
        raise Invalid(
            _(
                "classificacao_producao_futura",
                default="Data de produção: it cannot be in the future.",
            )
        )
    if data_classificacao is not None and (
        data_classificacao < data_producao or data_classificacao > hoje
    ):
        raise Invalid(
            _(
                "classificacao_data_invalida",
                default="Data de classificação: between the data de produção and "
                "today.",
            )
        )


def validar_dados(data, hoje: date | None = None) -> None:
    """:func:`validar` for a form's or a body's data (attributes by name)."""
    from seimg.tabelas import obter

    validar(
        getattr(data, "nivel_acesso", None),
        obter(getattr(data, "hipotese_legal", None)),
        getattr(data, "grau_sigilo", None),
        getattr(data, "data_producao", None),
        getattr(data, "data_classificacao", None),
        getattr(data, "evento_termino", None),
        hoje=hoje or hoje_brasilia(),
    )


# --- reading objects -----------------------------------------------------------


def hoje_brasilia() -> date:
    from seimg.base.brasil import FUSO

    return datetime.now(FUSO).date()


def classificada(obj) -> bool:
    """True when ``obj`` (processo or documento) is classified information now."""
    from seimg.nivel_acesso import niveis
    from seimg.tabelas import obter

    if getattr(obj, "nivel_acesso", None) not in (niveis.RESTRITO, niveis.SIGILOSO):
        return False
    return hipotese_classificada(obter(getattr(obj, "hipotese_legal", None)))


def prazo(obj) -> int | None:
    """The maximum term in years of ``obj``'s classification, or None."""
    return prazo_anos(getattr(obj, "grau_sigilo", None)) if classificada(obj) else None


def expira_em(obj) -> date | None:
    """The day ``obj``'s classification ends, or None when it has no term."""
    if not classificada(obj):
        return None
    return expira_em_data(
        getattr(obj, "data_producao", None), getattr(obj, "grau_sigilo", None)
    )


def resumo(obj, hoje: date | None = None) -> dict | None:
    """The classification of ``obj`` for pages and REST, or None."""
    if not classificada(obj):
        return None
    fim = expira_em(obj)
    hoje = hoje or hoje_brasilia()

    def _iso(valor):
        return valor.isoformat() if valor else None

    return {
        "grau": getattr(obj, "grau_sigilo", None),
        "prazo_anos": prazo(obj),
        "data_producao": _iso(getattr(obj, "data_producao", None)),
        "data_classificacao": _iso(getattr(obj, "data_classificacao", None)),
        "evento_termino": getattr(obj, "evento_termino", None) or None,
        "expira_em": _iso(fim),
        "situacao": situacao_em(fim, hoje),
    }


def vencidas(orgao, hoje: date | None = None, dias: int = AVISO_DIAS) -> list:
    """Classified processos and documentos of ``orgao`` whose term ended or
    ends within ``dias`` days, earliest first: ``[(obj, expira_em)]``.

    Unrestricted (the catalog index ``classificacao_expira``): callers that
    show them to people filter what each viewer may see
    (:mod:`seimg.processos.classificacao`).
    """
    from datetime import timedelta
    from plone import api

    hoje = hoje or hoje_brasilia()
    catalog = api.portal.get_tool("portal_catalog")
    if "classificacao_expira" not in catalog.indexes():
        return []
    orgao_uid = orgao if isinstance(orgao, str) else orgao.UID()
    limite = hoje + timedelta(days=dias)
    result = []
    for brain in catalog.unrestrictedSearchResults(
        classificacao_expira={"query": limite, "range": "max"},
        sort_on="classificacao_expira",
    ):
        obj = brain._unrestrictedGetObject()
        if _orgao(obj) != orgao_uid:
            continue
        fim = expira_em(obj)  # the object, not a stale index
        if fim is not None and fim <= limite:
            result.append((obj, fim))
    return sorted(result, key=lambda par: par[1])


def _orgao(obj) -> str | None:
    from seimg.interfaces import IProcesso

    processo = obj
    while processo is not None and not IProcesso.providedBy(processo):
        processo = getattr(processo, "aq_parent", None)
    return getattr(processo, "orgao", None)
