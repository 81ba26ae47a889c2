"""The request body limit in front of Zope, without Zope."""

from seimg.deploy import limite
from wsgiref.validate import validator
import json
import pytest


def _app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"lido"]


def _chamar(tamanho, accept="application/json"):
    app = validator(limite.LimiteDeCorpo(_app, 1024 * 1024))
    respostas = []
    environ = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_ACCEPT": accept,
        "CONTENT_LENGTH": str(tamanho),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": _Entrada(),
        "wsgi.errors": _Erros(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    corpo = b"".join(
        app(environ, lambda status, headers: respostas.append((status, headers)))
    )
    return respostas[0][0], dict(respostas[0][1]), corpo


class _Entrada:
    lido = False

    def read(self, *args):
        _Entrada.lido = True
        return b""

    def readline(self, *args):
        return self.read()

    def readlines(self, *args):
        return []

    def __iter__(self):
        return iter([])


class _Erros:
    def write(self, texto):
        pass

    def flush(self):
        pass

    def writelines(self, linhas):
        pass


def test_corpo_no_limite_passa():
    assert _chamar(1024 * 1024)[0] == "200 OK"


def test_corpo_acima_do_limite_413_em_portugues_sem_ler():
    _Entrada.lido = False
    status, headers, corpo = _chamar(3 * 1024 * 1024)
    assert status.startswith("413")
    assert headers["Content-Type"] == "application/json"
    erro = json.loads(corpo)["error"]
    assert erro["type"] == "RequestEntityTooLarge"
    assert "O pedido tem 3 MB e o limite é 1 MB" in erro["message"]
    assert not _Entrada.lido


def test_pagina_para_navegadores():
    status, headers, corpo = _chamar(2 * 1024 * 1024, accept="text/html,*/*")
    assert status.startswith("413")
    assert headers["Content-Type"].startswith("text/html")
    assert "Pedido recusado" in corpo.decode()


@pytest.mark.parametrize(("arquivo_mb", "corpo_mb"), [(200, 277), (10, 24), (1, 12)])
def test_limite_padrao_cabe_um_arquivo_em_base64(arquivo_mb, corpo_mb):
    assert limite.padrao_mb(arquivo_mb) == corpo_mb
