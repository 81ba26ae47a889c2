"""Check digits and the mask language (no Plone layer needed)."""

from seimg.numeracao import formatar_numero_documento
from seimg.numeracao import POLITICAS
from seimg.numeracao.digitos import mod11_federal
from seimg.numeracao.digitos import mod97_10
from seimg.numeracao.mascara import Mascara
from seimg.numeracao.mascara import mascara_constraint
from seimg.numeracao.mascara import MascaraInvalida
from seimg.numeracao.mascara import NumeroInvalido
from seimg.numeracao.mascara import ValorForaDaMascara
from zope.interface import Invalid
from zope.schema import TextLine
import pytest
import re


SEIMG = "{orgao:4}.{unidade:2}.{sequencial:7}/{ano}-{dv:mod97}"
FEDERAL = "{unidade:5}.{sequencial:6}/{ano}-{dv:mod11}"

REAIS = [
    (SEIMG, "1320.01.0009530/2022-26"),
    (SEIMG, "1500.01.0069235/2025-73"),
    (FEDERAL, "52402.009002/2024-11"),
    (FEDERAL, "99990.000005/2020-46"),
]


def test_mod97_10_worked_examples():
    assert mod97_10("13200100095302022") == "26"
    assert mod97_10("15000100692352025") == "73"
    # zero padding: 98 - x < 10
    digits = next(
        str(n) for n in range(10**16, 10**16 + 200) if int(mod97_10(str(n))) < 10
    )
    assert len(mod97_10(digits)) == 2
    assert mod97_10(digits).startswith("0")


def test_mod11_federal_worked_examples():
    assert mod11_federal("524020090022024") == "11"
    assert mod11_federal("999900000052020") == "46"


def test_mod11_weights_never_wrap():
    # With weights wrapping at 9 (the CPF/CNPJ style), DV1 of this number
    # would differ; the federal NUP keeps growing the weight.
    digits = "524020090022024"
    wrapping = sum(int(c) * (2 + i % 8) for i, c in enumerate(reversed(digits)))
    growing = sum(int(c) * w for w, c in enumerate(reversed(digits), start=2))
    assert wrapping % 11 != growing % 11
    assert mod11_federal(digits)[0] == str((11 - growing % 11) % 10)


def test_check_digits_need_digits():
    with pytest.raises(ValueError, match="only digits"):
        mod97_10("1320.01")
    with pytest.raises(ValueError, match="only digits"):
        mod11_federal("")


@pytest.mark.parametrize(("mascara", "numero"), REAIS)
def test_real_numbers_validate_and_rebuild(mascara, numero):
    m = Mascara.parse(mascara)
    m.validar(numero)
    partes = m.decompor(numero)
    assert (
        m.formatar(
            partes.get("orgao"), partes["unidade"], partes["sequencial"], partes["ano"]
        )
        == numero
    )


def test_decompor():
    assert Mascara.parse(SEIMG).decompor("1320.01.0009530/2022-26") == {
        "orgao": 1320,
        "unidade": 1,
        "sequencial": 9530,
        "ano": 2022,
        "dv": "26",
    }
    assert Mascara.parse(FEDERAL).decompor(" 52402.009002/2024-11 ") == {
        "unidade": 52402,
        "sequencial": 9002,
        "ano": 2024,
        "dv": "11",
    }


@pytest.mark.parametrize(
    "numero",
    [
        "1320.01.0009530/2022-27",  # dv off by one
        "1320.01.0009530/2022-62",  # dv swapped
        "1320.01.0009503/2022-26",  # transposed sequence digits
        "1320.02.0009530/2022-26",  # other unit
        "1320.01.0009530/2023-26",  # other year
    ],
)
def test_wrong_check_digits_rejected_mod97(numero):
    with pytest.raises(NumeroInvalido) as info:
        Mascara.parse(SEIMG).validar(numero)
    assert info.value.motivo == "dv"
    assert info.value.args[0] == "numero_dv_invalido"


@pytest.mark.parametrize(
    "numero",
    [
        "52402.009002/2024-12",
        "52402.009002/2024-01",
        "52402.009020/2024-11",
        "99990.000005/2020-64",
    ],
)
def test_wrong_check_digits_rejected_mod11(numero):
    with pytest.raises(NumeroInvalido) as info:
        Mascara.parse(FEDERAL).validar(numero)
    assert info.value.motivo == "dv"


@pytest.mark.parametrize(
    "numero",
    [
        "",
        "1320.01.0009530/2022",  # no dv
        "1320.1.0009530/2022-26",  # short unit
        "1320-01-0009530/2022-26",  # other separators
        "13200100095302022-26",  # no separators
        "1320.01.0009530/22-26",  # 2-digit year
        "1320.01.0009530/2022-26x",
        "1320.01.000953O/2022-26",  # letter O
        "١٣٢٠.01.0009530/2022-26",  # non-ASCII digits
        None,
    ],
)
def test_wrong_shape_rejected(numero):
    m = Mascara.parse(SEIMG)
    with pytest.raises(NumeroInvalido) as info:
        m.validar(numero)
    assert info.value.motivo == "formato"
    mensagem = info.value.args[0]
    assert mensagem == "numero_formato_invalido"
    assert mensagem.mapping["formato"] == "OOOO.UU.SSSSSSS/AAAA-DD"
    m.validar(mensagem.mapping["exemplo"])  # the example given is valid


