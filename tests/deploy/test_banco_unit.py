"""seimg.deploy.banco: 503 in Portuguese when the database is down."""

from seimg.base.postgresql import BancoIndisponivel
from seimg.deploy.banco import Filtro
import json
import psycopg2
import pytest


def _chamar(app, **environ):
    visto = {}

    def start_response(status, cabecalhos):
        visto["status"] = status
        visto["cabecalhos"] = dict(cabecalhos)

    corpo = b"".join(Filtro(app)({"REQUEST_METHOD": "GET", **environ}, start_response))
    return visto["status"], visto["cabecalhos"], corpo


def _falha(erro):
    def app(environ, start_response):
        raise erro

    return app


def _envolvida():
    """A driver error wrapped as RelStorage/ZODB do (its cause)."""
    try:
        try:
            raise psycopg2.OperationalError("connection refused")
        except psycopg2.OperationalError as erro:
            raise RuntimeError("could not poll") from erro
    except RuntimeError as fora:
        return fora


@pytest.mark.parametrize(
    "erro", [BancoIndisponivel(), psycopg2.OperationalError("x"), _envolvida()]
)
def test_banco_fora_do_ar_da_503_json_para_api(erro):
    status, cabecalhos, corpo = _chamar(
        _falha(erro), PATH_INFO="/seimg/@search", HTTP_ACCEPT="application/json"
    )
    assert status.startswith("503")
    assert cabecalhos["Retry-After"] == "10"
    assert cabecalhos["Content-Type"] == "application/json"
    dados = json.loads(corpo)
    assert dados["error"]["type"] == "BancoIndisponivel"
    assert "indisponível" in dados["error"]["message"]
    assert int(cabecalhos["Content-Length"]) == len(corpo)


def test_pagina_em_portugues_para_o_navegador():
    status, cabecalhos, corpo = _chamar(
        _falha(BancoIndisponivel()), PATH_INFO="/seimg/transparencia"
    )
    assert status.startswith("503")
    assert cabecalhos["Content-Type"].startswith("text/html")
    texto = corpo.decode("utf-8")
    assert 'lang="pt-BR"' in texto
    assert "Serviço temporariamente indisponível" in texto


def test_banco_cheio_tem_mensagem_propria():
    from psycopg2 import errors

    erro = errors.DiskFull("could not extend file")
    _status, _cabecalhos, corpo = _chamar(
        _falha(erro), PATH_INFO="/seimg/@x", HTTP_ACCEPT="application/json"
    )
    assert "sem espaço" in json.loads(corpo)["error"]["message"]


def test_outros_erros_passam_adiante():
    with pytest.raises(ZeroDivisionError):
        _chamar(_falha(ZeroDivisionError()), PATH_INFO="/seimg")


def test_resposta_normal_intacta():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    assert _chamar(app, PATH_INFO="/")[2] == b"ok"
