"""Signing over plone.restapi: ``@assinar`` (POST, DELETE) and ``@assinaturas``."""

from seimg.assinatura import falhas
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import SENHA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import re
import requests


ELISA = ("elisa.castro", SENHA)
DANIEL = ("daniel.souza", SENHA)


@pytest.fixture(autouse=True)
def _sem_falhas():
    falhas.limpar()
    yield
    falhas.limpar()


@pytest.fixture
def oficio(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids)
    response = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
            "texto": {
                "data": "<p>Texto a assinar pela REST.</p>",
                "content-type": "text/html",
            },
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def _assinar(url, senha=SENHA, cargo="Secretário-Geral", auth=CARLOS):
    return post(f"{url}/@assinar", {"senha": senha, "cargo": cargo}, auth=auth)


def _cancelar(url, senha=SENHA, auth=CARLOS):
    return requests.delete(
        f"{url}/@assinar",
        json={"senha": senha},
        headers={**JSON, **SECRETARIA},
        auth=auth,
        timeout=120,
    )


def _assinaturas(url, auth=CARLOS):
    response = requests.get(
        f"{url}/@assinaturas", headers={**JSON, **SECRETARIA}, auth=auth, timeout=60
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_assinar_consultar_e_cancelar(site_url, oficio):
    url = oficio["@id"]
    antes = _assinaturas(url)
    assert antes["estado"] == "minuta"
    assert antes["items"] == []
    assert antes["crc"] is None

    response = _assinar(url)
    assert response.status_code == 200, response.text
    dados = response.json()
    assert dados["estado"] == "assinado"
    assert re.fullmatch(r"[0-9A-F]{8}", dados["crc"])
    assert dados["codigo_verificador"] == oficio["numero_sei"]
    assert dados["bloqueado"] is False
    [item] = dados["items"]
    assert item["userid"] == "carlos.mendes"
    assert item["cargo"] == "Secretário-Geral"
    assert item["metodo"] == "senha"
    assert item["unidade_sigla"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert "Decreto Municipal" in item["tarja"]
    assert _assinaturas(url)["crc"] == dados["crc"]

    # Signed content is read-only through the API too.
    patch = requests.patch(
        url,
        json={"texto": {"data": "<p>Mudado</p>", "content-type": "text/html"}},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert patch.status_code in (401, 403)
    pagina = requests.get(url, auth=CARLOS, headers=SECRETARIA, timeout=60)
    assert dados["crc"] in pagina.text
    conteudo = requests.get(
        f"{url}/@@conteudo", auth=CARLOS, headers=SECRETARIA, timeout=60
    )
    assert "Texto a assinar pela REST." in conteudo.text
    assert "Mudado" not in conteudo.text
    assert "sandbox" in conteudo.headers["Content-Security-Policy"]

    # Cancelling one's own signature: the document is a minuta again.
    assert _cancelar(url, senha="errada").status_code == 403
    cancelado = _cancelar(url)
    assert cancelado.status_code == 200, cancelado.text
    assert cancelado.json()["estado"] == "minuta"
    assert cancelado.json()["items"] == []


def test_recusas(site_url, oficio):
    url = oficio["@id"]
    cargo = _assinar(url, cargo="Prefeito")
    assert cargo.status_code == 400
    assert "Cargo" in cargo.json()["error"]["message"]

    senha = _assinar(url, senha="errada")
    assert senha.status_code == 403
    assert "Senha" in senha.json()["error"]["message"]

    sem_senha = post(f"{url}/@assinar", {"cargo": "Secretário-Geral"})
    assert sem_senha.status_code == 400

    colaboradora = _assinar(url, cargo="Estagiária", auth=ELISA)
    assert colaboradora.status_code == 403
    assert colaboradora.json()["error"]["message"]

    outra_unidade = post(
        f"{url}/@assinar",
        {"senha": SENHA, "cargo": "Procurador Jurídico"},
        auth=DANIEL,
        headers={"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"},
    )
    # Another unit's minuta: it may not even know it exists (divulgacao.md).
    assert outra_unidade.status_code == 404

    nao_assinou = _cancelar(url)
    assert nao_assinou.status_code == 403
    assert _assinaturas(url)["estado"] == "minuta"
    assert _assinaturas(url)["items"] == []