FORMAS = [
    # (mask, orgao, unidade, expected shape regex)
    (SEIMG, 1500, 2, r"1500\.02\.\d{7}/\d{4}-\d\d"),
    (FEDERAL, None, 52402, r"52402\.\d{6}/\d{4}-\d\d"),
    ("{orgao:3}-{unidade:3}-{sequencial:5}/{ano}-{dv:mod97}", 7, 12, None),
    ("{unidade:5} {sequencial_unidade:6} {ano} {dv:mod11}", None, 7, None),
    ("{orgao:4}.{unidade:2}.{sequencial_unidade:7}/{ano}-{dv:mod11}", 1, 1, None),
    ("{ano}/{orgao:2}{unidade:2}{sequencial:6}{dv:mod97}", 15, 3, None),
    ("{orgao:4}/{sequencial:5}/{ano}", 9999, None, r"9999/\d{5}/\d{4}"),
    ("{sequencial:7}-{ano}", None, None, r"\d{7}-\d{4}"),
]


@pytest.mark.parametrize(("texto", "orgao", "unidade", "forma"), FORMAS)
def test_round_trip(texto, orgao, unidade, forma):
    m = Mascara.parse(texto)
    largura = m.sequencia.largura
    for ano in (1999, 2024, 2026):
        for sequencial in (1, 2, 9, 10, 99, 12345 % 10**largura, 10**largura - 1):
            numero = m.formatar(orgao, unidade, sequencial, ano)
            if forma:
                assert re.fullmatch(forma, numero), numero
            m.validar(numero)
            partes = m.decompor(numero)
            assert partes["sequencial"] == sequencial
            assert partes["ano"] == ano
            if m.algoritmo:
                # any other check digits are rejected
                dv = partes["dv"]
                for outro in ("00", "99", dv[::-1], f"{(int(dv) + 1) % 100:02d}"):
                    if outro == dv:
                        continue
                    with pytest.raises(NumeroInvalido):
                        m.validar(numero[:-2] + outro)


def test_escopo():
    assert Mascara.parse(SEIMG).escopo == "orgao"
    assert Mascara.parse(FEDERAL).escopo == "orgao"
    per_unit = Mascara.parse("{unidade:3}.{sequencial_unidade:6}/{ano}-{dv:mod97}")
    assert per_unit.escopo == "unidade"
    assert per_unit.algoritmo == "mod97"
    assert Mascara.parse("{sequencial:7}-{ano}").algoritmo is None


def test_formato_and_exemplo():
    m = Mascara.parse(SEIMG)
    assert m.formato() == "OOOO.UU.SSSSSSS/AAAA-DD"
    assert m.exemplo(1500, 1, 69235, 2025) == "1500.01.0069235/2025-73"
    assert Mascara.parse(FEDERAL).formato() == "UUUUU.SSSSSS/AAAA-DD"
    assert Mascara.parse(FEDERAL).exemplo(unidade=99990, sequencial=5, ano=2020) == (
        "99990.000005/2020-46"
    )


@pytest.mark.parametrize(
    ("orgao", "unidade", "sequencial", "ano"),
    [
        (15000, 1, 1, 2026),  # órgão code too wide
        (1500, 100, 1, 2026),  # unit code too wide
        (1500, 1, 10_000_000, 2026),  # sequence overflow
        (1500, 1, 1, 20260),  # year
        (None, 1, 1, 2026),  # no órgão code
        (1500, -1, 1, 2026),
        (1500, 1, True, 2026),
        ("1500", 1, 1, 2026),
    ],
)
def test_values_that_do_not_fit(orgao, unidade, sequencial, ano):
    with pytest.raises(ValorForaDaMascara) as info:
        Mascara.parse(SEIMG).formatar(orgao, unidade, sequencial, ano)
    assert isinstance(info.value, MascaraInvalida)
    assert info.value.args[0] == "mascara_valor_excede"


def test_codes_the_mask_does_not_use_are_ignored():
    assert Mascara.parse(FEDERAL).formatar(123456, 52402, 9002, 2024) == (
        "52402.009002/2024-11"
    )


