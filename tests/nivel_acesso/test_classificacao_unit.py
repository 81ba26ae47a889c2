"""Term arithmetic and rules of classified information (LAI arts. 23–24)."""

from datetime import date
from seimg.nivel_acesso import classificacao as c
from types import SimpleNamespace
from zope.interface import Invalid
import pytest


CLASSIFICADA = SimpleNamespace(classificada=True, grau=None, informacao_pessoal=False)
RESERVADA = SimpleNamespace(
    classificada=True, grau="reservado", informacao_pessoal=False
)
FISCAL = SimpleNamespace(classificada=False, informacao_pessoal=False)
PESSOAL = SimpleNamespace(classificada=False, informacao_pessoal=True)
HOJE = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("grau", "producao", "fim"),
    [
        ("reservado", date(2021, 6, 15), date(2026, 6, 15)),
        ("secreto", date(2020, 1, 31), date(2035, 1, 31)),
        ("ultrassecreto", date(2001, 12, 31), date(2026, 12, 31)),
        # 29 February: the term ends on 1 March (Lei 810/1949, art. 3)
        ("reservado", date(2024, 2, 29), date(2029, 3, 1)),
        ("ultrassecreto", date(2004, 2, 29), date(2029, 3, 1)),
    ],
)
def test_fim_do_prazo_conta_da_producao(grau, producao, fim):
    assert c.expira_em_data(producao, grau) == fim


def test_sem_grau_ou_producao_nao_ha_prazo():
    assert c.expira_em_data(None, "secreto") is None
    assert c.expira_em_data(date(2020, 1, 1), None) is None
    assert c.expira_em_data(date(2020, 1, 1), "outro") is None
    assert c.prazo_anos("reservado") == 5
    assert c.prazo_anos("secreto") == 15
    assert c.prazo_anos("ultrassecreto") == 25


def test_situacao():
    fim = date(2026, 9, 13)  # 90 days after HOJE
    assert c.situacao_em(fim, HOJE) == c.VENCENDO
    assert c.situacao_em(date(2026, 9, 14), HOJE) == c.VIGENTE
    assert c.situacao_em(HOJE, HOJE) == c.VENCIDA
    assert c.situacao_em(date(2020, 1, 1), HOJE) == c.VENCIDA
    assert c.situacao_em(None, HOJE) is None


def _erro(*args, **kw) -> str:
    with pytest.raises(Invalid) as exc:
        c.validar(*args, hoje=HOJE, **kw)
    return exc.value.args[0]


def test_classificada_pede_grau_e_producao():
    assert _erro("sigiloso", CLASSIFICADA) == "classificacao_grau_obrigatorio"
    assert (
        _erro("sigiloso", CLASSIFICADA, grau="secreto")
        == "classificacao_producao_obrigatoria"
    )
    c.validar("sigiloso", CLASSIFICADA, "secreto", date(2020, 1, 1), hoje=HOJE)
    c.validar(
        "restrito",
        CLASSIFICADA,
        "reservado",
        date(2020, 1, 1),
        date(2020, 2, 1),
        "Assinatura do contrato",
        hoje=HOJE,
    )


def test_datas_coerentes():
    assert (
        _erro("sigiloso", CLASSIFICADA, "secreto", date(2026, 6, 16))
        == "classificacao_producao_futura"
    )
    assert (
        _erro("sigiloso", CLASSIFICADA, "secreto", date(2026, 1, 2), date(2026, 1, 1))
        == "classificacao_data_invalida"
    )
    assert (
        _erro("sigiloso", CLASSIFICADA, "secreto", date(2026, 1, 2), date(2026, 7, 1))
        == "classificacao_data_invalida"
    )


def test_grau_da_hipotese():
    assert (
        _erro("sigiloso", RESERVADA, "secreto", date(2020, 1, 1))
        == "classificacao_grau_da_hipotese"
    )
    c.validar("sigiloso", RESERVADA, "reservado", date(2020, 1, 1), hoje=HOJE)


def test_outras_leis_e_informacao_pessoal_nao_tem_prazo():
    # art. 22 (fiscal, bancário, segredo de justiça) and art. 31: no grau,
    # no dates, no ending event
    assert _erro("sigiloso", FISCAL, grau="reservado") == "classificacao_outra_lei"
    assert (
        _erro("restrito", FISCAL, evento_termino="Fim da obra")
        == "classificacao_outra_lei"
    )
    assert _erro("restrito", PESSOAL, grau="secreto") == "classificacao_pessoal"
    assert (
        _erro("publico", None, data_producao=date(2020, 1, 1))
        == "classificacao_sem_hipotese"
    )
    # empty: fine (sigiloso under another law needs no grau)
    c.validar("sigiloso", FISCAL, hoje=HOJE)
    c.validar("restrito", PESSOAL, "", None, None, "  ", hoje=HOJE)
    c.validar("publico", None, hoje=HOJE)
