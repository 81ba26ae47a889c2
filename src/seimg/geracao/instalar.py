"""``/modelos``: the folder of document templates, and seimg's own templates.

:func:`instalar_modelos` (idempotent; run on install and upgrade) creates
``/modelos`` ("Modelos de documentos", out of the navigation) and one
ConfigurablePODTemplate per file of ``geracao/modelos``: id = the
TipoDocumento's id in ``/tabelas/tipos-documento`` (``oficio``), plus
``padrao`` for every other type (see :mod:`seimg.geracao.documentos`).

Templates run as code: in ``/modelos`` only Manager and Site Administrator
may add or edit. A shipped template is replaced by a newer shipped version
only while administrators have not changed its file.
"""

from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.CMFPlone.interfaces.constrains import ENABLED
from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes
from seimg.geracao.documentos import MODELO_PADRAO
from seimg.geracao.documentos import MODELOS_FOLDER
import hashlib


ARQUIVOS = Path(__file__).parent / "modelos"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ADMINISTRADORES = ["Manager", "Site Administrator"]
FORMATOS = ["odt", "pdf", "docx"]
TIPOS_PERMITIDOS = ["ConfigurablePODTemplate", "PODTemplate", "StyleTemplate"]
PERMISSOES_RESTRITAS = (
    "Add portal content",
    "Modify portal content",
    "Delete objects",
    "Copy or Move",
)
#: Attribute of a shipped template: the MD5 of the file seimg installed.
MD5_INSTALADO = "seimg_md5_instalado"

#: Template id → (title, description).
MODELOS = {
    "oficio": ("Ofício", "Ofício no padrão do Manual de Redação da Presidência."),
    "memorando": ("Memorando", "Comunicação entre unidades, no padrão ofício."),
    "despacho": ("Despacho", "Despacho com os dados do processo."),
    "ata": ("Ata", "Ata de reunião."),
    "comunicado": ("Comunicado", "Comunicado no padrão ofício."),
    "portaria": ("Portaria", "Portaria com ementa."),
    "parecer": ("Parecer", "Parecer com os dados do processo."),
    MODELO_PADRAO: (
        "Padrão",
        "Usado pelos tipos de documento que não têm modelo próprio.",
    ),
}


def _md5(dados: bytes) -> str:
    return hashlib.md5(dados, usedforsecurity=False).hexdigest()


def _pasta(portal):
    pasta = portal.get(MODELOS_FOLDER)
    if pasta is None:
        pasta = api.content.create(
            container=portal,
            type="Folder",
            id=MODELOS_FOLDER,
            title="Modelos de documentos",
            description="Modelos (appy/LibreOffice) usados para gerar os "
            "documentos em ODT, PDF e DOCX. Só administradores os alteram.",
            exclude_from_nav=True,
        )
    restricoes = ISelectableConstrainTypes(pasta)
    restricoes.setConstrainTypesMode(ENABLED)
    restricoes.setLocallyAllowedTypes(TIPOS_PERMITIDOS)
    restricoes.setImmediatelyAddableTypes(TIPOS_PERMITIDOS)
    for permissao in PERMISSOES_RESTRITAS:
        pasta.manage_permission(permissao, ADMINISTRADORES, acquire=False)
    return pasta


def _arquivo(id_: str) -> NamedBlobFile:
    dados = (ARQUIVOS / f"{id_}.odt").read_bytes()
    return NamedBlobFile(data=dados, filename=f"{id_}.odt", contentType=ODT_MIMETYPE)


def _desatualizado(modelo) -> bool:
    """Whether ``modelo`` still holds a file seimg shipped (safe to replace)."""
    atual = getattr(modelo, "odt_file", None)
    if atual is None:
        return True
    if "Documento" not in (getattr(modelo, "pod_portal_types", None) or ()):
        return True  # the demo's early toy template, for Plone pages
    return getattr(modelo, MD5_INSTALADO, None) == _md5(atual.data)


def _instalar(pasta, id_: str, titulo: str, descricao: str) -> None:
    arquivo = _arquivo(id_)
    modelo = pasta.get(id_)
    if modelo is None:
        modelo = api.content.create(
            container=pasta,
            type="ConfigurablePODTemplate",
            id=id_,
            title=titulo,
            description=descricao,
            odt_file=arquivo,
            pod_formats=list(FORMATOS),
            pod_portal_types=["Documento"],
        )
    elif _desatualizado(modelo):
        if _md5(modelo.odt_file.data if modelo.odt_file else b"") != _md5(arquivo.data):
            modelo.odt_file = arquivo
        modelo.pod_formats = list(FORMATOS)
        modelo.pod_portal_types = ["Documento"]
        modelo.reindexObject()
    else:
        return
    setattr(modelo, MD5_INSTALADO, _md5(modelo.odt_file.data))


def instalar_modelos() -> None:
    """Create ``/modelos`` and seimg's templates (idempotent)."""
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        pasta = _pasta(portal)
        for id_, (titulo, descricao) in MODELOS.items():
            _instalar(pasta, id_, titulo, descricao)
