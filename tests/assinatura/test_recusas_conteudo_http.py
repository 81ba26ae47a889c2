"""The refusals of a body not ready to sign, over REST: 400 with a pt-BR
``{"error": {"type", "message"}}`` and nothing signed."""

from tests.assinatura.test_recusas_conteudo import NAO_RENDERIZA
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import SENHA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import requests


def _oficio(site_url, uids, texto):  # noqa: F811
    dados = {
        "@type": "Documento",
        "tipo_documento": uids["oficio"],
        "nivel_acesso": "publico",
    }
    if texto is not None:
        dados["texto"] = {"data": texto, "content-type": "text/html"}
    response = post(novo_processo(site_url, uids)["@id"], dados)
    assert response.status_code == 201, response.text
    return response.json()["@id"]


@pytest.mark.parametrize(
    ("texto", "mensagem"),
    [
        (None, "Preencha os campos do modelo antes de assinar: Nome do destinatário"),
        ("<p>&nbsp;</p>", "O documento está vazio"),
        (NAO_RENDERIZA, "não pode ser convertido no PDF assinado"),
    ],
)
def test_assinar_recusa_corpo(site_url, uids, texto, mensagem):  # noqa: F811
    url = _oficio(site_url, uids, texto)
    response = post(f"{url}/@assinar", {"senha": SENHA, "cargo": "Secretário-Geral"})
    assert response.status_code == 400, response.text
    erro = response.json()["error"]
    assert erro["type"] == "BadRequest"
    assert mensagem in erro["message"]
    estado = requests.get(
        f"{url}/@assinaturas", headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    ).json()
    assert estado["estado"] == "minuta"
    assert estado["items"] == []
    assert estado["crc"] is None
