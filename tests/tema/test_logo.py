"""The órgão's logo: PNG or JPEG by content, small; shown in the header.

Over REST as the órgão administrator (carlos.mendes, CMVS): a PNG is
accepted and appears in every page's header beside the órgão's name; an SVG
(even named .png), a GIF, a too large image are refused with 400 and a
Portuguese message.
"""

from PIL import Image
from seimg.demo import DEMO_PASSWORD
import base64
import io
import json
import pytest
import requests


ADMIN = ("carlos.mendes", DEMO_PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def _imagem(formato, tamanho=(240, 80)) -> bytes:
    saida = io.BytesIO()
    Image.new("RGB", tamanho, (11, 79, 138)).save(saida, formato)
    return saida.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def _patch(site_url, dados: bytes, nome: str, tipo: str):
    corpo = {
        "logo": {
            "data": base64.b64encode(dados).decode(),
            "encoding": "base64",
            "filename": nome,
            "content-type": tipo,
        }
    }
    return requests.patch(
        f"{site_url}/orgaos/cmvs", json=corpo, headers=JSON, auth=ADMIN, timeout=60
    )


def test_png_logo_in_the_header(site_url):
    resposta = _patch(site_url, _imagem("PNG"), "brasao.png", "image/png")
    assert resposta.status_code == 204, resposta.text
    orgao = requests.get(
        f"{site_url}/orgaos/cmvs", headers=JSON, auth=ADMIN, timeout=60
    ).json()
    assert orgao["logo"]["content-type"] == "image/png"
    assert orgao["logo"]["width"] == 240

    html = requests.get(f"{site_url}/@@controle-processos", auth=ADMIN, timeout=60)
    assert f'src="{site_url}/orgaos/cmvs/@@images/logo"' in html.text
    assert "Câmara Municipal de Vila Serrana" in html.text
    imagem = requests.get(f"{site_url}/orgaos/cmvs/@@images/logo", auth=ADMIN)
    assert imagem.status_code == 200
    assert imagem.headers["Content-Type"].startswith("image/png")


def test_jpeg_logo_accepted(site_url):
    resposta = _patch(site_url, _imagem("JPEG"), "brasao.jpg", "image/jpeg")
    assert resposta.status_code == 204, resposta.text


@pytest.mark.parametrize(
    ("dados", "nome", "tipo", "mensagem"),
    [
        (SVG, "brasao.svg", "image/svg+xml", "PNG ou JPEG"),
        (SVG, "brasao.png", "image/png", "PNG ou JPEG"),
        (_imagem("GIF"), "brasao.gif", "image/gif", "PNG ou JPEG"),
        (b"not an image at all", "brasao.png", "image/png", "PNG ou JPEG"),
        (_imagem("PNG", (1500, 100)), "largo.png", "image/png", "1200×400"),
    ],
)
def test_refused_logos(site_url, dados, nome, tipo, mensagem):
    resposta = _patch(site_url, dados, nome, tipo)
    assert resposta.status_code == 400, resposta.text
    assert mensagem in json.dumps(resposta.json()["error"], ensure_ascii=False)
    orgao = requests.get(
        f"{site_url}/orgaos/cmvs", headers=JSON, auth=ADMIN, timeout=60
    ).json()
    assert not orgao.get("logo")


def test_clerk_cannot_change_the_logo(site_url):
    corpo = {"logo": {"data": "", "encoding": "base64", "filename": "x.png"}}
    resposta = requests.patch(
        f"{site_url}/orgaos/cmvs",
        json=corpo,
        headers=JSON,
        auth=("ana.ribeiro", DEMO_PASSWORD),
        timeout=60,
    )
    assert resposta.status_code in (401, 403)
