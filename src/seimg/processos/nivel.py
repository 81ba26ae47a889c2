"""Keep a process's effective access level, its state and its security in step.

:func:`atualizar` recomputes the level (:mod:`seimg.nivel_acesso.efetivo`),
moves the workflow to it, gives the first credencial when it became
sigiloso, reindexes security, and does the same for the principal of an
annexed process.
"""

from plone import api
from seimg.base.persistencia import atributo
from seimg.nivel_acesso import niveis
from seimg.nivel_acesso.efetivo import anexos  # noqa: F401 (the API)
from seimg.nivel_acesso.efetivo import calcular
from seimg.nivel_acesso.efetivo import SISTEMA
from seimg.processos import credenciais
from zope.event import notify


def atualizar(processo, ignorar=None) -> str:
    """Store the effective level, move the workflow to it, reindex security."""
    novo = calcular(processo, ignorar=ignorar)
    anterior = getattr(processo, "nivel_efetivo", None)
    estado = api.content.get_state(processo, default=None)
    if novo == anterior and estado == novo:
        # Nothing changed: write nothing (concurrent additions of documents to
        # one process would otherwise conflict on its catalog entries).
        return novo
    processo.nivel_efetivo = novo
    tornou_sigiloso = novo == niveis.SIGILOSO and anterior != niveis.SIGILOSO
    if tornou_sigiloso and not api.user.is_anonymous():
        credenciais.conceder_inicial(processo, api.user.get_current().getId())
    if estado != novo:
        with api.env.adopt_roles([SISTEMA]):
            api.content.transition(obj=processo, transition=f"classificar_{novo}")
    processo.reindexObject(idxs=["nivel_acesso_efetivo"])
    processo.reindexObjectSecurity()
    if (novo == niveis.SIGILOSO) != (anterior == niveis.SIGILOSO):
        # Who may see it in the units' lists changed (seimg.controle).
        from seimg.processos import tramite

        notify(tramite.RoteamentoAlterado(processo))
    principal = atributo(processo, "_anexado_a")
    if principal:  # an annexed process contaminates its principal
        from plone.app.uuid.utils import uuidToObject

        principal = uuidToObject(principal, unrestricted=True)
        if principal is not None:
            atualizar(principal)
    return novo
