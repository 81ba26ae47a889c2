"""Informação classificada and the revisão de acesso over REST (HTTP)."""

from tests.processos.test_rest import _uid
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import DANIEL
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401
from tests.rest.portugues import em_portugues
import requests


def test_classificacao_pela_api(site_url, uids):  # noqa: F811
    reservado = _uid(
        site_url, "seimg.HipotesesLegais", "Informação Classificada - Grau Reservado"
    )
    fiscal = _uid(site_url, "seimg.HipotesesLegais", "Sigilo Fiscal")
    # grau for secrecy under another law (art. 22): 400, in Portuguese
    recusa = post(
        f"{site_url}/processos",
        {
            "@type": "Processo",
            "tipo_processo": uids["lai"],
            "especificacao": "QZCLASSIF fiscal",
            "nivel_acesso": "restrito",
            "hipotese_legal": fiscal,
            "grau_sigilo": "reservado",
        },
    )
    assert recusa.status_code == 400, recusa.text
    assert "art. 22" in recusa.text
    assert em_portugues(recusa.json()["error"]["message"])
    # a classified process: its term from the production date
    processo = novo_processo(
        site_url,
        uids,
        especificacao="QZCLASSIF reservado",
        nivel_acesso="restrito",
        hipotese_legal=reservado,
        grau_sigilo="reservado",
        data_producao="2021-03-01",
        data_classificacao="2021-03-02",
    )
    assert processo["classificacao"]["expira_em"] == "2026-03-01"
    assert processo["classificacao"]["prazo_anos"] == 5
    # the órgão's report: its administrator; others refused; bad dias 400
    url = f"{site_url}/orgaos/cmvs/@classificacoes"
    relatorio = requests.get(
        url,
        params={"dias": "3650"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert relatorio.status_code == 200, relatorio.text
    assert processo["@id"] in [item["@id"] for item in relatorio.json()["items"]]
    ruim = requests.get(
        url,
        params={"dias": "-1"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert ruim.status_code == 400
    assert em_portugues(ruim.json()["error"]["message"])
    alheio = requests.get(url, headers=JSON, auth=DANIEL, timeout=60)
    assert alheio.status_code in (401, 403)
    assert "QZCLASSIF" not in alheio.text
    # revisão de acesso: nothing listed; an unknown document is refused
    revisao = f"{processo['@id']}/@revisao-acesso"
    vazio = requests.get(
        revisao, headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    )
    assert vazio.status_code == 200
    assert vazio.json()["items"] == []
    desconhecido = post(revisao, {"documento": "0000000", "motivo": "Sonda"})
    assert desconhecido.status_code == 400
    assert em_portugues(desconhecido.json()["error"]["message"])
