"""A demo user in Chromium downloads the demo ofício as PDF from its page."""

from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
from tests.geracao.conftest import pdf_text
import pytest


pytestmark = pytest.mark.browser


def _oficio_da_merenda(portal):
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    (processo,) = catalog.unrestrictedSearchResults(
        portal_type="Processo",
        SearchableText="merenda",
    ) or [None]
    assert processo is not None
    processo = processo._unrestrictedGetObject()
    for documento in processo.objectValues():
        if documento.portal_type == "Documento":
            return documento
    raise AssertionError("the demo merenda process has no Documento")


def test_carlos_downloads_the_demo_oficio_as_pdf(page, site_url, acceptance):
    portal = acceptance["portal"]
    oficio = _oficio_da_merenda(portal)
    caminho = "/".join(oficio.getPhysicalPath()[2:])

    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/{caminho}")
    grupo = page.locator("#seimg-gerar")
    assert "Gerar documento" in grupo.inner_text()
    assert sorted(
        grupo.locator("a.seimg-gerar-formato").evaluate_all(
            "links => links.map(l => l.dataset.formato)"
        )
    ) == ["docx", "odt", "pdf"]

    with page.expect_download(timeout=120_000) as baixando:
        grupo.locator("a[data-formato=pdf]").click()
    download = baixando.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as arquivo:
        texto = " ".join(pdf_text(arquivo.read()).split())
    assert "CÂMARA MUNICIPAL DE VILA SERRANA" in texto
    assert "Prefeito Municipal de Vila Serrana" in texto
    assert "merenda" in texto.lower()
    assert f"SEI nº {oficio.numero_sei}" in texto
