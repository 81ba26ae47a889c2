"""The Portuguese heuristic the error-walking tests rely on."""

from tests.rest.portugues import em_portugues
import pytest


@pytest.mark.parametrize(
    "texto",
    [
        "You are not authorized to access this resource.",
        "Resource not found: http://localhost/plone/x",
        "day is out of range for month",
        "time data 'ontem' does not match format '%Y-%m-%d'",
        "Query for index <DateIndex at created> is missing a 'query' key!",
        "",
        "BadRequest",
    ],
)
def test_ingles_ou_vazio_nao_passa(texto):
    assert not em_portugues(texto)


@pytest.mark.parametrize(
    "texto",
    [
        "Pedido inválido.",
        "especificacao: Dado obrigatório não informado.",
        "Muitas tentativas de acesso sem sucesso. Aguarde 2 segundos.",
        "Este endereço não aceita esse método.",
        "Código verificador (parâmetro cv): obrigatório.",
    ],
)
def test_portugues_passa(texto):
    assert em_portugues(texto)
