"""Duplicar processo over HTTP: REST ``@duplicar`` and the Classic UI page."""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import DANIEL
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
from tests.rest.portugues import em_portugues
import pytest
import re
import requests


@pytest.fixture
def processo(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Para duplicar")
    for _ in range(2):
        doc = post(
            processo["@id"], {"@type": "Documento", "tipo_documento": uids["oficio"]}
        )
        assert doc.status_code == 201, doc.text
    return processo


def _get(url, auth=CARLOS, headers=SECRETARIA):
    return requests.get(url, headers={**JSON, **headers}, auth=auth, timeout=60)


def test_rest_offers_then_duplicates(site_url, processo):
    opcoes = _get(f"{processo['@id']}/@duplicar")
    assert opcoes.status_code == 200, opcoes.text
    corpo = opcoes.json()
    assert corpo["pode_duplicar"] is True
    assert len(corpo["documentos"]) == 2
    escolhido = corpo["documentos"][1]["UID"]
    feito = post(f"{processo['@id']}/@duplicar", {"documentos": [escolhido]})
    assert feito.status_code == 201, feito.text
    novo = feito.json()
    assert novo["duplicado_de"] == processo["numero"]
    assert novo["numero"] != processo["numero"]
    assert feito.headers["Location"] == novo["@id"]
    assert len(novo["documentos"]) == 1
    lido = _get(novo["@id"]).json()
    assert lido["especificacao"] == "Para duplicar"
    andamentos = _get(f"{processo['@id']}/@andamentos").json()["items"]
    assert "processo_duplicado" in {a["tipo"] for a in andamentos}


@pytest.mark.parametrize(
    "corpo",
    [
        {"documentos": ["nao-existe"]},
        {"interessados": ["nao-existe"]},
        {"documentos": "todos"},
        {"outro": 1},
    ],
)
def test_rest_bad_input_is_400_in_portuguese(site_url, processo, corpo):
    resposta = post(f"{processo['@id']}/@duplicar", corpo)
    assert resposta.status_code == 400, resposta.text
    assert em_portugues(resposta.json()["error"]["message"])


def test_rest_refusals(site_url, processo):
    anonimo = requests.post(f"{processo['@id']}/@duplicar", json={}, timeout=60)
    assert anonimo.status_code in (401, 404)  # the guard may hide it
    # Another unit may duplicate a público process it reads; Carlos's
    # minutas are not offered to it, so its copy has none of them.
    outra = post(
        f"{processo['@id']}/@duplicar",
        {},
        auth=DANIEL,
        headers={"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"},
    )
    assert outra.status_code == 201, outra.text
    assert outra.json()["documentos"] == []
    assert outra.json()["numero"].startswith("2101.05.")
    recusado = post(
        f"{processo['@id']}/@duplicar",
        {
            "documentos": [
                _get(f"{processo['@id']}/@duplicar").json()["documentos"][0]["UID"]
            ]
        },
        auth=DANIEL,
        headers={"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"},
    )
    assert recusado.status_code == 400, recusado.text


def test_page_offers_every_document_checked(site_url, processo):
    pagina = requests.get(
        f"{processo['@id']}/@@duplicar-processo",
        headers=SECRETARIA,
        auth=CARLOS,
        timeout=60,
    )
    assert pagina.status_code == 200
    assert len(re.findall(r'name="documentos:list"', pagina.text)) == 2
    assert "Duplicar processo" in pagina.text
    processo_pagina = requests.get(
        processo["@id"], headers=SECRETARIA, auth=CARLOS, timeout=60
    )
    assert "@@duplicar-processo" in processo_pagina.text
