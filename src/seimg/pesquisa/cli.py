"""Rebuild seimg's search index from the console.

``make pesquisa-reconstruir`` (``zconsole run``, Zope stopped: FileStorage
is single-process) indexes every process and its documents in batches
(:func:`seimg.pesquisa.indice.reconstruir`: a commit every ``--lote``
processes, resumable after an interruption, progress logged);
``--novo`` starts from an empty index (otherwise entries are rewritten
where they changed).
"""

from seimg.pesquisa import indice
import argparse
import logging
import time


def run(app, argv: list[str], site_id: str = "seimg") -> int:
    from AccessControl.SecurityManagement import newSecurityManager
    from Acquisition import aq_base
    from seimg.pesquisa.motor import MotorZODB
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    parser = argparse.ArgumentParser(prog="pesquisa-reconstruir")
    parser.add_argument("--site", default=site_id)
    parser.add_argument("--lote", type=int, default=200)
    parser.add_argument("--novo", action="store_true", help="start from empty")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = makerequest(aq_base(app))
    setRequest(app.REQUEST)
    site = app[options.site]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    if admin is not None:
        newSecurityManager(None, admin.__of__(app.acl_users))
    inicio = time.perf_counter()
    if options.novo:
        setattr(site, indice.ATRIBUTO, MotorZODB())
        if getattr(aq_base(site), indice.PROGRESSO, None) is not None:
            delattr(site, indice.PROGRESSO)
    feitos = indice.reconstruir(site, lote=options.lote)
    print(
        f"Pesquisa: índice reconstruído, {feitos} processos, "
        f"{time.perf_counter() - inicio:.1f} s."
    )
    return 0
