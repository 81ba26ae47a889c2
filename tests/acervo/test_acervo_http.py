"""The acervo de sigilosos over HTTP: existence, NUP, tipo and holders only,
for the unit's "sigilosos" perfil; a credencial activated for oneself."""

from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import re
import requests


ACERVO = (matrix_login("sigilosos"), MATRIX_PASSWORD)  # CMVS/SECRETARIA
BASICO = (matrix_login("basico"), MATRIX_PASSWORD)  # CMVS/SECRETARIA
JULIA = ("julia.martins", "Demo@2026")  # sigilosos in PMVS/PGM
MARCA = "MRKACERVOESP"


@pytest.fixture
def sigiloso(site_url, uids):  # noqa: F811
    return novo_processo(
        site_url,
        uids,
        tipo_processo=uids["disciplinar"],
        especificacao=f"Apuração {MARCA}",
        nivel_acesso="sigiloso",
        hipotese_legal=uids["investigacao"],
    )


def _get(url, auth, headers=None):
    return requests.get(
        url, headers={**JSON, **SECRETARIA, **(headers or {})}, auth=auth, timeout=60
    )


def test_acervo_mostra_so_a_existencia(site_url, sigiloso):
    publico = novo_processo(site_url, {"lai": _lai(site_url)})
    resposta = _get(f"{site_url}/@acervo-sigilosos", ACERVO)
    assert resposta.status_code == 200, resposta.text
    itens = resposta.json()["items"]
    assert [i["numero"] for i in itens] == [sigiloso["numero"]]
    assert publico["numero"] not in resposta.text
    item = itens[0]
    assert item["tipo"].startswith("Pessoal: Processo Disciplinar")
    assert [t["usuario"] for t in item["titulares"]] == ["carlos.mendes"]
    assert item["ativa"] is False
    assert MARCA not in resposta.text
    # The process itself stays a missing path until a credencial is active.
    assert _get(sigiloso["@id"], ACERVO).status_code == 404
    pagina = requests.get(
        f"{site_url}/@@acervo-sigilosos", auth=ACERVO, headers=SECRETARIA, timeout=60
    )
    assert pagina.status_code == 200
    assert sigiloso["numero"] in pagina.text
    assert MARCA not in pagina.text
    assert (
        "Acervo de sigilosos"
        in requests.get(site_url, auth=ACERVO, headers=SECRETARIA, timeout=60).text
    )


def _lai(site_url):
    from tests.processos.test_rest import _uid

    return _uid(site_url, "seimg.TiposProcesso", "Acesso à Informação: Pedido")


def test_sem_o_perfil_ou_de_outra_unidade(site_url, sigiloso):
    for auth, headers in ((BASICO, {}), (CARLOS, {}), (JULIA, {"X-Unidade": ""})):
        resposta = requests.get(
            f"{site_url}/@acervo-sigilosos",
            headers={**JSON, **SECRETARIA, **headers} if auth is not JULIA else JSON,
            auth=auth,
            timeout=60,
        )
        if auth is JULIA:
            # Her acervo (PMVS/PGM) does not hold CMVS's process.
            assert resposta.status_code == 200
            assert sigiloso["numero"] not in resposta.text
        else:
            assert resposta.status_code == 403
            assert resposta.json()["error"]["message"]
            assert sigiloso["numero"] not in resposta.text
    anonimo = requests.get(f"{site_url}/@acervo-sigilosos", headers=JSON, timeout=60)
    assert anonimo.status_code == 401
    assert (
        "Acervo de sigilosos"
        not in requests.get(site_url, auth=BASICO, timeout=60).text
    )
    alheio = post(
        f"{site_url}/@acervo-sigilosos/{sigiloso['UID']}",
        {"senha": "Demo@2026"},
        auth=JULIA,
        headers={},
    )
    assert alheio.status_code == 404


def test_ativar_credencial(site_url, sigiloso):
    url = f"{site_url}/@acervo-sigilosos/{sigiloso['UID']}"
    errada = post(url, {"senha": "errada"}, auth=ACERVO)
    assert errada.status_code == 403
    assert _get(sigiloso["@id"], ACERVO).status_code == 404
    sem_senha = post(url, {}, auth=ACERVO)
    assert sem_senha.status_code == 400
    inexistente = post(
        f"{site_url}/@acervo-sigilosos/{'0' * 32}", {"senha": MATRIX_PASSWORD}, ACERVO
    )
    assert inexistente.status_code == 404
    ativada = post(url, {"senha": MATRIX_PASSWORD}, auth=ACERVO)
    assert ativada.status_code == 201, ativada.text
    assert ativada.json()["ativa"] is True
    processo = _get(sigiloso["@id"], ACERVO)
    assert processo.status_code == 200
    assert MARCA in processo.text
    historico = _get(f"{sigiloso['@id']}/@andamentos", CARLOS).json()["items"]
    assert historico[-1]["tipo"] == "credencial_ativada"
    assert "acervo de sigilosos" in historico[-1]["descricao"]
    again = post(url, {"senha": MATRIX_PASSWORD}, auth=ACERVO)
    assert again.status_code == 400


def test_ativar_pela_pagina(site_url, sigiloso):
    sessao = requests.Session()
    sessao.auth = ACERVO
    sessao.headers.update(SECRETARIA)
    pagina = sessao.get(f"{site_url}/@@acervo-sigilosos", timeout=60).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina)
    token = token or re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', pagina
    )
    resposta = sessao.post(
        f"{site_url}/@@acervo-sigilosos",
        data={
            "uid": sigiloso["UID"],
            "senha": MATRIX_PASSWORD,
            "_authenticator": token.group(1),
        },
        timeout=60,
    )
    assert resposta.status_code == 200
    assert resposta.url.startswith(sigiloso["@id"])
    assert MARCA in resposta.text
