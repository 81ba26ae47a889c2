"""``make atualizar``: seimg's pending upgrade steps, run once.

``scripts/atualizar.sh`` opens the database with ``zconsole`` (the
cluster's PostgreSQL through a configuration of its own, or the embedded
FileStorage with Zope stopped) and runs :func:`executar`: the upgrade steps
of ``seimg:default`` (:func:`seimg.deploy.site.upgrade`) under the upgrade
lock (:func:`seimg.operacao.atualizacao.trava`), so two runs never overlap
and the instances that start meanwhile wait for it.
"""

from seimg.deploy.site import PROFILES
from seimg.deploy.site import SITE_ID
from seimg.deploy.site import upgrade
from seimg.operacao.atualizacao import trava
import transaction


def executar(app, site_id: str = SITE_ID) -> list[str]:
    """Upgrade the site ``site_id`` of ``app``; the steps' titles."""
    from zope.component.hooks import setSite

    with trava(avisar=print):
        # what another run committed while we waited
        transaction.abort()
        transaction.begin()
        site = app.get(site_id)
        if site is None:
            raise SystemExit(
                f"ERRO: não há o site /{site_id} neste banco (make start ou make "
                "cluster o criam)."
            )
        setSite(site)
        titulos = upgrade(site)
        transaction.commit()
        versao = ".".join(site.portal_setup.getLastVersionForProfile(PROFILES[-1]))
    if not titulos:
        print(f"O banco já está na versão {versao} do seimg: nada a atualizar.")
    else:
        print(f"Atualização concluída: versão {versao}.")
    return titulos
