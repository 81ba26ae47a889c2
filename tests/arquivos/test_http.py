"""Over HTTP: the control panel (REST and Classic UI) and @@arquivo's headers."""

from . import conftest as amostras
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import pytest
import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
BASICO = (matrix_login("basico"), MATRIX_PASSWORD)
ADMIN_ORGAO = (matrix_login("administrador"), MATRIX_PASSWORD)


def test_controlpanel_rest_get_and_patch(site_url):
    url = f"{site_url}/@controlpanels/seimg-arquivos"
    response = requests.get(url, headers=JSON, auth=OWNER, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Arquivos enviados"
    data = response.json()["data"]
    assert data["tamanho_maximo_mb"] == 200
    assert "pdf" in data["extensoes_permitidas"]
    schema = response.json()["schema"]["properties"]
    assert schema["tamanho_maximo_mb"]["title"] == "Tamanho máximo do arquivo (MB)"

    response = requests.patch(
        url,
        json={"tamanho_maximo_mb": 50, "extensoes_permitidas": ["pdf", "odt"]},
        headers=JSON,
        auth=OWNER,
        timeout=60,
    )
    assert response.status_code == 204, response.text
    data = requests.get(url, headers=JSON, auth=OWNER, timeout=60).json()["data"]
    assert data["tamanho_maximo_mb"] == 50
    assert data["extensoes_permitidas"] == ["pdf", "odt"]


def test_controlpanel_is_listed(site_url):
    response = requests.get(
        f"{site_url}/@controlpanels", headers=JSON, auth=OWNER, timeout=60
    )
    ids = [painel["@id"].rsplit("/", 1)[-1] for painel in response.json()]
    assert "seimg-arquivos" in ids


@pytest.mark.parametrize("auth", [None, BASICO, ADMIN_ORGAO], ids=str)
def test_controlpanel_rest_refused_to_non_admins(site_url, auth):
    url = f"{site_url}/@controlpanels/seimg-arquivos"
    response = requests.get(url, headers=JSON, auth=auth, timeout=60)
    assert response.status_code in (401, 403), response.text
    response = requests.patch(
        url, json={"tamanho_maximo_mb": 1}, headers=JSON, auth=auth, timeout=60
    )
    assert response.status_code in (401, 403), response.text


def test_controlpanel_form(site_url):
    response = requests.get(f"{site_url}/@@seimg-arquivos", auth=OWNER, timeout=60)
    assert response.status_code == 200
    assert "Arquivos enviados" in response.text
    assert "Extensões permitidas" in response.text
    negado = requests.get(
        f"{site_url}/@@seimg-arquivos", auth=BASICO, timeout=60, allow_redirects=False
    )
    assert negado.status_code in (302, 401, 403)
    assert "Extensões permitidas" not in negado.text


@pytest.fixture
def documento_pdf(acceptance):
    obj = amostras.criar_documento(
        acceptance["portal"], "doc-http", amostras.pdf(), "Relatório final.pdf"
    )
    transaction.commit()
    return obj


def test_arquivo_over_http(site_url, documento_pdf):
    url = f"{site_url}/doc-http/@@arquivo"
    response = requests.get(url, auth=OWNER, timeout=60)
    assert response.status_code == 200
    assert response.content == amostras.pdf()
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert (
        "filename*=UTF-8''Relat%C3%B3rio%20final.pdf"
        in (response.headers["Content-Disposition"])
    )
    # The REST download URL of a file field goes through the same rules.
    download = requests.get(
        f"{site_url}/doc-http/@@download/arquivo", auth=OWNER, timeout=60
    )
    assert download.content == amostras.pdf()
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_arquivo_needs_the_permission(site_url, documento_pdf):
    """seimg.AcessarConteudo is not granted to anyone here but Managers."""
    for auth in (None, BASICO):
        response = requests.get(
            f"{site_url}/doc-http/@@arquivo",
            auth=auth,
            timeout=60,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403)
        assert b"%PDF" not in response.content


def test_cancelled_document_over_http(site_url, acceptance, documento_pdf):
    amostras.marcar_estado(documento_pdf, "cancelado")
    transaction.commit()
    response = requests.get(f"{site_url}/doc-http/@@arquivo", auth=OWNER, timeout=60)
    assert response.status_code == 410
    assert "Este documento foi cancelado" in response.text
    assert b"%PDF" not in response.content
