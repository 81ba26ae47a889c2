"""A person in Chromium: the home page, logging in, generating a PDF."""

from ..geracao.conftest import pdf_text
from .conftest import log_in
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest


pytestmark = pytest.mark.browser


def test_home_page_in_portuguese(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "pt-br"
    assert page.locator("h1").first.inner_text() == "Bem-vindo ao seimg"
    assert "Câmara Municipal de Vila Serrana" in page.locator("#content").inner_text()


def test_staff_generates_oficio_pdf_from_the_page(page, site_url):
    log_in(page, site_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page.goto(f"{site_url}/exemplos/oficio-12-2026")
    link = page.locator(
        "a[href*='document-generation'][href*='output_format=pdf']"
    ).first
    assert link.is_visible()
    # The link opens the inline PDF in a new tab: catch that tab's response.
    with page.context.expect_event(
        "response", lambda r: "document-generation" in r.url
    ) as response:
        link.click()
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "application/pdf"
    # Chromium shows it in its PDF viewer; fetch the bytes with the same session.
    body = page.context.request.get(response.value.url).body()
    text = pdf_text(body)
    assert "Ofício nº 12/2026/CMVS/SECRETARIA" in text
    assert "transporte escolar" in text
