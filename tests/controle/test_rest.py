"""``GET /@controle-processos`` and ``@@controle-processos`` over HTTP."""

from datetime import date
from datetime import timedelta
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import csv
import io
import pytest
import re
import requests


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", SENHA)
BEATRIZ = ("beatriz.lima", SENHA)
FABIO = ("fabio.nunes", SENHA)
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
PROTOCOLO = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
ARQUIVO = "CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO"
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


def _criar_e_enviar(site_url, especificacao, destinos, **opcoes) -> dict:
    response = requests.post(
        f"{site_url}/processos",
        json={
            "@type": "Processo",
            "tipo_processo": _tipo_lai(site_url),
            "especificacao": especificacao,
            "nivel_acesso": "publico",
        },
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=120,
    )
    assert response.status_code == 201, response.text
    processo = response.json()
    response = requests.post(
        f"{processo['@id']}/@enviar",
        json={"destinos": destinos, "notificar": False, **opcoes},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=120,
    )
    assert response.status_code == 200, response.text
    return processo


def controle(site_url, auth=BEATRIZ, unidade=PROTOCOLO, accept=JSON, **params):
    return requests.get(
        f"{site_url}/@controle-processos",
        params=params,
        headers={**accept, "X-Unidade": unidade},
        auth=auth,
        timeout=120,
    )


@pytest.fixture
def processos(site_url):
    return [
        _criar_e_enviar(site_url, f"Pedido REST {letra}", [PROTOCOLO, ARQUIVO])
        for letra in ("B", "A", "C")
    ]


