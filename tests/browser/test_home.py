"""A person in Chromium: the home page, logging in, generating a PDF."""

from ..geracao.conftest import pdf_text
from .conftest import log_in
from pathlib import Path
from seimg.demo import DEMO_PASSWORD
import pytest


pytestmark = pytest.mark.browser


def test_home_page_in_portuguese(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "pt-br"
    # The home page is the transparency portal (issue 19).
    assert page.locator("h1").first.inner_text() == "Portal de transparência"
    assert "Câmara Municipal de Vila Serrana" in page.locator("#content").inner_text()


def test_staff_generates_oficio_pdf_from_the_page(page, site_url, acceptance):
    oficio = next(
        documento
        for processo in acceptance["portal"]["processos"].objectValues()
        for documento in processo.objectValues()
        if documento.portal_type == "Documento"
    )
    url = f"{site_url}/processos/{oficio.aq_parent.getId()}/{oficio.getId()}"
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(url)
    link = page.locator("#seimg-gerar a[href*='@@gerar'][href*='formato=pdf']")
    assert link.is_visible()
    # The PDF comes as an attachment named after the document.
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("oficio-")
    assert download.value.suggested_filename.endswith("-cmvs-secretaria.pdf")
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert oficio.Title().upper() in text
    assert "merenda escolar" in text
