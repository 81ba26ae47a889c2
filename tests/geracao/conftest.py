"""Helpers for rendering tests against the real LibreOffice."""

from pathlib import Path
from plone import api
import io
import pytest
import subprocess
import zipfile


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as poppler's pdftotext reads it."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def odf_text(data: bytes, part: str = "content.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


CARLOS = ("carlos.mendes", "cmvs/secretaria")
DESTINATARIOS = [
    "Ao Senhor Prefeito Municipal de Vila Serrana",
    "Praça da Matriz, 1 - Centro - Vila Serrana/MG",
]
#: Rich text with a heading, a list and a table: all must reach the output.
CORPO = (
    "<h2>Das rotas do transporte escolar</h2>"
    "<p>Solicitamos informações sobre o transporte escolar do primeiro semestre.</p>"
    "<ul><li>Rotas atendidas pelo contrato</li><li>Quilometragem mensal</li></ul>"
    "<table><tbody><tr><td>Escola Municipal Serra Azul</td><td>42 alunos</td></tr>"
    "</tbody></table>"
)


@pytest.fixture
def seimg_request(geracao_portal):
    """The test request, on seimg's browser layer (as every real request is)."""
    from seimg.interfaces import ISeimgLayer
    from zope.interface import alsoProvides

    request = geracao_portal.REQUEST
    alsoProvides(request, ISeimgLayer)
    return request


def novo_documento(portal, tipo="Ofício", nivel="publico", **campos):
    """A Documento of ``tipo`` in a new process of CMVS/SECRETARIA (as Carlos)."""
    from plone.app.textfield.value import RichTextValue
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo
    from tests.processos.conftest import tabela

    processo = novo_processo(
        portal, nivel=nivel, especificacao="Informações sobre o transporte escolar"
    )
    campos.setdefault("texto", RichTextValue(CORPO, "text/html", "text/x-html-safe"))
    campos.setdefault("destinatarios", list(DESTINATARIOS))
    return novo_oficio(
        processo, nivel=nivel, tipo_documento=tabela("TipoDocumento", tipo), **campos
    )


@pytest.fixture
def oficio(geracao_portal, seimg_request):
    """An ofício of CMVS/SECRETARIA; Carlos stays logged in during the test."""
    from tests.processos.conftest import como

    with como(geracao_portal, *CARLOS):
        yield novo_documento(geracao_portal)


@pytest.fixture
def modelo(geracao_portal):
    return geracao_portal["modelos"]["oficio"]


@pytest.fixture
def generate(geracao_portal, seimg_request):
    """Call seimg's @@document-generation as a browser would."""

    def generate(context, template, output_format):
        request = context.REQUEST
        view = api.content.get_view("document-generation", context, request)
        body = view(template_uid=template.UID(), output_format=output_format)
        return request.response.getStatus(), request.response, body

    return generate


@pytest.fixture
def template_with(modelo):
    """Replace the demo template's ODT by one built from ``fodt`` source."""
    from plone.namedfile.file import NamedBlobFile

    def template_with(fodt: str, tmp_path: Path):
        source = tmp_path / "modelo.fodt"
        source.write_text(fodt, encoding="utf-8")
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "odt",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        modelo.odt_file = NamedBlobFile(
            data=(tmp_path / "modelo.odt").read_bytes(), filename="modelo.odt"
        )
        return modelo

    return template_with


def field(expression: str) -> str:
    """An appy expression, as a text-input field of an ODT template."""
    return f'<text:text-input text:description="">{expression}</text:text-input>'


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text>{body}</office:text></office:body>
</office:document>
"""
