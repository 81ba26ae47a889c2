"""HAProxy in front of the Zope instances of ``make cluster``.

:func:`configuracao` writes the classic Plone balancing (HAProxy 2.6 from
Debian):

- ``balance leastconn`` and a low ``maxconn`` per instance (its thread
  count), so requests queue in HAProxy, not inside a busy Zope;
- health checks on ``/seimg/@@saude`` (no login, no write; 503 when the
  database does not answer), so an instance that lost PostgreSQL or died
  stops receiving requests and comes back by itself;
- ``retry-on conn-failure`` only: a request is resent to another instance
  only when the connection to the first failed, never once it reached an
  instance (a POST is never sent twice); ``option redispatch`` moves such
  a retry to another instance;
- ``option forwardfor``: Zope (``trusted-proxy 127.0.0.1``) takes the client's
  address from ``X-Forwarded-For`` (the limits per address count clients,
  not the proxy);
- HAProxy's own error pages (no instance available, timeouts) in Portuguese,
  with ``Retry-After``.
"""

from __future__ import annotations

from pathlib import Path


SAUDE = "/seimg/@@saude"

_CABECALHO = (
    "HTTP/1.1 {status} {motivo}\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Length: {tamanho}\r\n"
    "Cache-Control: no-store\r\n"
    "{espera}"
    "Connection: close\r\n\r\n"
)
_PAGINA = """<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>{titulo}</title></head>
<body><main><h1>{titulo}</h1><p>{texto}</p></main></body></html>
"""

PAGINAS = {
    400: (
        "Bad Request",
        "Pedido malformado",
        "O pedido não pôde ser entendido e não foi processado. Nada foi gravado.",
        0,
    ),
    408: (
        "Request Timeout",
        "O pedido não chegou a tempo",
        "O pedido (ou o arquivo enviado) não chegou inteiro a tempo e não foi "
        "processado. Nada foi gravado: envie de novo.",
        0,
    ),
    503: (
        "Service Unavailable",
        "Serviço temporariamente indisponível",
        "Nenhum servidor do seimg pode atender agora (todos estão ocupados, "
        "reiniciando ou sem acesso ao banco de dados). Nada foi gravado por "
        "este pedido. Tente de novo em alguns segundos.",
        10,
    ),
    504: (
        "Gateway Timeout",
        "O servidor demorou demais para responder",
        "O pedido não foi concluído a tempo. Se era uma gravação, confira se "
        "ela aconteceu antes de repetir.",
        10,
    ),
    502: (
        "Bad Gateway",
        "Falha na comunicação com o servidor",
        "O servidor do seimg encerrou a conexão antes de responder. Se era uma "
        "gravação, confira se ela aconteceu antes de repetir.",
        5,
    ),
}


def paginas_de_erro(pasta: Path) -> dict[int, Path]:
    pasta.mkdir(parents=True, exist_ok=True)
    arquivos = {}
    for status, (motivo, titulo, texto, espera) in PAGINAS.items():
        arquivo = pasta / f"{status}.http"
        corpo = _PAGINA.format(titulo=titulo, texto=texto).encode("utf-8")
        cabecalho = _CABECALHO.format(
            status=status,
            motivo=motivo,
            tamanho=len(corpo),
            espera=f"Retry-After: {espera}\r\n" if espera else "",
        )
        arquivo.write_bytes(cabecalho.encode("ascii") + corpo)
        arquivos[status] = arquivo
    return arquivos


def configuracao(
    host: str,
    porta: int,
    instancias: list[tuple[str, int]],
    maxconn: int,
    paginas: dict[int, Path],
) -> str:
    servidores = "\n".join(
        f"    server instancia{n} {h}:{p} maxconn {maxconn}"
        for n, (h, p) in enumerate(instancias, start=1)
    )
    erros = "\n".join(
        f"    errorfile {status} {arquivo}"
        for status, arquivo in sorted(paginas.items())
    )
    return f"""# Written by seimg.deploy.haproxy at every start of make cluster.
global
    maxconn 2000
    log stderr format short local0 warning

defaults
    mode http
    log global
    option httplog
    option dontlognull
    timeout connect 5s
    # waiting in HAProxy's queue for a free instance thread
    timeout queue 60s
    timeout client 300s
    # a process PDF or a large upload may take minutes
    timeout server 300s
    timeout http-request 60s
    timeout http-keep-alive 10s
    option forwardfor
    option http-server-close
{erros}

frontend seimg
    bind {host}:{porta}
    default_backend zope

backend zope
    balance leastconn
    # resend only what never reached an instance (a POST is never sent twice)
    retries 3
    retry-on conn-failure
    option redispatch 1
    option httpchk
    http-check send meth GET uri {SAUDE}
    http-check expect status 200
    default-server check inter 2s fall 2 rise 2 slowstart 5s
{servidores}
"""


def escrever(
    pasta: Path, host: str, porta: int, instancias: list[tuple[str, int]], maxconn: int
) -> Path:
    """Write ``haproxy.cfg`` and its error pages in ``pasta``; the file."""
    pasta = Path(pasta)
    paginas = paginas_de_erro(pasta / "erros")
    arquivo = pasta / "haproxy.cfg"
    arquivo.write_text(
        configuracao(host, porta, instancias, maxconn, paginas), encoding="utf-8"
    )
    return arquivo