INVALIDAS = [
    ("", "mascara_vazia"),
    ("   ", "mascara_vazia"),
    (None, "mascara_vazia"),
    ("{orgao:4}.{foo:2}.{sequencial:7}/{ano}", "mascara_token_desconhecido"),
    ("{ORGAO:4}.{sequencial:7}/{ano}", "mascara_token_desconhecido"),
    ("{}{sequencial:7}/{ano}", "mascara_token_desconhecido"),
    ("{orgao:4}.{unidade:2}/{ano}-{dv:mod97}", "mascara_sem_sequencial"),
    ("{orgao:4}.{sequencial:7}/{sequencial_unidade:3}", "mascara_dois_sequenciais"),
    ("{orgao:4}.{unidade:2}.{sequencial:7}-{dv:mod97}", "mascara_sem_ano"),
    ("{orgao:4}.{sequencial:7}-{dv:mod97}/{ano}", "mascara_dv_nao_final"),
    ("{orgao:4}.{sequencial:7}/{ano}-{dv:mod97}-", "mascara_dv_nao_final"),
    ("{orgao:4}.{sequencial:7}/{ano}-{dv:mod97}{dv:mod11}", "mascara_token_duplicado"),
    ("{orgao:4}.{orgao:4}.{sequencial:7}/{ano}", "mascara_token_duplicado"),
    ("{orgao:4}.{sequencial:7}/{ano}/{ano}", "mascara_token_duplicado"),
    ("{orgao}.{sequencial:7}/{ano}", "mascara_largura_invalida"),
    ("{orgao:0}.{sequencial:7}/{ano}", "mascara_largura_invalida"),
    ("{orgao:11}.{sequencial:7}/{ano}", "mascara_largura_invalida"),
    ("{orgao:x}.{sequencial:7}/{ano}", "mascara_largura_invalida"),
    ("{orgao:-4}.{sequencial:7}/{ano}", "mascara_largura_invalida"),
    ("{orgao:4}.{sequencial:}/{ano}", "mascara_largura_invalida"),
    ("{orgao:4}.{sequencial:7}/{ano:2}", "mascara_ano_invalido"),
    ("{orgao:4}.{sequencial:7}/{ano:}", "mascara_ano_invalido"),
    ("{orgao:4}.{sequencial:7}/{ano}-{dv}", "mascara_dv_desconhecido"),
    ("{orgao:4}.{sequencial:7}/{ano}-{dv:mod10}", "mascara_dv_desconhecido"),
    ("{orgao:4}_{sequencial:7}/{ano}", "mascara_caractere_invalido"),
    ("SEI-{sequencial:7}/{ano}", "mascara_caractere_invalido"),
    ("{orgao:4}.{sequencial:7}/{ano}}", "mascara_caractere_invalido"),
    ("{orgao:4}.{sequencial:7/{ano}", "mascara_chave_aberta"),
    ("{orgao:4}.{sequencial:7}/{ano", "mascara_chave_aberta"),
    (
        "{sequencial_unidade:5}/{ano}-{dv:mod97}",
        "mascara_sequencial_unidade_sem_unidade",
    ),
]


@pytest.mark.parametrize(("texto", "msgid"), INVALIDAS)
def test_invalid_masks(texto, msgid):
    with pytest.raises(MascaraInvalida) as info:
        Mascara.parse(texto)
    assert isinstance(info.value, Invalid)
    assert info.value.args[0] == msgid
    assert info.value.args[0].domain == "seimg"
    with pytest.raises(MascaraInvalida):
        mascara_constraint(texto)


def test_constraint_on_a_schema_field():
    campo = TextLine(constraint=mascara_constraint)
    campo.validate(SEIMG)
    campo.validate(FEDERAL)
    assert mascara_constraint(SEIMG) is True
    with pytest.raises(MascaraInvalida):
        campo.validate("{orgao:4}.{ano}")


class _Sigla:
    def __init__(self, sigla, parent=None):
        self.sigla = sigla
        self.__parent__ = parent


def test_formatar_numero_documento():
    seplag = _Sigla("SEPLAG")
    dcsc = _Sigla("DCSC", seplag)
    assert set(POLITICAS) == {
        "sequencial_unidade",
        "sequencial_orgao",
        "anual_unidade",
        "anual_orgao",
        "nenhuma",
        "informada",
    }
    f = formatar_numero_documento
    oficio = f("Ofício", 12, "anual_unidade", dcsc, 2026)
    assert oficio == "Ofício nº 12/2026/SEPLAG/DCSC"
    assert f("Memorando", 7, "sequencial_unidade", dcsc) == "Memorando nº 7/SEPLAG/DCSC"
    assert f("Portaria", 3, "anual_orgao", dcsc, 2026) == "Portaria nº 3/2026/SEPLAG"
    assert f("Portaria", 3, "sequencial_orgao", dcsc) == "Portaria nº 3/SEPLAG"
    assert f("Ofício", "A-15/2019", "informada", dcsc) == "Ofício nº A-15/2019"
    assert f("Despacho", None, "nenhuma", dcsc) == "Despacho"
    with pytest.raises(ValueError, match="por_dia"):
        f("Ofício", 1, "por_dia", dcsc)
