"""The effective access level of a processo: the most restrictive of all.

The process's workflow state mirrors it (publico, restrito, sigiloso), so
the permissions follow; :func:`atualizar` is called whenever the process or
one of its documents is added, changed or removed.
"""

from plone import api
from seimg.interfaces import IDocumentoBase
from seimg.processos import niveis


SISTEMA = "SeimgSistema"


def documentos(processo) -> list:
    return [obj for obj in processo.objectValues() if IDocumentoBase.providedBy(obj)]


def calcular(processo, ignorar=None) -> str:
    """The most restrictive level of ``processo`` and its documents."""
    return niveis.mais_restritivo(
        getattr(processo, "nivel_acesso", None),
        *(
            getattr(doc, "nivel_acesso", None)
            for doc in documentos(processo)
            if doc is not ignorar
        ),
    )


def atualizar(processo, ignorar=None) -> str:
    """Store the effective level, move the workflow to it, reindex security."""
    from seimg.processos import credenciais

    novo = calcular(processo, ignorar=ignorar)
    anterior = getattr(processo, "nivel_efetivo", None)
    processo.nivel_efetivo = novo
    tornou_sigiloso = novo == niveis.SIGILOSO and anterior != niveis.SIGILOSO
    if tornou_sigiloso and not api.user.is_anonymous():
        credenciais.conceder_inicial(processo, api.user.get_current().getId())
    if api.content.get_state(processo, default=None) != novo:
        with api.env.adopt_roles([SISTEMA]):
            api.content.transition(obj=processo, transition=f"classificar_{novo}")
    processo.reindexObject(idxs=["nivel_acesso_efetivo"])
    processo.reindexObjectSecurity()
    return novo
