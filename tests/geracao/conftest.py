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


@pytest.fixture
def oficio(geracao_portal):
    return geracao_portal["exemplos"]["oficio-12-2026"]


@pytest.fixture
def modelo(geracao_portal):
    return geracao_portal["modelos"]["oficio"]


@pytest.fixture
def generate(geracao_portal):
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
