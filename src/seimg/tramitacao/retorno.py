"""Retorno programado: the one reader of how a sender asks for a process back.

Every surface reads the sender's choice here: the Classic UI forms (enviar,
and sending many from the Controle de Processos) with :func:`ler_retorno`,
REST with :func:`ler_retorno_json`. A retorno is a date (today or later,
checked again by :func:`seimg.tramitacao.acoes.verificar_envio`) or a number
of business or calendar days from 1 to :data:`MAX_DIAS`, turned into a date
by :func:`seimg.tramitacao.prazos.somar_dias` with the órgão's holidays.
Refusals are Portuguese messages (400) naming what is wrong.
"""

from datetime import date
from seimg import _
from seimg.processos.erros import invalido
from seimg.tramitacao import prazos
from zExceptions import BadRequest


MAX_DIAS = 3650

#: The form values and JSON keys of each way, → (business days?).
DIAS = {"uteis": True, "dias_uteis": True, "corridos": False, "dias_corridos": False}
NENHUM = ("", "nenhum", None)


def _data_invalida():
    return invalido(
        _(
            "retorno_data_invalida",
            default="Retorno programado: give a date (YYYY-MM-DD).",
        )
    )


def _dias_invalidos():
    return invalido(
        _(
            "retorno_dias_invalidos",
            default="Retorno programado: a whole number of days from 1 to 3650.",
        )
    )


def _forma_invalida():
    return invalido(
        _(
            "rest_retorno_invalido",
            default="Field 'retorno_programado': give exactly one of "
            '{"data": "YYYY-MM-DD"}, {"dias_uteis": N} or {"dias_corridos": N}.',
        )
    )


def _data(valor) -> date:
    if isinstance(valor, date):
        return valor
    try:
        return date.fromisoformat(str(valor).strip())
    except ValueError:
        raise _data_invalida() from None


def _dias(valor) -> int:
    if isinstance(valor, bool):
        dias = 0
    elif isinstance(valor, int):
        dias = valor
    else:
        texto = str(valor or "").strip()
        dias = int(texto) if texto.isdigit() and len(texto) <= 6 else 0
    if not 1 <= dias <= MAX_DIAS:
        raise _dias_invalidos()
    return dias


def ler_retorno(forma, valor, orgao=None, hoje: date | None = None) -> date | None:
    """The retorno date asked for, or None (no retorno).

    ``forma``: ``"data"`` (``valor`` a ``YYYY-MM-DD`` text or a date),
    ``"uteis"``/``"dias_uteis"`` or ``"corridos"``/``"dias_corridos"``
    (``valor`` a whole number of days, text or int), or empty/``"nenhum"``.
    ``orgao`` adds its municipal holidays to the business-day count.
    """
    if forma in NENHUM:
        return None
    if forma == "data":
        return _data(valor)
    if forma in DIAS:
        return prazos.somar_dias(hoje or date.today(), _dias(valor), DIAS[forma], orgao)
    raise invalido(
        _(
            "retorno_forma_invalida",
            default="Retorno programado: choose a date, business days or "
            "calendar days.",
        )
    )


def ler_retorno_json(valor, orgao=None, hoje: date | None = None) -> date | None:
    """``retorno_programado`` of a REST body: ``{"data": "YYYY-MM-DD"}``,
    ``{"dias_uteis": N}`` or ``{"dias_corridos": N}`` (or absent: None)."""
    if valor is None:
        return None
    if not isinstance(valor, dict) or len(valor) != 1:
        raise _forma_invalida()
    ((forma, conteudo),) = valor.items()
    if forma == "data":
        try:
            return _data(conteudo if isinstance(conteudo, str) else None)
        except BadRequest:
            raise invalido(
                _(
                    "rest_retorno_data_invalida",
                    default="Field 'retorno_programado.data': '${valor}' is not a "
                    "date (YYYY-MM-DD).",
                    mapping={"valor": str(conteudo)},
                )
            ) from None
    if forma in ("dias_uteis", "dias_corridos"):
        if (
            isinstance(conteudo, bool)
            or not isinstance(conteudo, int)
            or not 1 <= conteudo <= MAX_DIAS
        ):
            raise invalido(
                _(
                    "rest_retorno_dias_invalidos",
                    default="Field 'retorno_programado.${campo}': a whole number "
                    "of days from 1 to 3650.",
                    mapping={"campo": forma},
                )
            )
        return ler_retorno(forma, conteudo, orgao, hoje)
    raise _forma_invalida()
