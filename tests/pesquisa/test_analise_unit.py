"""Portuguese analysis: any inflection and accent meet; stop words out."""

from seimg.pesquisa.analise import analisar
from seimg.pesquisa.analise import cpf_valido
from seimg.pesquisa.analise import dobrar
from seimg.pesquisa.analise import palavras
from seimg.pesquisa.analise import radical
import pytest


def _radicais(texto):
    return [t.radical for t in analisar(texto)]


@pytest.mark.parametrize(
    "formas",
    [
        ("licitação", "Licitações", "licitacao", "LICITACOES", "licitacoes"),
        ("contrato", "contratos", "Contratos"),
        ("informação", "informacoes", "Informações"),
        ("ofício", "oficio", "ofícios"),
        ("transferência", "transferencia", "transferências"),
        ("responsável", "responsavel", "responsáveis"),
    ],
)
def test_flexoes_e_acentos_se_encontram(formas):
    assert len({radical(dobrar(f)) for f in formas}) == 1, {
        f: radical(dobrar(f)) for f in formas
    }


def test_palavras_diferentes_nao_se_confundem():
    assert radical("contrato") != radical("contador")
    assert radical("licitacao") != radical("licenca")


def test_paradas_fora_e_posicoes_depois_delas():
    termos = analisar("Pedido de cópia do contrato da merenda")
    assert [t.forma for t in termos] == ["pedido", "copia", "contrato", "merenda"]
    assert [t.posicao for t in termos] == [0, 1, 2, 3]
    # A phrase meets the text across its stop words.
    assert _radicais("cópia do contrato") == _radicais("copia contratos")


def test_forma_escrita_ao_lado_do_radical():
    (termo,) = analisar("Contratações")
    assert termo.forma == "contratacoes"  # prefixes match what was written
    assert termo.radical == radical("contratação")


def test_numeros_sao_palavras():
    assert palavras("Lei 14.133/2021") == ["lei", "14", "133", "2021"]
    assert radical("2021") == "2021"


@pytest.mark.parametrize(
    ("token", "valido"),
    [
        ("639.612.161-18", True),
        ("63961216118", True),
        ("639.612.161-19", False),
        ("111.111.111-11", False),
        ("1320.01.0009530", False),
    ],
)
def test_cpf_com_digitos_verificadores(token, valido):
    assert cpf_valido(token) is valido
