"""The effective access level of a processo: the most restrictive of all.

The process's workflow state mirrors it (publico, restrito, sigiloso), so
the permissions follow; :func:`atualizar` is called whenever the process or
one of its documents is added, changed, signed, unsigned or removed.

A restrito **minuta** does not count (``divulgacao.md``: "minutas do not count
towards the effective level shown to viewers who cannot see them"): only its
generating unit sees it, so it must not turn a público process restrito for
everybody else. The level the generating unit is shown, counting its minutas,
is :func:`seimg.divulgacao.api.nivel_exibido`. A **sigiloso** minuta does
count: the table's precedence makes every cell of S nothing but for credencial
holders, and only a sigiloso process restricts its documents' generating unit
to them (``seimg.processos.roles``).
"""

from plone import api
from seimg.base.persistencia import atributo
from seimg.interfaces import IDocumentoBase
from seimg.processos import niveis


SISTEMA = "SeimgSistema"


def documentos(processo) -> list:
    return [obj for obj in processo.objectValues() if IDocumentoBase.providedBy(obj)]


def anexos(processo) -> list:
    """The processes annexed to ``processo`` (see seimg.tramitacao.vinculos)."""
    from plone.app.uuid.utils import uuidToObject

    found = (
        uuidToObject(uid, unrestricted=True)
        for uid in atributo(processo, "_anexos", ())
    )
    return [obj for obj in found if obj is not None]


def nivel_que_conta(documento) -> str | None:
    """``documento``'s level as it counts towards its process's level."""
    valor = getattr(documento, "nivel_acesso", None)
    if valor == niveis.RESTRITO and _minuta(documento):
        return None
    return valor


def _minuta(documento) -> bool:
    return api.content.get_state(documento, default=None) == "minuta"


def calcular(processo, ignorar=None) -> str:
    """The most restrictive level of ``processo``, its documents and annexes.

    Restricted content of an annexed process contaminates its principal;
    restrito minutas do not count (see the module docstring).
    """
    return niveis.mais_restritivo(
        getattr(processo, "nivel_acesso", None),
        *(nivel_que_conta(doc) for doc in documentos(processo) if doc is not ignorar),
        *(calcular(anexo, ignorar=ignorar) for anexo in anexos(processo)),
    )


def atualizar(processo, ignorar=None) -> str:
    """Store the effective level, move the workflow to it, reindex security."""
    from seimg.processos import credenciais

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
    principal = atributo(processo, "_anexado_a")
    if principal:  # an annexed process contaminates its principal
        from plone.app.uuid.utils import uuidToObject

        principal = uuidToObject(principal, unrestricted=True)
        if principal is not None:
            atualizar(principal)
    return novo
