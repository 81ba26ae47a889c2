"""A replayed Idempotency-Key answer follows the disclosure table: once the
process it created is hidden from the user (sigiloso, their credencial
cassada), the replay answers as a missing path, without its especificação."""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import DANIEL
from tests.processos.test_rest import JSON
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import SENHA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import requests
import uuid


PROCURADORIA = {"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"}
ESPECIFICACAO = "Sindicância sobre Fulano de Tal"


def test_repeticao_de_processo_que_ficou_oculto(site_url, uids):  # noqa: F811
    dados = {
        "@type": "Processo",
        "tipo_processo": uids["disciplinar"],
        "especificacao": ESPECIFICACAO,
        "nivel_acesso": "sigiloso",
        "hipotese_legal": uids["investigacao"],
    }
    cabecalhos = {**JSON, **SECRETARIA, "Idempotency-Key": str(uuid.uuid4())}

    def criar():
        return requests.post(
            f"{site_url}/processos",
            json=dados,
            headers=cabecalhos,
            auth=CARLOS,
            timeout=120,
        )

    primeira = criar()
    assert primeira.status_code == 201, primeira.text
    processo = primeira.json()["@id"]
    credenciais = f"{processo}/@credenciais"
    concedida = requests.post(
        credenciais,
        json={"usuario": "daniel.souza", "senha": SENHA},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert concedida.status_code == 201, concedida.text
    cassada = requests.delete(
        f"{credenciais}/carlos.mendes",
        json={"senha": SENHA},
        headers={**JSON, **PROCURADORIA},
        auth=DANIEL,
        timeout=60,
    )
    assert cassada.status_code == 200, cassada.text
    lida = requests.get(processo, headers=JSON, auth=CARLOS, timeout=60)
    assert lida.status_code == 404  # hidden from Carlos now
    repetida = criar()
    assert repetida.status_code == 404, repetida.text
    assert ESPECIFICACAO not in repetida.text
    assert "Idempotent-Replayed" not in repetida.headers