def test_recebidos_com_flags(site_url, processos):
    response = controle(site_url)
    assert response.status_code == 200, response.text
    body = response.json()
    meus = {p["numero"] for p in processos}
    items = [i for i in body["items"] if i["numero"] in meus]
    assert len(items) == 3
    assert body["items_total"] >= 3
    assert body["lista"] == "recebidos"
    item = items[0]
    assert set(item) >= {
        "@id",
        "numero",
        "tipo",
        "especificacao",
        "nivel_acesso_efetivo",
        "recebido",
        "novo_documento",
        "atribuido_a",
        "retorno_data",
        "retorno_atrasado",
        "marcador",
        "anotacao",
    }
    assert item["recebido"] is False
    assert item["nivel_acesso_efetivo"] == "publico"
    assert item["tipo"]["title"].startswith("Acesso à Informação")
    assert item["anotacao"] is None

    # Receiving in the Protocolo flips the flag there, not in the Arquivo.
    alvo = processos[0]
    response = requests.post(
        f"{alvo['@id']}/@receber",
        headers={**JSON, "X-Unidade": PROTOCOLO},
        auth=BEATRIZ,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    por_numero = {i["numero"]: i for i in controle(site_url).json()["items"]}
    assert por_numero[alvo["numero"]]["recebido"] is True
    arquivo = controle(site_url, auth=FABIO, unidade=ARQUIVO).json()["items"]
    assert {i["numero"]: i for i in arquivo}[alvo["numero"]]["recebido"] is False


def test_ordenacao_e_paginacao(site_url, processos):
    meus = {p["numero"] for p in processos}
    body = controle(
        site_url, sort_on="especificacao", sort_order="descending", b_size=0
    ).json()
    especificacoes = [i["especificacao"] for i in body["items"] if i["numero"] in meus]
    assert especificacoes == ["Pedido REST C", "Pedido REST B", "Pedido REST A"]
    assert len(body["items"]) == body["items_total"]

    primeira = controle(site_url, sort_on="numero", b_size=2).json()
    assert len(primeira["items"]) == 2
    assert primeira["items_total"] == body["items_total"]
    segunda = controle(site_url, sort_on="numero", b_size=2, b_start=2).json()
    numeros = [i["numero"] for i in primeira["items"] + segunda["items"]]
    assert numeros == sorted(numeros)


def test_atribuido_a_mim(site_url, processos):
    alvo = processos[1]
    response = requests.post(
        f"{alvo['@id']}/@atribuir",
        json={"usuario": "beatriz.lima"},
        headers={**JSON, "X-Unidade": PROTOCOLO},
        auth=BEATRIZ,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    body = controle(site_url, atribuido="me").json()
    assert [i["numero"] for i in body["items"]] == [alvo["numero"]]
    assert body["items"][0]["atribuido_a"]["id"] == "beatriz.lima"


def test_retornos(site_url):
    prazo = (date.today() + timedelta(days=5)).isoformat()
    processo = _criar_e_enviar(
        site_url, "Com retorno REST", [PROTOCOLO], retorno_programado={"data": prazo}
    )
    devolver = controle(site_url, lista="retornos_devolver").json()["items"]
    item = {i["numero"]: i for i in devolver}[processo["numero"]]
    assert item["retorno_data"] == prazo
    assert item["retorno_atrasado"] is False
    aguardando = controle(
        site_url,
        auth=CARLOS,
        unidade="CMVS/PRESIDENCIA/SECRETARIA",
        lista="retornos_aguardando",
    ).json()["items"]
    item = {i["numero"]: i for i in aguardando}[processo["numero"]]
    assert item["retorno_unidade"] == PROTOCOLO


def test_csv(site_url, processos):
    for accept, params in (
        ({"Accept": "text/csv"}, {}),
        (JSON, {"formato": "csv"}),
    ):
        response = controle(site_url, accept=accept, sort_on="especificacao", **params)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(
            csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        )
        assert rows[0][0] == "Processo"
        assert rows[0][4] == "Recebido"
        meus = {p["numero"] for p in processos}
        nossos = [r for r in rows[1:] if r[0] in meus]
        assert [r[2] for r in nossos] == [
            "Pedido REST A",
            "Pedido REST B",
            "Pedido REST C",
        ]
        assert {r[4] for r in nossos} == {"Não"}


@pytest.mark.parametrize(
    ("params", "campo"),
    [
        ({"lista": "todas"}, "lista"),
        ({"sort_on": "senha"}, "sort_on"),
        ({"sort_order": "up"}, "sort_order"),
        ({"b_size": "-1"}, "b_size"),
        ({"b_start": "x"}, "b_start"),
        ({"atribuido": "outro"}, "atribuido"),
    ],
)
def test_parametro_invalido_400(site_url, params, campo):
    response = controle(site_url, **params)
    assert response.status_code == 400, response.text
    erro = response.json()
    erro = erro.get("error", erro)
    assert campo in erro["message"]


def test_sem_unidade_e_anonimo(site_url):
    response = requests.get(
        f"{site_url}/@controle-processos", headers=JSON, auth=OWNER, timeout=60
    )
    assert response.status_code == 403, response.text
    assert "unidade" in response.text.lower()
    response = requests.get(f"{site_url}/@controle-processos", headers=JSON, timeout=60)
    assert response.status_code == 401


def test_restrito_de_outra_unidade_nao_aparece(site_url):
    response = requests.post(
        f"{site_url}/processos",
        json={
            "@type": "Processo",
            "tipo_processo": _tipo_lai(site_url),
            "especificacao": "Restrito da Procuradoria",
            "nivel_acesso": "restrito",
            "hipotese_legal": _hipotese(site_url),
        },
        headers={**JSON, "X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"},
        auth=("daniel.souza", SENHA),
        timeout=120,
    )
    assert response.status_code == 201, response.text
    numero = response.json()["numero"]
    # Daniel sees it in his Gerados; Beatriz in none of her lists.
    gerados = controle(
        site_url,
        auth=("daniel.souza", SENHA),
        unidade="CMVS/PRESIDENCIA/PROCURADORIA",
        lista="gerados",
        b_size=0,
    ).json()
    item = {i["numero"]: i for i in gerados["items"]}[numero]
    assert item["nivel_acesso_efetivo"] == "restrito"
    for lista in ("recebidos", "gerados", "retornos_devolver", "sobrestados"):
        body = controle(site_url, lista=lista, b_size=0).json()
        assert numero not in [i["numero"] for i in body["items"]]
        assert body["items_total"] == len(body["items"])


def _hipotese(site_url) -> str:
    response = requests.get(
        f"{site_url}/@vocabularies/seimg.HipotesesLegais",
        params={"title": "Informação Pessoal", "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    return response.json()["items"][0]["token"]


# -- the Classic UI page -------------------------------------------------------


def _sessao(site_url, login, senha=SENHA) -> requests.Session:
    session = requests.Session()
    session.auth = (login, senha)
    return session


def test_pagina_controle_lista_e_csv(site_url, processos):
    session = _sessao(site_url, "beatriz.lima")
    response = session.get(f"{site_url}/@@controle-processos", timeout=120)
    assert response.status_code == 200
    html = response.text
    assert "Controle de Processos" in html
    assert "Recebidos" in html
    assert "Gerados" in html
    for processo in processos:
        assert processo["numero"] in html
    assert "Não recebido" in html
    assert "Exportar CSV" in html
    response = session.get(
        f"{site_url}/@@controle-processos",
        params={"formato": "csv", "sort_on": "numero"},
        timeout=120,
    )
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")


def test_pagina_anonimo_vai_para_login(site_url):
    response = requests.get(
        f"{site_url}/@@controle-processos", allow_redirects=False, timeout=60
    )
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_pagina_sem_unidade(site_url):
    response = requests.get(f"{site_url}/@@controle-processos", auth=OWNER, timeout=60)
    assert response.status_code == 200
    assert 'id="seimg-controle-sem-unidade"' in response.text


def test_concluir_em_lote_com_falha_parcial(site_url, processos):
    session = _sessao(site_url, "beatriz.lima")
    html = session.get(f"{site_url}/@@controle-processos", timeout=120).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html)
    token = token or re.search(r'value="([^"]+)"[^>]*name="_authenticator"', html)
    assert token
    uids = [p["UID"] for p in processos[:2]]
    # The second one is concluded first: in the batch it fails, the first succeeds.
    response = requests.post(
        f"{processos[1]['@id']}/@concluir",
        headers={**JSON, "X-Unidade": PROTOCOLO},
        auth=BEATRIZ,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    response = session.post(
        f"{site_url}/@@controle-processos",
        data={"_authenticator": token.group(1), "acao": "concluir", "uids:list": uids},
        timeout=120,
    )
    assert response.status_code == 200
    html = response.text
    assert "Concluídos na sua unidade (1)" in html
    assert processos[1]["numero"] in html  # named with its refusal
    body = controle(site_url, b_size=0).json()
    numeros = [i["numero"] for i in body["items"]]
    assert processos[0]["numero"] not in numeros
    assert processos[1]["numero"] not in numeros
    assert processos[2]["numero"] in numeros


def test_lote_sem_token_recusado(site_url, processos):
    session = _sessao(site_url, "beatriz.lima")
    response = session.post(
        f"{site_url}/@@controle-processos",
        data={"acao": "concluir", "uids:list": [processos[0]["UID"]]},
        timeout=120,
    )
    assert response.status_code == 403
    body = controle(site_url, b_size=0).json()
    assert processos[0]["numero"] in [i["numero"] for i in body["items"]]
