"""The demo site over HTTP: pt-BR pages, plone.restapi, PDFs from LibreOffice."""

from .geracao.conftest import pdf_text
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests


JSON = {"Accept": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def test_home_page_is_in_brazilian_portuguese(site_url):
    response = requests.get(site_url, timeout=30)
    assert response.status_code == 200
    assert 'lang="pt-br"' in response.text
    # The home page is the transparency portal (issue 19), in Portuguese.
    assert 'id="seimg-portal-home"' in response.text
    assert "Portal de transparência" in response.text
    assert "Câmara Municipal de Vila Serrana" in response.text


def test_site_endpoint_answers_json(site_url):
    response = requests.get(f"{site_url}/++api++/@site", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["@id"] == f"{site_url}/@site"


def test_pdf_generated_over_http(site_url):
    """The demo ofício, downloaded by its unit with its tipo's template."""
    carlos = ("carlos.mendes", "Demo@2026")
    unidade = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
    busca = requests.get(
        f"{site_url}/@search",
        params={"portal_type": "Documento"},
        headers={**JSON, **unidade},
        auth=carlos,
        timeout=30,
    )
    assert busca.status_code == 200
    oficio = busca.json()["items"][0]
    response = requests.get(
        f"{oficio['@id']}/@@gerar",
        params={"formato": "pdf"},
        headers=unidade,
        auth=carlos,
        timeout=120,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert oficio["title"].upper() in text
    assert "merenda escolar" in text


def test_anonymous_cannot_read_templates(site_url):
    response = requests.get(f"{site_url}/modelos/oficio", headers=JSON, timeout=30)
    assert response.status_code == 401
