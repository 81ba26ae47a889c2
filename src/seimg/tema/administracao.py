"""What the current user administers, as links: the Administração menu.

Without Plone's edit toolbar (only Site Administrators and Managers keep it),
every administrative task of seimg must be one click away in seimg's own
menu. :func:`grupos` lists them for the current user, checking each against
the permission the task's own page checks, on the object it checks it on
(an órgão administrator holds ``AdministradorOrgao`` on the órgão only, so
the órgão's tasks are checked on the órgão).
"""

from dataclasses import dataclass
from dataclasses import field
from plone import api
from seimg import _
from seimg.base import pedido
from seimg.geracao.documentos import MODELOS_FOLDER
from seimg.organizacao import estrutura
from seimg.tabelas import TABELAS_FOLDER


GERENCIAR_USUARIOS = "seimg: Gerenciar usuarios"


@dataclass(frozen=True)
class Tarefa:
    id: str
    titulo: object  # i18n message
    url: str
    descricao: object = ""


@dataclass
class Grupo:
    id: str
    titulo: object
    tarefas: list = field(default_factory=list)


def _pode(permissao, obj) -> bool:
    return bool(api.user.has_permission(permissao, obj=obj))


def _tarefas_orgao(orgao) -> list:
    url = orgao.absolute_url()
    tarefas = [
        Tarefa(
            "orgao",
            _("admin_orgao", default="Units, users and perfis"),
            url,
            _(
                "admin_orgao_ajuda",
                default="The órgão's units; grant and remove perfis; "
                "deactivate and reactivate units.",
            ),
        )
    ]
    if _pode("Modify portal content", orgao):
        tarefas.append(
            Tarefa(
                "editar-orgao",
                _("admin_editar_orgao", default="Órgão details"),
                f"{url}/edit",
                _(
                    "admin_editar_orgao_ajuda",
                    default="Name, logo, letterhead, holidays, signature and "
                    "authenticity stamps, andamentos in the public history.",
                ),
            )
        )
    if _pode("seimg: Add Unidade", orgao):
        tarefas.append(
            Tarefa(
                "nova-unidade",
                _("admin_nova_unidade", default="New unit"),
                f"{url}/++add++Unidade",
            )
        )
    tarefas += [
        Tarefa(
            "bloqueios",
            _("admin_bloqueios", default="Blocked logins"),
            f"{url}/@@bloqueios",
            _(
                "admin_bloqueios_ajuda",
                default="Logins locked after wrong passwords; release them.",
            ),
        ),
        Tarefa(
            "contas-servico",
            _("admin_contas_servico", default="Service accounts"),
            f"{url}/@@contas-servico",
            _(
                "admin_contas_servico_ajuda",
                default="Accounts for other systems to use the REST API.",
            ),
        ),
    ]
    return tarefas


def _tarefas_instalacao(portal) -> list:
    url = portal.absolute_url()
    candidatas = [
        (
            "Manage portal",
            portal,
            Tarefa(
                "orgaos",
                _("admin_orgaos", default="Órgãos"),
                f"{url}/{estrutura.orgaos_folder().getId()}",
                _("admin_orgaos_ajuda", default="Every órgão of the installation."),
            ),
        ),
        (
            "seimg: Realizar adesao",
            portal,
            Tarefa(
                "adesao",
                _("admin_adesao", default="Adesão"),
                f"{url}/@@adesao",
                _(
                    "admin_adesao_ajuda",
                    default="Load an órgão, its units and users from a file.",
                ),
            ),
        ),
        (
            "seimg: Gerenciar tabelas",
            portal,
            Tarefa(
                "tabelas",
                _("admin_tabelas", default="Tables"),
                f"{url}/{TABELAS_FOLDER}",
                _(
                    "admin_tabelas_ajuda",
                    default="Process and document types, legal grounds, "
                    "subjects, contacts.",
                ),
            ),
        ),
        (
            "Manage portal",
            portal,
            Tarefa(
                "modelos",
                _("admin_modelos", default="Document templates"),
                f"{url}/{MODELOS_FOLDER}",
            ),
        ),
        (
            "Manage portal",
            portal,
            Tarefa(
                "bloqueios-instalacao",
                _("admin_bloqueios_instalacao", default="Blocked logins (all)"),
                f"{url}/@@bloqueios",
            ),
        ),
        (
            "Manage portal",
            portal,
            Tarefa(
                "arquivos",
                _("admin_arquivos", default="Uploaded files"),
                f"{url}/@@seimg-arquivos",
                _(
                    "admin_arquivos_ajuda",
                    default="Size limit and accepted file types.",
                ),
            ),
        ),
        (
            "Plone Site Setup: Users and Groups",
            portal,
            Tarefa(
                "usuarios",
                _("admin_usuarios", default="All users"),
                f"{url}/@@usergroup-userprefs",
            ),
        ),
        (
            "Plone Site Setup: Overview",
            portal,
            Tarefa(
                "configuracoes",
                _("admin_configuracoes", default="Site setup"),
                f"{url}/@@overview-controlpanel",
            ),
        ),
    ]
    return [
        tarefa
        for permissao, obj, tarefa in candidatas
        if obj is not None and _pode(permissao, obj)
    ]


MEMO = "seimg.tema.administracao"


def grupos() -> list:
    """The current user's administrative tasks, by órgão, then the installation's.

    Kept for the request (the header asks on every page)."""
    if api.user.is_anonymous():
        return []
    guardado = pedido.memo(MEMO)
    if "grupos" not in guardado:
        guardado["grupos"] = _grupos()
    return guardado["grupos"]


def _grupos() -> list:
    resultado = []
    for orgao in sorted(estrutura.orgaos(), key=lambda o: o.sigla or ""):
        if _pode(GERENCIAR_USUARIOS, orgao):
            resultado.append(
                Grupo(
                    f"orgao-{orgao.getId()}",
                    f"{orgao.sigla} – {orgao.nome}",
                    _tarefas_orgao(orgao),
                )
            )
    instalacao = _tarefas_instalacao(api.portal.get())
    if instalacao:
        resultado.append(
            Grupo(
                "instalacao",
                _("admin_instalacao", default="Installation"),
                instalacao,
            )
        )
    return resultado


def disponivel() -> bool:
    """Whether the current user administers anything (shows the menu)."""
    return bool(grupos())
