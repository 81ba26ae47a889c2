"""``GET /@pesquisa`` over HTTP: the contract, CSV, and bad input (issue 18)."""

import csv
import io
import pytest
import requests
import time


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", SENHA)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def _tipo_lai(site_url) -> str:
    response = requests.get(
        f"{site_url}/@vocabularies/seimg.TiposProcesso",
        params={"title": "Acesso à Informação: Pedido", "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    return response.json()["items"][0]["token"]


def _criar(site_url, especificacao, nivel="publico") -> dict:
    corpo = {
        "@type": "Processo",
        "tipo_processo": _tipo_lai(site_url),
        "especificacao": especificacao,
        "nivel_acesso": nivel,
    }
    response = requests.post(
        f"{site_url}/processos",
        json=corpo,
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=120,
    )
    assert response.status_code == 201, response.text
    return response.json()


def pesquisa(site_url, auth=CARLOS, accept=JSON, **params):
    return requests.get(
        f"{site_url}/@pesquisa",
        params=params,
        headers={**accept, **SECRETARIA} if auth else accept,
        auth=auth,
        timeout=120,
    )


@pytest.fixture
def processos(site_url):
    return [_criar(site_url, f"Aquisição de ornitorrincos lote {n}") for n in range(3)]


def test_json_com_facetas_trechos_e_paginacao(site_url, processos):
    response = pesquisa(site_url, q="ornitorrinco", b_size="2", ordem="data")
    assert response.status_code == 200, response.text
    corpo = response.json()
    assert corpo["items_total"] == 3
    assert len(corpo["items"]) == 2
    assert corpo["next"]
    assert "b_start=2" in corpo["next"]
    assert [i["UID"] for i in corpo["items"]] == [p["UID"] for p in processos[::-1][:2]]
    item = corpo["items"][0]
    assert "<mark>ornitorrincos</mark>" in item["trecho"]
    assert item["numero"] == processos[2]["numero"]
    anos = corpo["facetas"]["ano"]
    assert sum(f["quantidade"] for f in anos) == 3
    assert corpo["facetas"]["tipo_processo"][0]["titulo"].startswith("Acesso")


def test_nup_sem_pontuacao(site_url, processos):
    nup = processos[1]["numero"]
    digitos = "".join(c for c in nup if c.isdigit())
    corpo = pesquisa(site_url, q=digitos).json()
    assert [i["UID"] for i in corpo["items"]] == [processos[1]["UID"]]


def test_anonimo_ve_o_publico(site_url, processos):
    corpo = pesquisa(site_url, auth=None, q="ornitorrinco").json()
    assert corpo["items_total"] == 3


def test_csv(site_url, processos):
    response = pesquisa(site_url, q="ornitorrinco", formato="csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    linhas = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert linhas[0][0] == "NUP"
    assert len(linhas) == 4


@pytest.mark.parametrize(
    ("params", "campo"),
    [
        ({"q": "x" * 10_000}, "q"),
        ({"q": "a*"}, "q"),
        ({"q": "*"}, "q"),
        ({"q": "E OU NÃO"}, "q"),
        ({"q": "NÃO contrato"}, "q"),
        ({"de": "2026-02-30"}, "de"),
        ({"de": "2026-03-01", "ate": "2026-01-01"}, "ate"),
        ({"ordem": "pior"}, "ordem"),
        ({"b_size": "1000"}, "b_size"),
        ({"b_start": "-1"}, "b_start"),
        ({"inventado": "1"}, "inventado"),
        ({"formato": "xml"}, "formato"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_entrada_invalida_400_em_portugues(site_url, params, campo):
    inicio = time.monotonic()
    response = pesquisa(site_url, **params)
    assert time.monotonic() - inicio < 5
    assert response.status_code == 400, response.text
    erro = response.json()["error"]
    assert (
        campo in {c["campo"] for c in erro.get("campos", [])}
        or campo in erro["message"]
    )


@pytest.mark.parametrize(
    "q",
    ['"contrato de', "contrato OU", "contrato -", '"', "a" * 300, "palavra " * 20],
)
def test_consultas_estranhas_respondem_sem_erro(site_url, processos, q):
    response = pesquisa(site_url, q=q)
    assert response.status_code in (200, 400), response.text
    assert "error" in response.json() or "items" in response.json()
