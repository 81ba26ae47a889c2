"""Creates ``/tabelas`` (a Folder), its PastaTabela folders, and seeds them.

Idempotent.

Called by :func:`seimg.setuphandlers.create_folders` on install and upgrade.
A folder is seeded only while it is empty, so administrators' edits and
deletions are never undone.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.i18n.normalizer.interfaces import IIDNormalizer
from Products.CMFPlone.interfaces.constrains import ENABLED
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from seimg.tabelas import dados
from seimg.tabelas import PASTAS
from seimg.tabelas import TABELAS_FOLDER
from zope.component import getUtility


TITULOS = {
    "tipos-processo": ("Tipos de processo", "Tipos de processo e suas sugestões."),
    "tipos-documento": (
        "Tipos de documento",
        "Séries documentais: aplicabilidade, numeração e modelo.",
    ),
    "hipoteses-legais": (
        "Hipóteses legais",
        "Fundamentos legais do acesso restrito ou sigiloso (Lei nº 12.527/2011).",
    ),
    "assuntos": (
        "Assuntos",
        "Plano de classificação e tabela de temporalidade.",
    ),
    "tipos-conferencia": (
        "Tipos de conferência",
        "Conferência dos documentos externos digitalizados.",
    ),
    "contatos": ("Contatos", "Interessados: pessoas físicas e jurídicas."),
}

#: Roles that may add Contatos in ``/tabelas/contatos`` (with seimg.AddContato).
CONTATO_ADDERS = ["Member", "Contributor", "Owner", "Manager", "Site Administrator"]


def _folder(container, folder_id: str, title: str, description: str, types=None):
    """A published folder; with ``types``, a PastaTabela holding only those."""
    if folder_id in container.objectIds():
        return container[folder_id]
    if types:
        # The table types are not globally addable: their folders are
        # PastaTabela, created here whatever the container allows.
        folder = createContentInContainer(
            container,
            "PastaTabela",
            checkConstraints=False,
            id=folder_id,
            title=title,
            description=description,
            exclude_from_nav=True,
        )
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(types)
        constraints.setImmediatelyAddableTypes(types)
    else:
        folder = api.content.create(
            container=container,
            type="Folder",
            id=folder_id,
            title=title,
            description=description,
            exclude_from_nav=True,
        )
    api.content.transition(obj=folder, to_state="published")
    return folder


def create_tabelas():
    """Create ``/tabelas`` and its folders (idempotent), seeding empty ones."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        tabelas = _folder(
            portal,
            TABELAS_FOLDER,
            "Tabelas",
            "Tabelas administradas do seimg.",
        )
        folders = {}
        for folder_id, portal_type in PASTAS.items():
            title, description = TITULOS[folder_id]
            folders[folder_id] = _folder(
                tabelas, folder_id, title, description, [portal_type]
            )
        folders["contatos"].manage_permission(
            "Add portal content", CONTATO_ADDERS, acquire=True
        )
        _seed(folders)


def _id(title: str) -> str:
    """The id a title gives (explicit, so no rename after creation)."""
    return getUtility(IIDNormalizer).normalize(title, max_length=80)


def _empty(folder) -> bool:
    return not folder.objectIds()


def _seed(folders) -> None:
    hipoteses = folders["hipoteses-legais"]
    if _empty(hipoteses):
        for title, base_legal, niveis in dados.HIPOTESES_LEGAIS:
            api.content.create(
                container=hipoteses,
                type="HipoteseLegal",
                id=_id(title),
                title=title,
                base_legal=base_legal,
                niveis=list(niveis),
                informacao_pessoal=title in dados.HIPOTESES_PESSOAIS,
                classificada=title in dados.HIPOTESES_CLASSIFICADAS,
                grau=dados.HIPOTESES_CLASSIFICADAS.get(title),
            )
    conferencias = folders["tipos-conferencia"]
    if _empty(conferencias):
        for title in dados.TIPOS_CONFERENCIA:
            api.content.create(
                container=conferencias,
                type="TipoConferencia",
                id=_id(title),
                title=title,
            )
    assuntos = folders["assuntos"]
    if _empty(assuntos):
        for codigo, title, corrente, intermediario, destinacao in dados.ASSUNTOS:
            api.content.create(
                container=assuntos,
                type="Assunto",
                id=f"assunto-{codigo.replace('.', '-')}",
                codigo=codigo,
                title=title,
                prazo_corrente=corrente,
                prazo_intermediario=intermediario,
                destinacao_final=destinacao,
            )
    tipos_documento = folders["tipos-documento"]
    if _empty(tipos_documento):
        for title, aplicabilidade, numeracao, modelo in dados.TIPOS_DOCUMENTO:
            api.content.create(
                container=tipos_documento,
                type="TipoDocumento",
                id=_id(title),
                title=title,
                aplicabilidade=aplicabilidade,
                numeracao=numeracao,
                modelo=(
                    RichTextValue(modelo, "text/html", "text/x-html-safe")
                    if modelo
                    else None
                ),
            )
    tipos_processo = folders["tipos-processo"]
    if _empty(tipos_processo):
        por_codigo = {a.codigo: a.UID() for a in assuntos.objectValues()}
        por_nome = {h.title: h.UID() for h in hipoteses.objectValues()}
        for title, niveis, sugerido, hipotese, codigos in dados.TIPOS_PROCESSO:
            api.content.create(
                container=tipos_processo,
                type="TipoProcesso",
                id=_id(title),
                title=title,
                niveis_permitidos=list(niveis),
                nivel_sugerido=sugerido,
                hipotese_sugerida=por_nome.get(hipotese) if hipotese else None,
                assuntos=[por_codigo[c] for c in codigos if c in por_codigo],
            )
