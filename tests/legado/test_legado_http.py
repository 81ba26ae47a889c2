"""A database made by seimg before the restructuring opens, upgrades and works.

The snapshot (``dados/``, see README.md) holds a restricted process with a
signed ofício sent with a retorno programado to two units (one received it),
a minuta in a bloco de assinatura, an external PDF, an anotação and a
sigiloso process. Today's code serves it after create-site.py upgraded it;
every object must load and every routine action must still work on it.
"""

from pathlib import Path
from tests.instancia import SENHA_DEMO
from tests.instancia import servir
import pytest
import re
import requests
import tarfile


DADOS = Path(__file__).parent / "dados" / "legado-d647139.tar.xz"
METADATA = (
    Path(__file__).resolve().parents[2] / "src/seimg/profiles/default/metadata.xml"
)
A = "CMVS/PRESIDENCIA/SECRETARIA"
B = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
C = "CMVS/PRESIDENCIA/PROCURADORIA"
USUARIOS = {A: "carlos.mendes", B: "beatriz.lima", C: "daniel.souza"}
PROCESSO = "processos/2101-02-0000003-2026-50"
SIGILOSO = "processos/2101-02-0000004-2026-23"


@pytest.fixture(scope="module")
def legado(tmp_path_factory):
    data = tmp_path_factory.mktemp("seimg-legado")
    with tarfile.open(DADOS) as arquivo:
        arquivo.extractall(data, filter="data")
    with servir(data, esperado="já existia; dados mantidos") as servida:
        yield servida


def _pedir(legado, metodo, caminho, unidade=A, **kw):
    return requests.request(
        metodo,
        f"{legado.url}/{caminho}" if not caminho.startswith("http") else caminho,
        headers={"Accept": "application/json", "X-Unidade": unidade},
        auth=(USUARIOS[unidade], SENHA_DEMO),
        timeout=180,
        **kw,
    )


def test_upgraded_to_the_current_profile_version(legado):
    atual = re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)
    if atual != "1010":
        assert f"→ {atual}" in legado.criacao, legado.criacao
    else:
        assert "Atualização do seimg" not in legado.criacao


def test_old_objects_load_for_their_readers(legado):
    processo = _pedir(legado, "GET", PROCESSO)
    assert processo.status_code == 200, processo.text
    corpo = processo.json()
    assert corpo["especificacao"] == "Pedido de cópia de contrato (legado)"
    tipos = {item["@type"] for item in corpo["items"]}
    assert tipos == {"Documento", "DocumentoExterno"}
    for item in corpo["items"]:
        assert _pedir(legado, "GET", item["@id"]).status_code == 200
    pagina = requests.get(
        f"{legado.url}/{PROCESSO}",
        headers={"X-Unidade": A},
        auth=(USUARIOS[A], SENHA_DEMO),
        timeout=60,
    )
    assert pagina.status_code == 200
    assert "Pedido de cópia de contrato (legado)" in pagina.text
    andamentos = _pedir(legado, "GET", f"{PROCESSO}/@andamentos").json()["items"]
    assert {"processo_remetido", "retorno_programado"} <= {
        a["tipo"] for a in andamentos
    }


def test_signed_document_keeps_its_signature_and_authenticity(legado):
    itens = _pedir(legado, "GET", PROCESSO).json()["items"]
    assinado = next(i for i in itens if i.get("review_state") == "assinado")
    assinaturas = _pedir(legado, "GET", f"{assinado['@id']}/@assinaturas").json()
    assert [a["userid"] for a in assinaturas["items"]] == ["carlos.mendes"]
    assert assinaturas["crc"]
    documento = _pedir(legado, "GET", assinado["@id"]).json()
    conferido = requests.get(
        f"{legado.url}/@autenticidade",
        params={"cv": documento["numero_sei"], "crc": assinaturas["crc"]},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert conferido.status_code == 200, conferido.text
    assert conferido.json()["resultado"] == "autentico"


def test_routine_work_goes_on_with_the_old_objects(legado):
    # the retorno awaited from B is fulfilled by sending it back
    enviado = _pedir(
        legado, "POST", f"{PROCESSO}/@enviar", unidade=B, json={"destinos": [A]}
    )
    assert enviado.status_code == 200, enviado.text
    assert _pedir(legado, "POST", f"{PROCESSO}/@receber", unidade=C).status_code in (
        200,
        204,
    )
    # numbering continues after the old numbers
    novo = _pedir(
        legado,
        "POST",
        "processos",
        json={
            "@type": "Processo",
            "tipo_processo": _pedir(legado, "GET", PROCESSO).json()["tipo_processo"][
                "token"
            ],
            "especificacao": "Depois da atualização",
            "nivel_acesso": "publico",
        },
    )
    assert novo.status_code == 201, novo.text
    assert re.search(r"/2101-02-000000[5-9]-2026-\d\d$", novo.json()["@id"])
    controle = _pedir(legado, "GET", "@controle-processos").json()
    assert any(linha["@id"].endswith(PROCESSO) for linha in controle["items"]), controle


def test_sigiloso_stays_hidden(legado):
    assert _pedir(legado, "GET", SIGILOSO).status_code == 200
    assert _pedir(legado, "GET", SIGILOSO, unidade=C).status_code == 404
    anonimo = requests.get(
        f"{legado.url}/{SIGILOSO}", headers={"Accept": "application/json"}, timeout=60
    )
    assert anonimo.status_code in (401, 404)
