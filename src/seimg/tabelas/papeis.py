"""The contato directory belongs to its órgão (borg.localrole provider).

Every perfil group of every unit of a contato's órgão gets the local role
``LeitorContato`` on it; the contato workflow maps View to that role only
(plus managers), so listings, searches, autocomplete and REST of another
órgão's contatos answer as for missing objects. A contato's name still
reaches whoever may see a process that names it, through
:mod:`seimg.divulgacao.api`.

Callers that change the inputs (a contato's órgão, an órgão's units) must
reindex the contatos' security: :func:`reindexar_contatos`.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from seimg.tabelas.contato import IContato
from zope.component import adapter
from zope.interface import implementer


LEITOR = "LeitorContato"


def _grupos_do_orgao(orgao_uid: str | None) -> list[str]:
    from seimg.organizacao import perfis
    from seimg.tabelas import obter

    orgao = obter(orgao_uid)
    if orgao is None:
        return []
    return [
        f"{perfis.GROUP_PREFIX}{unidade.UID()}-{perfil}"
        for unidade in orgao.unidades()
        for perfil in perfis.PERFIS
    ]


@implementer(ILocalRoleProvider)
@adapter(IContato)
class ContatoRoles:
    def __init__(self, context):
        self.context = context

    def _grupos(self):
        return _grupos_do_orgao(getattr(self.context, "orgao", None))

    def getRoles(self, principal_id):
        return (LEITOR,) if principal_id in self._grupos() else ()

    def getAllRoles(self):
        for group in self._grupos():
            yield group, (LEITOR,)


def contatos_do_orgao(orgao_uid: str) -> list:
    from seimg.tabelas import pasta

    folder = pasta("Contato")
    if folder is None:
        return []
    return [
        obj for obj in folder.objectValues() if getattr(obj, "orgao", None) == orgao_uid
    ]


def reindexar_contatos(orgao_uid: str | None = None) -> int:
    """Reindex the security of the contatos of ``orgao_uid`` (None: all)."""
    from seimg.tabelas import pasta

    if orgao_uid is None:
        folder = pasta("Contato")
        contatos = list(folder.objectValues()) if folder is not None else []
    else:
        contatos = contatos_do_orgao(orgao_uid)
    for contato in contatos:
        contato.reindexObjectSecurity()
    return len(contatos)


def unidade_adicionada(unidade, event) -> None:
    """A new unit's people read their órgão's contatos."""
    orgao = getattr(unidade, "aq_parent", None)
    if orgao is not None and hasattr(orgao, "UID"):
        reindexar_contatos(orgao.UID())
