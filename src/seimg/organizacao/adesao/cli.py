"""Adesão from the console (``make adesao ARQUIVO=…``, via ``zconsole run``).

Zope is stopped while it runs (FileStorage is single-process), and so is the
local SMTP sink of ``make start``: when the site mails through a local port
where nothing listens, the sink is started here for the duration, so that
invitations are kept in ``$SEIMG_DATA/mail`` as usual.
"""

from contextlib import nullcontext
from pathlib import Path
from seimg.base import pastas
from seimg.organizacao import adesao
import argparse
import os
import socket
import transaction


def _public_environ() -> dict:
    """Request environment so that links in e-mails use the site's public URL."""
    from urllib.parse import urlparse

    public = urlparse(
        os.environ.get("SEIMG_PUBLIC_URL")
        or "http://{}:{}".format(
            os.environ.get("SEIMG_HOST", "127.0.0.1"),
            os.environ.get("SEIMG_PORT", "8080"),
        )
    )
    https = public.scheme == "https"
    environ = {
        "SERVER_NAME": public.hostname or "127.0.0.1",
        "SERVER_PORT": str(public.port or (443 if https else 80)),
    }
    if https:
        environ["HTTPS"] = "on"
    return environ


def _local_sink(site):
    """A running sink where the site's MailHost points, if it needs one."""
    mailhost = site.MailHost
    host, port = mailhost.smtp_host, int(mailhost.smtp_port)
    if os.environ.get("SEIMG_SMTP_SINK", "1") == "0" or host not in (
        "127.0.0.1",
        "localhost",
    ):
        return nullcontext()
    try:
        socket.create_connection((host, port), timeout=1).close()
        return nullcontext()
    except OSError:
        from seimg.base.smtpsink import Sink

        folder = pastas.compartilhada() / "mail"
        return Sink(folder, "127.0.0.1", port)


def run(app, argv: list[str], site_id: str = "seimg") -> int:
    """Load the file named in ``argv`` into the site; print the outcome."""
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    parser = argparse.ArgumentParser(prog="adesao")
    parser.add_argument("arquivo", type=Path)
    parser.add_argument("--simular", action="store_true", help="only validate")
    parser.add_argument("--sem-convite", action="store_true", help="send no e-mails")
    options = parser.parse_args(argv)
    from Acquisition import aq_base
    from zope.globalrequest import setRequest

    app = makerequest(aq_base(app), environ=_public_environ())
    setRequest(app.REQUEST)
    site = app[site_id]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    try:
        arquivo = adesao.ler(options.arquivo.read_bytes(), options.arquivo.name)
        erros = adesao.validar(arquivo)
        if erros:
            raise adesao.ArquivoInvalido(erros)
        if options.simular:
            print(f"{options.arquivo}: válido (nada foi gravado).")
            return 0
        with _local_sink(site):
            resultado = adesao.aplicar(arquivo, convidar=not options.sem_convite)
            transaction.commit()  # invitations leave at commit
    except adesao.ArquivoInvalido as invalid:
        transaction.abort()
        print(f"{options.arquivo}: {len(invalid.erros)} problema(s); nada foi gravado.")
        for erro in invalid.erros:
            print(f"  {erro}")
        return 1
    for label, items in (
        ("criados", resultado.criados),
        ("atualizados", resultado.atualizados),
        ("desativados", resultado.desativados),
        ("convidados", resultado.convidados),
    ):
        print(f"{label}: {', '.join(items) if items else '-'}")
    return 0
