"""``@gerar`` (REST) and the templates folder over HTTP, on the demo site.

A restricted process of CMVS/SECRETARIA with a signed ofício: its unit
downloads the PDF, a user of another órgão gets 403 in Portuguese, anonymous
401, an unoffered format 400. Staff can neither add nor edit templates.
"""

from .conftest import CORPO
from .conftest import pdf_text
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import SENHA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import requests


HELENA = ("helena.prado", SENHA)


@pytest.fixture
def oficio_restrito(site_url, uids):  # noqa: F811
    processo = novo_processo(
        site_url, uids, nivel_acesso="restrito", hipotese_legal=uids["pessoal"]
    )
    response = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "restrito",
            "hipotese_legal": uids["pessoal"],
            "destinatarios": ["Ao Senhor Prefeito Municipal de Vila Serrana"],
            "texto": {"data": CORPO, "content-type": "text/html"},
        },
    )
    assert response.status_code == 201, response.text
    oficio = response.json()
    assinado = post(
        f"{oficio['@id']}/@assinar", {"senha": SENHA, "cargo": "Secretário-Geral"}
    )
    assert assinado.status_code == 200, assinado.text
    return oficio


def gerar(url, formato, auth=CARLOS, headers=SECRETARIA):
    return requests.get(
        f"{url}/@gerar",
        params={"formato": formato},
        headers={"Accept": "application/json", **headers},
        auth=auth,
        timeout=120,
    )


def test_unit_downloads_the_signed_pdf(oficio_restrito):
    response = gerar(oficio_restrito["@id"], "pdf")

    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="oficio-')
    assert disposition.endswith('-cmvs-secretaria.pdf"')
    lido = " ".join(pdf_text(response.content).split())
    assert oficio_restrito["title"].upper() in lido
    assert "Escola Municipal Serra Azul" in lido
    assert "Documento assinado eletronicamente por Carlos Mendes" in lido


def test_other_orgao_gets_403_and_anonymous_401(oficio_restrito):
    proibido = gerar(oficio_restrito["@id"], "pdf", auth=HELENA, headers={})
    assert proibido.status_code == 403, proibido.text
    assert proibido.json()["error"]["message"] == (
        "Você não tem permissão para ver esta página."
    )
    anonimo = gerar(oficio_restrito["@id"], "pdf", auth=None, headers={})
    assert anonimo.status_code == 401


def test_unoffered_format_is_400_listing_the_offered(oficio_restrito):
    response = gerar(oficio_restrito["@id"], "rtf")
    assert response.status_code == 400
    erro = response.json()["error"]
    assert erro["type"] == "FormatoIndisponivel"
    assert erro["message"] == (
        'O formato "rtf" não é oferecido pelo modelo "Ofício". '
        "Formatos disponíveis: ODT, PDF, DOCX."
    )
    sem_formato = gerar(oficio_restrito["@id"], None)
    assert sem_formato.status_code == 400
    assert sem_formato.json()["error"]["message"] == (
        "Informe o formato (formato=odt|pdf|docx)."
    )


def test_document_page_links_to_the_formats(oficio_restrito):
    page = requests.get(
        oficio_restrito["@id"], auth=CARLOS, headers=SECRETARIA, timeout=60
    )
    assert page.status_code == 200
    assert "Gerar documento" in page.text
    for formato in ("odt", "pdf", "docx"):
        assert f"{oficio_restrito['@id']}/@@gerar?formato={formato}" in page.text


def test_staff_cannot_add_or_edit_templates(site_url):
    criar = requests.post(
        f"{site_url}/modelos",
        json={"@type": "ConfigurablePODTemplate", "title": "Meu modelo"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert criar.status_code in (401, 403), criar.text
    editar = requests.patch(
        f"{site_url}/modelos/oficio",
        json={"title": "Alterado"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert editar.status_code in (401, 403), editar.text
    raiz = requests.post(
        site_url,
        json={"@type": "ConfigurablePODTemplate", "title": "Na raiz"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert raiz.status_code in (401, 403), raiz.text
