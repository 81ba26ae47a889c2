"""Numbers in any format meet the object's own keys."""

from seimg.pesquisa.numeros import chaves_da_consulta
from seimg.pesquisa.numeros import chaves_numero_sei
from seimg.pesquisa.numeros import chaves_numero_tipo
from seimg.pesquisa.numeros import chaves_nup
import pytest


NUP = "1320.01.0009530/2022-26"


@pytest.mark.parametrize(
    "consulta",
    [
        NUP,
        "13200100095302022",
        "1320010009530202226",
        "9530/2022",
        "1320.01.0009530/2022",
    ],
)
def test_nup_em_qualquer_formato(consulta):
    assert chaves_da_consulta(consulta) & chaves_nup(NUP), consulta


def test_nup_federal():
    assert chaves_da_consulta("52402009002202411") & chaves_nup("52402.009002/2024-11")
    assert chaves_da_consulta("9002/2024") & chaves_nup("52402.009002/2024-11")


def test_numero_sei_com_ou_sem_zeros():
    assert chaves_da_consulta("0000123") == chaves_numero_sei("0000123")
    assert chaves_da_consulta("123") == chaves_numero_sei(123)


def test_numero_por_tipo():
    assert chaves_da_consulta("3/2026") == chaves_numero_tipo("3/2026/CMVS/SECRETARIA")


def test_palavras_nao_sao_numeros():
    assert chaves_da_consulta("contrato") == set()
    assert chaves_da_consulta("") == set()
    assert chaves_da_consulta("-") == set()
    assert chaves_nup("sem número") == set()
