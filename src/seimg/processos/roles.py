"""Dynamic local roles of processos and documentos (borg.localrole providers).

On a Processo, each unit's perfil groups get ``LeitorProcesso`` where the
process is or was open and ``UnidadeProcesso`` where it is open now. When the
process's effective level is sigiloso, units get nothing: only holders of a
credencial get those roles (``UnidadeProcesso`` only if they belong to a unit
where it is open). On a document, the generating unit's groups get
``UnidadeGeradora`` (credential holders among them, when sigiloso).

Other features add roles through providers of their own, which
borg.localrole merges with these: blocos and pedidos de assinatura
(``seimg.blocos.papeis``) give ``LeitorProcesso`` on processes of a
disponibilizado bloco de reunião, ``SignatarioBloco``/``LeitorBloco`` on
documents.

The workflows map these roles to permissions; callers changing any input
must call ``reindexObjectSecurity()`` on the process.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from plone import api
from seimg.base.persistencia import atributo
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.organizacao import perfis
from seimg.processos import credenciais
from seimg.processos import tramite
from zope.component import adapter
from zope.interface import implementer


LEITOR = "LeitorProcesso"
UNIDADE = "UnidadeProcesso"
GERADORA = "UnidadeGeradora"


def _grupos(unit_uid: str) -> list[str]:
    return [f"{perfis.GROUP_PREFIX}{unit_uid}-{perfil}" for perfil in perfis.PERFIS]


def _grupos_do_usuario(userid: str) -> set[str]:
    user = api.user.get(userid=userid)
    return set(user.getGroups()) if user is not None else set()


def _principal(processo):
    uid = atributo(processo, "_anexado_a")
    if not uid:
        return None
    from plone.app.uuid.utils import uuidToObject

    return uuidToObject(uid, unrestricted=True)


def _processo_roles(processo) -> dict[str, set]:
    result: dict[str, set] = {}
    abertas = tramite.unidades_abertas(processo)
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO:
        grupos_abertos = {g for uid in abertas for g in _grupos(uid)}
        for userid in credenciais.titulares(processo):
            roles = result.setdefault(userid, {LEITOR})
            if _grupos_do_usuario(userid) & grupos_abertos:
                roles.add(UNIDADE)
        return result
    for uid in tramite.unidades_com_acesso(processo):
        for group in _grupos(uid):
            result.setdefault(group, set()).add(LEITOR)
    # An annexed process travels with its principal: whoever may read the
    # principal reads it too.
    principal = _principal(processo)
    if principal is not None:
        for uid in tramite.unidades_com_acesso(principal):
            for group in _grupos(uid):
                result.setdefault(group, set()).add(LEITOR)
    for uid in abertas:
        for group in _grupos(uid):
            result.setdefault(group, set()).add(UNIDADE)
    return result


def _documento_roles(documento) -> dict[str, set]:
    uid = getattr(documento, "unidade_geradora", None)
    if not uid:
        return {}
    processo = documento.__parent__
    grupos = _grupos(uid)
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO:
        grupos = set(grupos)
        return {
            userid: {GERADORA}
            for userid in credenciais.titulares(processo)
            if _grupos_do_usuario(userid) & grupos
        }
    return {group: {GERADORA} for group in grupos}


class _Provider:
    compute = None

    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        return tuple(type(self).compute(self.context).get(principal_id, ()))

    def getAllRoles(self):
        for principal, roles in type(self).compute(self.context).items():
            yield principal, tuple(roles)


@implementer(ILocalRoleProvider)
@adapter(IProcesso)
class ProcessoRoles(_Provider):
    compute = staticmethod(_processo_roles)


@implementer(ILocalRoleProvider)
@adapter(IDocumentoBase)
class DocumentoRoles(_Provider):
    compute = staticmethod(_documento_roles)
