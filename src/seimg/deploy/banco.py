"""503 when the database is down, before Zope can answer anything else.

A WSGI filter around Zope (``zope.ini``'s pipeline). When PostgreSQL cannot
be reached, Zope fails before publishing (opening the ZODB connection polls
RelStorage) and waitress would answer a bare English 500. The filter answers
503 with ``Retry-After`` and a Portuguese message instead — JSON in seimg's
error shape for API clients, a small page for browsers — so clients retry,
and HAProxy's health check (``@@saude``) fails, so it stops routing to the
instance until the database answers again (RelStorage reconnects by itself
on the next request). Errors raised while publishing get the same answer
from seimg's exception view (``seimg.operacao``).
"""

from seimg.base import postgresql
import logging


logger = logging.getLogger("seimg.banco")


def quer_json(environ) -> bool:
    aceita = environ.get("HTTP_ACCEPT", "")
    caminho = environ.get("PATH_INFO", "")
    return "application/json" in aceita or "/@" in caminho.replace("/@@", "/")


class Filtro:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except Exception as erro:
            causa = postgresql.causa_indisponivel(erro)
            if causa is None:
                raise
            logger.warning(
                "database unavailable, 503 for %s %s: %s",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO"),
                str(causa).strip().splitlines()[0] if str(causa).strip() else causa,
            )
            status, cabecalhos, corpo = postgresql.resposta_indisponivel(
                causa, quer_json(environ)
            )
            start_response(status, cabecalhos)
            return [corpo]


def filtro(global_conf, **local_conf):
    """PasteDeploy filter factory (``paste.filter_factory``)."""
    return Filtro
