"""The effective access level of a processo: the most restrictive of all.

The process's workflow state mirrors it (publico, restrito, sigiloso), so
the permissions follow; :func:`seimg.processos.nivel.atualizar` stores it
whenever the process or one of its documents is added, changed, signed,
unsigned or removed.

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
from seimg.nivel_acesso import niveis


SISTEMA = "SeimgSistema"


def documentos(processo) -> list:
    return [obj for obj in processo.objectValues() if IDocumentoBase.providedBy(obj)]


def anexos(processo) -> list:
    """The processes annexed to ``processo`` (see seimg.vinculos)."""
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
