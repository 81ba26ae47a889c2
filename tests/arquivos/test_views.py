"""@@arquivo, @@download and @@display-file of documents, in process.

The stand-in document is a File providing IDocumentoBase with an ``arquivo``;
its "cancelado" state is set directly in portal_workflow's status.
"""

from . import conftest as amostras
from plone import api
from plone.namedfile.file import NamedBlobFile
from seimg.arquivos import views
from seimg.interfaces import ISeimgLayer
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.publisher.interfaces import NotFound
import pytest


@pytest.fixture
def request_(integration):
    request = integration["request"]
    alsoProvides(request, ISeimgLayer)
    return request


def servir(obj, request, nome="arquivo", *caminho):
    view = getMultiAdapter((obj, request), name=nome)
    for parte in caminho:
        view = view.publishTraverse(request, parte)
    corpo = view()
    return request.response, bytes(corpo) if not isinstance(corpo, str) else corpo


def test_pdf_is_served_inline_sandboxed(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d1", amostras.pdf(), "Ofício nº 1.pdf")
    response, corpo = servir(obj, request_)
    assert corpo == amostras.pdf()
    assert response.getHeader("Content-Type") == "application/pdf"
    assert response.getHeader("Content-Disposition") == (
        'inline; filename="Oficio no 1.pdf"; '
        "filename*=UTF-8''Of%C3%ADcio%20n%C2%BA%201.pdf"
    )
    assert response.getHeader("X-Content-Type-Options") == "nosniff"
    assert response.getHeader("Content-Security-Policy") == "sandbox"


def test_png_is_inline(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d2", amostras.png(), "foto.png")
    response, _corpo = servir(obj, request_)
    assert response.getHeader("Content-Disposition").startswith("inline;")
    assert response.getHeader("Content-Security-Policy") == "sandbox"


def test_odt_is_an_attachment(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d3", amostras.odt(), "minuta.odt")
    response, corpo = servir(obj, request_)
    assert corpo == amostras.odt()
    assert response.getHeader("Content-Type") == (
        "application/vnd.oasis.opendocument.text"
    )
    assert response.getHeader("Content-Disposition").startswith("attachment;")
    assert "filename*=UTF-8''minuta.odt" in response.getHeader("Content-Disposition")
    assert response.getHeader("X-Content-Type-Options") == "nosniff"
    assert response.getHeader("Content-Security-Policy") is None


def test_text_is_an_attachment(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d4", amostras.texto(), "notas.txt")
    response, _corpo = servir(obj, request_)
    # Zope adds a charset to text types.
    assert response.getHeader("Content-Type").startswith("text/plain")
    assert response.getHeader("Content-Disposition").startswith("attachment;")


def test_html_stored_with_its_type_is_never_served_as_html(arq_portal, request_):
    """Even a file that bypassed validation is sent as opaque bytes."""
    obj = amostras.criar_documento(arq_portal, "d5", amostras.pdf(), "a.pdf")
    obj.arquivo = NamedBlobFile(
        data=amostras.html(), filename="a.html", contentType="text/html"
    )
    response, _corpo = servir(obj, request_)
    assert response.getHeader("Content-Type") == "application/octet-stream"
    assert response.getHeader("Content-Disposition").startswith("attachment;")


def test_download_is_always_an_attachment_and_ignores_the_url_name(
    arq_portal, request_
):
    obj = amostras.criar_documento(arq_portal, "d6", amostras.pdf(), "parecer.pdf")
    response, corpo = servir(obj, request_, "download", "arquivo", "x.html")
    assert corpo == amostras.pdf()
    assert response.getHeader("Content-Disposition") == (
        "attachment; filename=\"parecer.pdf\"; filename*=UTF-8''parecer.pdf"
    )
    assert response.getHeader("X-Content-Type-Options") == "nosniff"


def test_display_file_follows_the_inline_rules(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d7", amostras.pdf(), "a.pdf")
    response, _corpo = servir(obj, request_, "display-file", "arquivo")
    assert response.getHeader("Content-Disposition").startswith("inline;")
    assert response.getHeader("Content-Security-Policy") == "sandbox"


def test_download_of_a_field_that_is_not_a_file(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d8", amostras.pdf(), "a.pdf")
    with pytest.raises(NotFound):
        servir(obj, request_, "download", "title")


def test_views_are_seimgs_only_for_documents(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d9", amostras.pdf(), "a.pdf")
    assert isinstance(getMultiAdapter((obj, request_), name="download"), views.Download)
    with api.env.adopt_roles(["Manager"]):
        outro = api.content.create(container=arq_portal, type="File", id="outro")
    assert not isinstance(
        getMultiAdapter((outro, request_), name="download"), views.Download
    )


@pytest.mark.parametrize("nome", ["arquivo", "download", "display-file"])
def test_cancelled_document_answers_410(arq_portal, request_, nome):
    obj = amostras.criar_documento(arq_portal, "d10", amostras.pdf(), "a.pdf")
    assert not views.cancelado(obj)
    amostras.marcar_estado(obj, "cancelado")
    assert views.cancelado(obj)
    caminho = () if nome == "arquivo" else ("arquivo",)
    response, corpo = servir(obj, request_, nome, *caminho)
    assert response.getStatus() == 410
    assert "Este documento foi cancelado" in corpo
    assert "%PDF" not in corpo
    assert response.getHeader("Content-Disposition") is None


def test_cancelled_document_answers_json_to_rest_clients(arq_portal, request_):
    obj = amostras.criar_documento(arq_portal, "d11", amostras.pdf(), "a.pdf")
    amostras.marcar_estado(obj, "cancelado")
    request_.environ["HTTP_ACCEPT"] = "application/json"
    response, corpo = servir(obj, request_)
    assert response.getStatus() == 410
    assert '"type": "Gone"' in corpo
    assert "Este documento foi cancelado" in corpo


def test_content_disposition_escapes_quotes_and_paths():
    valor = views.content_disposition("attachment", 'C:\\pasta\\a"b;c.pdf')
    assert valor == (
        "attachment; filename=\"a_b;c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"
    )
