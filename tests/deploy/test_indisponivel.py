"""A database that goes down while publishing: the exception view answers
503 in Portuguese with Retry-After (seimg.operacao.browser.indisponivel),
before seimg's general error view, with or without seimg's layer."""

from plone.rest.interfaces import IAPIRequest
from seimg.base.postgresql import BancoIndisponivel
from seimg.operacao.browser.indisponivel import BancoIndisponivel as Vista
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
import json
import psycopg2
import pytest


@pytest.fixture
def pedido(integration):
    return integration["request"]


@pytest.mark.parametrize(
    "erro",
    [BancoIndisponivel(), psycopg2.OperationalError("x"), psycopg2.InterfaceError()],
)
def test_503_na_api(pedido, erro):
    alsoProvides(pedido, IAPIRequest)
    vista = getMultiAdapter((erro, pedido), name="index.html")
    assert isinstance(vista, Vista)
    vista()
    resposta = pedido.response
    assert resposta.getStatus() == 503
    assert resposta.getHeader("Retry-After") == "10"
    dados = json.loads(resposta.getBody())
    assert dados["error"]["type"] == "BancoIndisponivel"
    assert "Nada foi gravado" in dados["error"]["message"]


def test_503_no_navegador(pedido):
    vista = getMultiAdapter((BancoIndisponivel(), pedido), name="index.html")
    vista()
    assert pedido.response.getStatus() == 503
    assert "Serviço temporariamente indisponível" in pedido.response.getBody().decode()
