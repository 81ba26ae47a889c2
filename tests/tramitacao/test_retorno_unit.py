"""The one reader of the retorno programado (seimg.tramitacao.retorno)."""

from datetime import date
from seimg.tramitacao import prazos
from seimg.tramitacao.retorno import ler_retorno
from seimg.tramitacao.retorno import ler_retorno_json
from seimg.tramitacao.retorno import MAX_DIAS
from zExceptions import BadRequest
import pytest


HOJE = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize("forma", ["", "nenhum", None])
def test_no_retorno(forma):
    assert ler_retorno(forma, "qualquer", hoje=HOJE) is None
    assert ler_retorno_json(None, hoje=HOJE) is None


def test_a_date_and_days():
    assert ler_retorno("data", "2026-03-10", hoje=HOJE) == date(2026, 3, 10)
    assert ler_retorno("data", date(2026, 3, 10), hoje=HOJE) == date(2026, 3, 10)
    assert ler_retorno("uteis", "5", hoje=HOJE) == date(2026, 3, 9)
    assert ler_retorno("dias_corridos", 5, hoje=HOJE) == date(2026, 3, 9)  # Saturday 7
    assert ler_retorno_json({"dias_uteis": 1}, hoje=HOJE) == date(2026, 3, 3)
    assert ler_retorno_json({"data": "2026-04-01"}, hoje=HOJE) == date(2026, 4, 1)
    assert ler_retorno("uteis", MAX_DIAS, hoje=HOJE) > HOJE


@pytest.mark.parametrize(
    ("forma", "valor"),
    [
        ("uteis", "0"),
        ("uteis", "-3"),
        ("uteis", "3651"),
        ("corridos", str(10**7)),
        ("corridos", "1e3"),
        ("uteis", ""),
        ("uteis", True),
        ("data", "amanhã"),
        ("data", "2026-02-30"),
        ("semanas", "2"),
    ],
)
def test_bad_forms_are_refused_in_portuguese(forma, valor):
    with pytest.raises(BadRequest) as erro:
        ler_retorno(forma, valor, hoje=HOJE)
    assert "Retorno programado" in str(erro.value)


@pytest.mark.parametrize(
    "valor",
    [
        [],
        {},
        {"data": "2026-04-01", "dias_uteis": 2},
        {"data": 20260401},
        {"dias_uteis": "2"},
        {"dias_uteis": 2.5},
        {"dias_corridos": 10**7},
        {"semanas": 2},
    ],
)
def test_bad_json_is_refused(valor):
    with pytest.raises(BadRequest):
        ler_retorno_json(valor, hoje=HOJE)


def test_somar_dias_refuses_instead_of_overflowing():
    with pytest.raises(ValueError, match="must not exceed"):
        prazos.somar_dias(HOJE, 10**7, False, None)
    with pytest.raises(ValueError, match="must not exceed"):
        prazos.somar_dias(HOJE, 10**7, True, None)
