"""Rebuild or check the Controle de Processos' index from the console.

``make controle-reconstruir`` (``zconsole run``, Zope stopped: FileStorage is
single-process) rebuilds :mod:`seimg.controle.indice` from every process's
routing state and commits; ``OPCOES=--verificar`` only compares it with
that state and writes nothing (exit status 1 when they differ).
"""

from seimg.controle import indice
import argparse
import time
import transaction


def run(app, argv: list[str], site_id: str = "seimg") -> int:
    from AccessControl.SecurityManagement import newSecurityManager
    from Acquisition import aq_base
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    parser = argparse.ArgumentParser(prog="controle-reconstruir")
    parser.add_argument("--site", default=site_id)
    parser.add_argument("--verificar", action="store_true", help="only compare")
    options = parser.parse_args(argv)
    app = makerequest(aq_base(app))
    setRequest(app.REQUEST)
    site = app[options.site]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    if admin is not None:
        newSecurityManager(None, admin.__of__(app.acl_users))
    inicio = time.perf_counter()
    if options.verificar:
        atual = indice.raiz(site)
        if atual is None:
            print("Controle de Processos: índice não construído.")
            return 1
        diferencas = indice.conteudo(atual) ^ indice.esperado(site)
        transaction.abort()
        print(f"Controle de Processos: {len(diferencas)} diferença(s).")
        for item in sorted(diferencas, key=repr)[:20]:
            print(f"  {item}")
        return 1 if diferencas else 0
    lidos = indice.reconstruir(site)
    transaction.commit()
    segundos = time.perf_counter() - inicio
    print(
        f"Controle de Processos: índice reconstruído, {lidos} processos, "
        f"{segundos:.1f} s."
    )
    return 0
