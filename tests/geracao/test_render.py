"""Rendering through collective.documentgenerator on the real LibreOffice.

These tests start seimg's LibreOffice supervisor (LIBREOFFICE_FIXTURE), render
the ofício template on a real Documento through ``@@document-generation`` and
read the results back: the PDF with poppler's ``pdftotext``, ODT and DOCX as zip files.
They also break LibreOffice on purpose (crash, hang, gone) and check that a
render is never lost to it without a clear answer.
"""

from .conftest import field
from .conftest import FODT
from .conftest import odf_text
from .conftest import pdf_text
from seimg.geracao import libreoffice
import io
import pytest
import time
import zipfile


class TestRender:
    def test_pdf_holds_the_document(self, generate, oficio, modelo):
        status, response, body = generate(oficio, modelo, "pdf")
        assert status == 200
        assert body.startswith(b"%PDF")
        assert response.getHeader("Content-Type") == "application/pdf"
        text = pdf_text(body)
        assert "CÂMARA MUNICIPAL DE VILA SERRANA" in text
        assert oficio.Title().upper() in text
        assert "transporte escolar" in text

    def test_odt_holds_the_document(self, generate, oficio, modelo):
        status, _response, body = generate(oficio, modelo, "odt")
        assert status == 200
        content = odf_text(body)
        assert oficio.Title().upper() in content
        assert "office:annotation" not in content

    def test_docx_opens_as_word_document(self, generate, oficio, modelo):
        status, _response, body = generate(oficio, modelo, "docx")
        assert status == 200
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            document = archive.read("word/document.xml").decode("utf-8")
        assert "transporte escolar" in document


class TestTemplateErrors:
    def test_failing_expression_is_a_clear_error(
        self, generate, oficio, template_with, tmp_path
    ):
        body = f"<text:p>{field('context.nao_existe()')}</text:p>"
        modelo = template_with(FODT.format(body=body), tmp_path)
        pgid = libreoffice.supervised_pgid()

        status, _response, message = generate(oficio, modelo, "pdf")

        assert status == 422
        assert "modelo" in message
        assert "administrador" in message
        # The error was raised, not written into a document as a comment
        # that would have crashed LibreOffice: it still runs, untouched.
        assert libreoffice.supervised_pgid() == pgid
        assert libreoffice.is_listening()


@pytest.fixture
def appy_render(tmp_path):
    """Render an ODT template with appy alone, straight to the supervised server."""
    from appy.pod.renderer import Renderer

    def appy_render(template: bytes, strip: bool):
        from seimg.geracao import odf

        source = tmp_path / "template.odt"
        source.write_bytes(template)
        result = tmp_path / f"result-{time.monotonic_ns()}.pdf"
        Renderer(
            str(source),
            {},
            str(result),
            pythonWithUnoPath=libreoffice.uno_python_wrapper(),
            ooServer=libreoffice.host(),
            ooPort=libreoffice.port(),
            raiseOnError=False,  # appy writes the error as a comment
            forceOoCall=True,
            finalizeFunction=odf.strip_annotations if strip else None,
        ).run()
        return result.read_bytes()

    return appy_render


class TestCommentsNeverReachLibreOffice:
    """The crash in plone-notes, reproduced, and seimg's guard against it."""

    @pytest.fixture
    def failing_template(self, template_with, tmp_path):
        body = f"<text:p>Antes {field('1/0')} depois</text:p>"
        modelo = template_with(FODT.format(body=body), tmp_path)
        return modelo.odt_file.data

    def test_stripped_error_comment_converts_and_server_survives(
        self, appy_render, failing_template
    ):
        pgid = libreoffice.supervised_pgid()
        text = pdf_text(appy_render(failing_template, strip=True))
        assert "Antes" in text
        assert "depois" in text
        assert libreoffice.supervised_pgid() == pgid

    def test_unstripped_error_comment_kills_the_server_and_it_comes_back(
        self, appy_render, failing_template
    ):
        from appy.pod import PodError

        pgid = libreoffice.supervised_pgid()
        with pytest.raises(PodError):
            appy_render(failing_template, strip=False)
        assert libreoffice.wait_until_listening(60)
        assert libreoffice.supervised_pgid() not in (None, pgid)
