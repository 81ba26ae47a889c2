"""Adesão from the console (``make adesao ARQUIVO=…``, via ``zconsole run``)."""

from pathlib import Path
from seimg.organizacao import adesao
import argparse
import transaction


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
    app = makerequest(app)
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
        resultado = adesao.aplicar(arquivo, convidar=not options.sem_convite)
    except adesao.ArquivoInvalido as invalid:
        transaction.abort()
        print(f"{options.arquivo}: {len(invalid.erros)} problema(s); nada foi gravado.")
        for erro in invalid.erros:
            print(f"  {erro}")
        return 1
    transaction.commit()
    for label, items in (
        ("criados", resultado.criados),
        ("atualizados", resultado.atualizados),
        ("desativados", resultado.desativados),
        ("convidados", resultado.convidados),
    ):
        print(f"{label}: {', '.join(items) if items else '-'}")
    return 0
