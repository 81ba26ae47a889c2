"""Perfis: what a user may do in a unit, held as Plone group memberships.

Every unit has one group per perfil, ``seimg-<unit UID>-<perfil>``. A user
holds a perfil in a unit by being a member of that group. The groups of the
``administrador`` perfil get the local role ``AdministradorOrgao`` on the
órgão, which the workflows map to managing its units and users.
"""

from dataclasses import dataclass
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _


BASICO = "basico"
COLABORADOR = "colaborador"
PROTOCOLO = "protocolo"
ARQUIVO = "arquivo"
ADMINISTRADOR = "administrador"
SIGILOSOS = "sigilosos"

PERFIS = {
    BASICO: _("perfil_basico", default="Básico"),
    COLABORADOR: _("perfil_colaborador", default="Colaborador"),
    PROTOCOLO: _("perfil_protocolo", default="Protocolo"),
    ARQUIVO: _("perfil_arquivo", default="Arquivo"),
    ADMINISTRADOR: _("perfil_administrador", default="Administrador do órgão"),
    SIGILOSOS: _("perfil_sigilosos", default="Acervo de sigilosos"),
}
# Perfis that let a user sign documents as the unit.
ASSINAM = frozenset(PERFIS) - {COLABORADOR}

ADMIN_ROLE = "AdministradorOrgao"
GROUP_PREFIX = "seimg-"


@dataclass(frozen=True)
class Lotacao:
    """A user's place in a unit, with the perfis held there."""

    unidade: object
    perfis: frozenset


def group_id(unidade, perfil: str) -> str:
    return f"{GROUP_PREFIX}{unidade.UID()}-{perfil}"


def parse_group_id(group: str) -> tuple[str, str] | None:
    """(unit UID, perfil) of a perfil group id, or None for other groups."""
    if not group.startswith(GROUP_PREFIX):
        return None
    uid, _sep, perfil = group[len(GROUP_PREFIX) :].rpartition("-")
    return (uid, perfil) if uid and perfil in PERFIS else None


def create_groups(unidade) -> None:
    """Create the unit's perfil groups and the órgão-admin local role."""
    groups = api.portal.get_tool("portal_groups")
    for perfil, label in PERFIS.items():
        gid = group_id(unidade, perfil)
        title = f"{unidade.sigla_completa()} · {api.portal.translate(label)}"
        if groups.getGroupById(gid) is None:
            groups.addGroup(gid, title=title)
        else:
            groups.editGroup(gid, title=title)
    orgao = unidade.aq_parent
    admins = group_id(unidade, ADMINISTRADOR)
    if ADMIN_ROLE not in orgao.get_local_roles_for_userid(admins):
        orgao.manage_addLocalRoles(admins, [ADMIN_ROLE])
        orgao.reindexObjectSecurity()


def remove_groups(unidade) -> None:
    groups = api.portal.get_tool("portal_groups")
    orgao = unidade.aq_parent
    orgao.manage_delLocalRoles([group_id(unidade, ADMINISTRADOR)])
    for perfil in PERFIS:
        gid = group_id(unidade, perfil)
        if groups.getGroupById(gid) is not None:
            groups.removeGroup(gid)


def conceder(userid: str, unidade, perfil: str) -> None:
    """Give ``userid`` the ``perfil`` in ``unidade`` (marks the unit as used)."""
    if perfil not in PERFIS:
        raise ValueError(perfil)
    api.portal.get_tool("portal_groups").addPrincipalToGroup(
        userid, group_id(unidade, perfil)
    )
    _esquecer_grupos()
    marcar_em_uso(unidade)


def revogar(userid: str, unidade, perfil: str) -> None:
    api.portal.get_tool("portal_groups").removePrincipalFromGroup(
        userid, group_id(unidade, perfil)
    )
    _esquecer_grupos()


def marcar_em_uso(unidade) -> None:
    """A used unit can no longer be deleted (workflow state ``em_uso``)."""
    if api.content.get_state(unidade) == "nova":
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=unidade, transition="usar")


#: The request's memo of users' groups (seimg.base.pedido): the acting unit,
#: its checks and the page ask them many times per request.
GRUPOS = "seimg.organizacao.grupos"


_ALTERADOS = "\x00alterados"


def _esquecer_grupos() -> None:
    """Memberships changed in this request: ask the user folder from now on."""
    from seimg.base.pedido import memo

    grupos = memo(GRUPOS)
    grupos.clear()
    grupos[_ALTERADOS] = True


def _group_ids(userid: str) -> list[str]:
    from seimg.base.pedido import memo

    grupos = memo(GRUPOS)
    ids = grupos.get(userid)
    if ids is None:
        atual = api.user.get_current()
        if (
            not grupos.get(_ALTERADOS)
            and atual.getId() == userid
            and hasattr(atual, "getGroups")
        ):
            # the groups PAS found when it authenticated this request
            ids = list(atual.getGroups())
        else:
            user = api.user.get(userid=userid)
            ids = list(user.getGroups()) if user is not None else []
        grupos[userid] = ids
    return ids


def lotacoes(userid: str, ativas: bool = True) -> list[Lotacao]:
    """The units ``userid`` holds perfis in, sorted by full sigla path."""
    by_uid: dict[str, set] = {}
    for gid in _group_ids(userid):
        parsed = parse_group_id(gid)
        if parsed:
            by_uid.setdefault(parsed[0], set()).add(parsed[1])
    result = []
    for uid, perfis in by_uid.items():
        unidade = uuidToObject(uid, unrestricted=True)
        if unidade is None or (ativas and not unidade.ativa):
            continue
        result.append(Lotacao(unidade, frozenset(perfis)))
    return sorted(result, key=lambda item: item.unidade.sigla_completa())


def perfis_em(userid: str, unidade) -> frozenset:
    uid = unidade.UID()
    return frozenset(
        parsed[1]
        for parsed in map(parse_group_id, _group_ids(userid))
        if parsed and parsed[0] == uid
    )


def pode_atuar(userid: str, unidade, perfil: str | None = None) -> bool:
    """May ``userid`` act for ``unidade`` (with ``perfil``, when given)?"""
    if not unidade.ativa:
        return False
    held = perfis_em(userid, unidade)
    return bool(held) if perfil is None else perfil in held


def pode_assinar(userid: str, unidade) -> bool:
    return bool(perfis_em(userid, unidade) & ASSINAM) and unidade.ativa


def membros_do_orgao(orgao) -> dict[str, dict]:
    """{userid: {unit UID: perfis}} of everyone holding a perfil in ``orgao``."""
    result: dict[str, dict] = {}
    for unidade in orgao.unidades():
        for userid, held in membros(unidade).items():
            result.setdefault(userid, {})[unidade.UID()] = held
    return result


def membros(unidade) -> dict[str, set]:
    """{userid: perfis} of everyone holding a perfil in ``unidade``."""
    groups = api.portal.get_tool("portal_groups")
    result: dict[str, set] = {}
    for perfil in PERFIS:
        group = groups.getGroupById(group_id(unidade, perfil))
        if group is None:
            continue
        for member in group.getGroupMemberIds():
            result.setdefault(member, set()).add(perfil)
    return result
