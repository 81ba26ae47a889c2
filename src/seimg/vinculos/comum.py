"""What the vínculos share: the motive text, reading a process by UID or NUP,
the visibility check every action starts with.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.interfaces import IProcesso
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido


MAX_MOTIVO = 500
CIENCIAS = "seimg.ciencias"


# -- helpers -----------------------------------------------------------------


def _usuario() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _motivo(motivo) -> str:
    if motivo is not None and not isinstance(motivo, str):
        motivo = None
    motivo = (motivo or "").strip()
    if not motivo:
        raise invalido(_("vinculo_motivo_obrigatorio", default="Motivo: required."))
    if len(motivo) > MAX_MOTIVO:
        raise invalido(
            _(
                "vinculo_motivo_longo",
                default="Motivo: at most ${maximo} characters.",
                mapping={"maximo": MAX_MOTIVO},
            )
        )
    return motivo


def _pode_ver(obj) -> bool:
    return api.user.has_permission("View", obj=obj)


def _exigir_visivel(processo) -> None:
    if not _pode_ver(processo):
        raise proibido(
            _(
                "vinculo_processo_invisivel",
                default="Processo: you cannot see the process ${numero}.",
                mapping={"numero": processo.numero},
            )
        )


def por_uid(uid: str | None):
    return uuidToObject(uid, unrestricted=True) if uid else None


def resolver_processo(valor, campo: str = "processo"):
    """The Processo named by a NUP or a UID, among those the user may see.

    Refuses with 400 naming ``campo`` when nothing (visible) matches.
    """
    if IProcesso.providedBy(valor):
        return valor
    texto = valor.strip() if isinstance(valor, str) else ""
    if texto:
        catalog = api.portal.get_tool("portal_catalog")
        for query in ({"numero": texto}, {"UID": texto}):
            brains = catalog(portal_type="Processo", **query)
            if len(brains):
                return brains[0].getObject()
    raise invalido(
        _(
            "vinculo_processo_desconhecido",
            default="${campo}: no process you can see has the number or UID "
            "'${valor}'.",
            mapping={"campo": campo, "valor": texto},
        )
    )
