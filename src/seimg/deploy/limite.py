"""Refuse request bodies above the limit before anything reads them.

A WSGI filter in front of Zope (``zope.ini``'s pipeline): a request whose
``Content-Length`` is above ``SEIMG_MAX_CORPO_MB`` (default: what a file
of the largest size seimg accepts takes as base64 in a JSON body, plus room
for the other fields) gets 413 with a Portuguese message — JSON for API
clients, a short page for browsers — and Zope never sees it: the body is
not parsed or decoded (waitress has spooled it to a temporary file, not to
memory). Bodies without ``Content-Length`` (chunked) are bounded by
waitress's ``max_request_body_size``.
"""

import json
import math


ARQUIVO_MB = 200  # seimg.arquivos.interfaces.TAMANHO_MAXIMO_MB (the default)
MARGEM_MB = 10


def padrao_mb(arquivo_mb: int = ARQUIVO_MB) -> int:
    """The body limit for files up to ``arquivo_mb`` MB sent as base64 JSON."""
    return math.ceil(arquivo_mb * 4 / 3) + MARGEM_MB


MENSAGEM = (
    "O pedido tem {tamanho} MB e o limite é {limite} MB. Envie arquivos menores "
    "(o limite de cada arquivo é configurado pelo administrador)."
)


class LimiteDeCorpo:
    def __init__(self, app, maximo_bytes: int):
        self.app = app
        self.maximo = maximo_bytes

    def __call__(self, environ, start_response):
        declarado = environ.get("CONTENT_LENGTH") or ""
        try:
            tamanho = int(declarado) if declarado else 0
        except ValueError:
            return self._responder(
                environ,
                start_response,
                "400 Bad Request",
                "BadRequest",
                "O cabeçalho Content-Length não é um número.",
            )
        if tamanho > self.maximo:
            mega = 1024 * 1024
            return self._responder(
                environ,
                start_response,
                "413 Request Entity Too Large",
                "RequestEntityTooLarge",
                MENSAGEM.format(
                    tamanho=math.ceil(tamanho / mega), limite=self.maximo // mega
                ),
            )
        return self.app(environ, start_response)

    def _responder(self, environ, start_response, status, tipo, mensagem):
        if "json" in environ.get("HTTP_ACCEPT", "") or "html" not in environ.get(
            "HTTP_ACCEPT", ""
        ):
            corpo = json.dumps(
                {"error": {"type": tipo, "message": mensagem}}, ensure_ascii=False
            ).encode("utf-8")
            tipo_conteudo = "application/json"
        else:
            corpo = (
                '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8">'
                f"<title>{status[4:]}</title></head><body><main><h1>Pedido "
                f"recusado</h1><p>{mensagem}</p></main></body></html>"
            ).encode()
            tipo_conteudo = "text/html; charset=utf-8"
        start_response(
            status,
            [
                ("Content-Type", tipo_conteudo),
                ("Content-Length", str(len(corpo))),
            ],
        )
        return [corpo]


def filtro(global_conf, maximo_mb=None):
    """PasteDeploy filter factory (``paste.filter_factory``)."""
    limite = int(maximo_mb) if maximo_mb else padrao_mb()

    def aplicar(app):
        return LimiteDeCorpo(app, limite * 1024 * 1024)

    return aplicar
