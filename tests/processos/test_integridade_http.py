"""Generic Plone paths that would bypass the domain are refused in Portuguese.

Copy (``@copy``), move (``@move``), rename (``PATCH`` of ``id``), a PATCH of
the numbers, and creating a process with no acting unit: each is refused
(4xx, seimg's error shape, a Portuguese message) and nothing is written.
"""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import contar_processos
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import OWNER
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
from tests.rest.portugues import em_portugues
import pytest
import requests


def _pedir(metodo, url, auth=CARLOS, headers=SECRETARIA, **kw):
    return requests.request(
        metodo, url, headers={**JSON, **headers}, auth=auth, timeout=60, **kw
    )


def _recusado(resposta, *statuses):
    assert resposta.status_code in statuses, (resposta.status_code, resposta.text)
    erro = resposta.json()["error"]
    assert em_portugues(erro["message"]), erro


@pytest.fixture
def processo(site_url, uids):  # noqa: F811
    return novo_processo(site_url, uids, especificacao="Integridade")


@pytest.mark.parametrize("auth", [CARLOS, OWNER])
def test_copy_is_refused(site_url, processo, auth):
    antes = contar_processos(site_url)
    resposta = _pedir(
        "POST", f"{site_url}/processos/@copy", auth, json={"source": processo["@id"]}
    )
    _recusado(resposta, 400, 403)
    assert contar_processos(site_url) == antes


@pytest.mark.parametrize("auth", [CARLOS, OWNER])
def test_move_is_refused(site_url, processo, auth):
    resposta = _pedir(
        "POST", f"{site_url}/@move", auth, json={"source": processo["@id"]}
    )
    _recusado(resposta, 400, 403)
    assert _pedir("GET", processo["@id"]).status_code == 200


def test_rename_is_refused(site_url, processo):
    resposta = _pedir("PATCH", processo["@id"], json={"id": "outro-nome"})
    _recusado(resposta, 400, 403)
    assert _pedir("GET", processo["@id"]).status_code == 200
    assert _pedir("GET", f"{site_url}/processos/outro-nome").status_code == 404


@pytest.mark.parametrize("campo", ["numero", "unidade_geradora"])
def test_numbers_are_not_patched(site_url, processo, campo):
    resposta = _pedir("PATCH", processo["@id"], json={campo: "9999"})
    _recusado(resposta, 400, 403)
    assert _pedir("GET", processo["@id"]).json()["numero"] == processo["numero"]


def test_documents_are_not_copied(site_url, processo, uids):  # noqa: F811
    doc = _pedir(
        "POST",
        processo["@id"],
        json={"@type": "Documento", "tipo_documento": uids["oficio"]},
    )
    assert doc.status_code == 201, doc.text
    resposta = _pedir(
        "POST", f"{processo['@id']}/@copy", json={"source": doc.json()["@id"]}
    )
    _recusado(resposta, 400, 403)
    itens = _pedir("GET", processo["@id"]).json()["items"]
    assert len(itens) == 1


def test_no_acting_unit_no_process(site_url, uids):  # noqa: F811
    """The site owner holds no unit: the generic POST is refused."""
    antes = contar_processos(site_url)
    resposta = _pedir(
        "POST",
        f"{site_url}/processos",
        OWNER,
        {},
        json={
            "@type": "Processo",
            "tipo_processo": uids["lai"],
            "especificacao": "Sem unidade",
            "nivel_acesso": "publico",
        },
    )
    _recusado(resposta, 400, 403, 404)
    assert contar_processos(site_url) == antes
