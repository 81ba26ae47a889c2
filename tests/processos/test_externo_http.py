"""A DocumentoExterno sent as multipart/form-data (POST @documento-externo):
the same rules as the JSON creation, the file spooled instead of decoded."""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import PDF
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import requests


def _campos(uids, **extra):  # noqa: F811
    return {
        "tipo_documento": uids["certidao"],
        "data_documento": "2026-11-20",
        "numero": "123/2026",
        "formato": "nato_digital",
        "nivel_acesso": "publico",
        **extra,
    }


def _enviar(processo, campos, arquivo=("certidao.pdf", PDF, "application/pdf")):
    partes = [(nome, (None, valor)) for nome, valor in campos.items()]
    if arquivo is not None:
        partes.append(("arquivo", arquivo))
    return requests.post(
        f"{processo['@id']}/@documento-externo",
        files=partes,
        headers={"Accept": "application/json", **SECRETARIA},
        auth=CARLOS,
        timeout=120,
    )


def _documentos(processo) -> list:
    return requests.get(
        processo["@id"], headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    ).json()["documentos"]


def test_envio_multipart_cria_o_documento_com_o_arquivo(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids)
    resposta = _enviar(processo, _campos(uids))
    assert resposta.status_code == 201, resposta.text
    documento = resposta.json()
    assert documento["@type"] == "DocumentoExterno"
    assert documento["numero_sei"]
    assert resposta.headers["Location"] == documento["@id"]
    assert [d["numero_sei"] for d in _documentos(processo)] == [documento["numero_sei"]]
    baixado = requests.get(
        f"{documento['@id']}/@@download/arquivo",
        headers=SECRETARIA,
        auth=CARLOS,
        timeout=60,
    )
    assert baixado.status_code == 200
    assert baixado.content == PDF


def test_interessados_repetidos_e_booleano(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids)
    resposta = _enviar(
        processo, _campos(uids, publicar_dados_pessoais="false", remetente="")
    )
    assert resposta.status_code == 201, resposta.text


@pytest.mark.parametrize(
    ("mudanca", "arquivo", "campo"),
    [
        ({}, None, "arquivo"),
        ({"tipo_documento": "nao-existe"}, "pdf", "tipo_documento"),
        ({"data_documento": "ontem"}, "pdf", "data_documento"),
        ({"campo_estranho": "x"}, "pdf", "campo_estranho"),
        ({"publicar_dados_pessoais": "talvez"}, "pdf", "publicar_dados_pessoais"),
        ({"remetente": "Fulano\x00"}, "pdf", "remetente"),
        ({}, "disfarcado", "arquivo"),
    ],
)
def test_erros_nomeiam_o_campo_e_nada_e_criado(site_url, uids, mudanca, arquivo, campo):  # noqa: F811
    processo = novo_processo(site_url, uids)
    arquivos = {
        None: None,
        "pdf": ("certidao.pdf", PDF, "application/pdf"),
        "disfarcado": (
            "certidao.pdf",
            b"MZ\x90\x00" + b"\x00" * 200,
            "application/pdf",
        ),
    }
    resposta = _enviar(processo, _campos(uids, **mudanca), arquivos[arquivo])
    assert resposta.status_code == 400, resposta.text
    erro = resposta.json()["error"]
    assert campo in [c["campo"] for c in erro["campos"]], erro
    assert _documentos(processo) == []
