"""Business days: weekends, national, Minas Gerais and municipal holidays.

Owns the rules of counting deadlines (retorno programado, later the
Controle de prazos):

- national and Minas Gerais holidays come from the ``holidays`` package
  (``holidays.Brazil(subdiv="MG")``, public holidays only);
- each órgão lists its municipal holidays and extra closures in its field
  ``feriados`` (administrators edit it), one per line:
  ``AAAA-MM-DD Descrição`` (that day only, e.g. a ponto facultativo) or
  ``DD-MM Descrição`` (every year, e.g. the town's anniversary).
"""

from datetime import date
from datetime import timedelta
from functools import lru_cache
from seimg import _
from seimg.base.erros import CampoInvalido
import re


_ANUAL = re.compile(r"^(\d{2})-(\d{2})(?:\s+(.*))?$")
_DATA = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\s+(.*))?$")


def ler_feriado(linha: str) -> tuple[int | None, int, int, str]:
    """``(ano or None, mês, dia, descrição)`` of one line; ValueError if invalid."""
    linha = (linha or "").strip()
    match = _DATA.match(linha)
    if match:
        ano, mes, dia = (int(g) for g in match.groups()[:3])
        date(ano, mes, dia)  # ValueError for 2026-02-30
        return ano, mes, dia, (match.group(4) or "").strip()
    match = _ANUAL.match(linha)
    if match:
        dia, mes = int(match.group(1)), int(match.group(2))
        date(2000, mes, dia)  # a leap year: 29-02 is accepted
        return None, mes, dia, (match.group(3) or "").strip()
    raise ValueError(linha)


def feriados_constraint(value) -> bool:
    """Schema constraint of ``Orgao.feriados``: every line must parse."""
    for linha in value or ():
        if not (linha or "").strip():
            continue
        try:
            ler_feriado(linha)
        except ValueError:
            raise CampoInvalido(
                _(
                    "feriado_invalido",
                    default="Holidays: '${linha}' is not 'YYYY-MM-DD Description' "
                    "nor 'DD-MM Description' (yearly).",
                    mapping={"linha": linha},
                )
            ) from None
    return True


@lru_cache(maxsize=64)
def _oficiais(ano: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.Brazil(subdiv="MG", years=ano).keys())


def feriados_do_orgao(orgao, ano: int) -> dict[date, str]:
    """{date: description} of ``orgao``'s own holidays and closures in ``ano``."""
    result: dict[date, str] = {}
    for linha in getattr(orgao, "feriados", None) or ():
        try:
            a, mes, dia, descricao = ler_feriado(linha)
        except ValueError:
            continue
        if a is not None and a != ano:
            continue
        try:
            result[date(ano, mes, dia)] = descricao
        except ValueError:  # 29-02 in a common year
            continue
    return result


def dia_util(dia: date, orgao=None) -> bool:
    """Not a weekend, a national/MG holiday nor one of ``orgao``'s."""
    if dia.weekday() >= 5:
        return False
    if dia in _oficiais(dia.year):
        return False
    return dia not in feriados_do_orgao(orgao, dia.year)


def proximo_dia_util(dia: date, orgao=None) -> date:
    """``dia`` itself when it is a business day, else the next one."""
    while not dia_util(dia, orgao):
        dia += timedelta(days=1)
    return dia


#: The most days :func:`somar_dias` counts (a century).
LIMITE_DIAS = 36_500


def somar_dias(inicio: date, n: int, uteis: bool, orgao) -> date:
    """The date ``n`` days after ``inicio`` (which is not counted).

    ``uteis``: count business days only. Calendar days end on the n-th day,
    moved to the next business day when that one is not (as in Lei
    9.784/1999, art. 66, § 1º). ``orgao`` (or None) adds its own holidays.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if n > LIMITE_DIAS:
        # Dates past year 9999 do not exist (OverflowError); callers bound
        # their inputs far below this (seimg.tramitacao.retorno.MAX_DIAS).
        raise ValueError(f"n must not exceed {LIMITE_DIAS}")
    if not uteis:
        return proximo_dia_util(inicio + timedelta(days=n), orgao) if n else inicio
    dia = inicio
    contados = 0
    while contados < n:
        dia += timedelta(days=1)
        if dia_util(dia, orgao):
            contados += 1
    return dia
