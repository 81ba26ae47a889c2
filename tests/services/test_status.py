"""GET /@seimg-status, over HTTP against the WSGI server."""

from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import re
import requests
import seimg


def test_status_reports_version_and_libreoffice(site_url):
    response = requests.get(
        f"{site_url}/@seimg-status",
        headers={"Accept": "application/json"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    data = response.json()
    metadata = Path(seimg.__file__).parent / "profiles" / "default" / "metadata.xml"
    version = re.search(r"<version>(\d+)</version>", metadata.read_text()).group(1)
    assert data["perfil"] == version
    assert data["versao"]
    assert data["libreoffice"]["disponivel"] is True


def test_status_requires_a_site_administrator(site_url):
    response = requests.get(
        f"{site_url}/@seimg-status",
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "Unauthorized"
