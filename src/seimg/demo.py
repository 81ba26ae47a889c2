"""Demo content of the ``seimg:demo`` profile, in Portuguese.

A fictitious municipality, Vila Serrana (MG): its Câmara Municipal and its
Prefeitura, plus the state's SEPLAG, loaded through adesão from the example
files in ``organizacao/exemplos``; a welcome page, the document templates
folder with the ofício template, and an ofício to generate. Idempotent.

Every demo user's password is ``SEIMG_DEMO_PASSWORD`` (default
``DEMO_PASSWORD``); the README lists the logins.
"""

from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
import os


MODELOS = Path(__file__).parent / "geracao" / "modelos"
EXEMPLOS = Path(__file__).parent / "organizacao" / "exemplos"
ADESOES = ("seplag.yaml", "pmvs.yaml", "cmvs.yaml")
DEMO_PASSWORD = "Demo@2026"
COORDENADORES = ("otavio.pereira",)
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"

WELCOME_TEXT = """
<p>O <strong>seimg</strong> é o sistema de processo eletrônico e documentos
da Câmara Municipal de Vila Serrana: ofícios, memorandos, atas e comunicados
tramitam entre as unidades, são assinados eletronicamente e ficam abertos ao
público quando a lei assim determina.</p>
<p>Para conhecer a geração de documentos, abra o
<a href="exemplos/oficio-12-2026">Ofício nº 12/2026</a> e use os botões de
geração em ODT, PDF ou DOCX.</p>
"""


def _create(container, type_, id_, **fields):
    if id_ in container.objectIds():
        return container[id_]
    return api.content.create(container=container, type=type_, id=id_, **fields)


def create_templates(portal):
    modelos = _create(
        portal,
        "Folder",
        "modelos",
        title="Modelos de documentos",
        description="Modelos usados para gerar ofícios, memorandos e atas.",
        exclude_from_nav=True,
    )
    data = (MODELOS / "oficio.odt").read_bytes()
    return _create(
        modelos,
        "ConfigurablePODTemplate",
        "oficio",
        title="Ofício",
        description="Modelo de ofício da Câmara Municipal de Vila Serrana.",
        odt_file=NamedBlobFile(
            data=data, filename="oficio.odt", contentType=ODT_MIMETYPE
        ),
        pod_formats=["odt", "pdf", "docx"],
        pod_portal_types=["Document"],
    )


def create_examples(portal):
    exemplos = _create(
        portal,
        "Folder",
        "exemplos",
        title="Documentos de exemplo",
        description="Documentos fictícios para demonstração.",
    )
    _create(
        exemplos,
        "Document",
        "oficio-12-2026",
        title="Ofício nº 12/2026/CMVS/SECRETARIA",
        description=(
            "Solicita à Prefeitura Municipal de Vila Serrana informações sobre "
            "a execução do contrato de transporte escolar referente ao primeiro "
            "semestre de 2026, nos termos do Requerimento nº 45/2026."
        ),
    )


def create_welcome(portal):
    from plone.app.textfield.value import RichTextValue

    page = _create(
        portal,
        "Document",
        "bem-vindo",
        title="Bem-vindo ao seimg",
        description="Processo eletrônico da Câmara Municipal de Vila Serrana (MG).",
        text=RichTextValue(WELCOME_TEXT, "text/html", "text/x-html-safe"),
    )
    if api.content.get_state(page, default=None) == "private":
        api.content.transition(obj=page, to_state="published")
    portal.setDefaultPage(page.getId())


def demo_password() -> str:
    return os.environ.get("SEIMG_DEMO_PASSWORD", DEMO_PASSWORD)


def create_organizacao():
    """The three demo órgãos, their units and users, through adesão."""
    from seimg.organizacao import adesao

    password = demo_password()
    for name in ADESOES:
        arquivo = adesao.ler((EXEMPLOS / name).read_bytes(), name)
        adesao.aplicar(arquivo, convidar=False)
        for registro in arquivo.usuarios:
            user = api.user.get(username=registro.get("login"))
            api.portal.get_tool("acl_users").userSetPassword(user.getId(), password)
    for login in COORDENADORES:
        api.user.grant_roles(username=login, roles=["Member", "CoordenadorAdesao"])


def create_demo_content():
    portal = api.portal.get()
    create_organizacao()
    create_templates(portal)
    create_examples(portal)
    create_welcome(portal)
