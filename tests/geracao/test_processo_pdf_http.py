"""The process PDF and ZIP over HTTP: REST job lifecycle (real worker thread) and UI."""

from html import unescape
from io import BytesIO
from pathlib import Path
from seimg.exportacao import texto_pdf
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import DANIEL
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import base64
import pytest
import re
import requests
import subprocess
import tempfile
import time
import zipfile


PROCURADORIA = {"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"}


def _pdf(texto: str) -> bytes:
    with tempfile.TemporaryDirectory() as pasta:
        caminho = Path(pasta) / "certidao.pdf"
        texto_pdf.pdf_de_texto(caminho, [(texto, 12, False)])
        return caminho.read_bytes()


def _get(url, auth=CARLOS, headers=None, **kwargs):
    return requests.get(
        url,
        headers={**JSON, **SECRETARIA, **(headers or {})},
        auth=auth,
        timeout=120,
        **kwargs,
    )


@pytest.fixture
def dados(monkeypatch, tmp_path):
    # The WSGI server runs in this process: the jobs folder follows.
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    return tmp_path


@pytest.fixture
def processo(site_url, uids, dados):  # noqa: F811
    proc = novo_processo(site_url, uids, especificacao="Transporte escolar 2026")
    oficio = post(
        proc["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
            "texto": {
                "data": "<p>Corpo do ofício HTTP.</p>",
                "content-type": "text/html",
            },
        },
    )
    assert oficio.status_code == 201, oficio.text
    externo = post(
        proc["@id"],
        {
            "@type": "DocumentoExterno",
            "tipo_documento": uids["certidao"],
            "data_documento": "2026-11-20",
            "numero": "55/2026",
            "formato": "nato_digital",
            "nivel_acesso": "publico",
            "arquivo": {
                "data": base64.b64encode(_pdf("Certidao externa HTTP")).decode(),
                "encoding": "base64",
                "filename": "certidao.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert externo.status_code == 201, externo.text
    proc["documentos_criados"] = [oficio.json(), externo.json()]
    return proc


def _esperar(url, auth=CARLOS, limite=180) -> dict:
    fim = time.time() + limite
    vistos = []
    while time.time() < fim:
        resposta = _get(url, auth=auth)
        assert resposta.status_code == 200, resposta.text
        dados = resposta.json()
        vistos.append(dados["estado"])
        if dados["estado"] in ("concluido", "erro"):
            return dados | {"vistos": vistos}
        assert 0 <= dados["progresso"] <= 100
        time.sleep(0.5)
    raise AssertionError(f"job did not finish: {vistos}")


def test_ciclo_da_tarefa_pela_rest(site_url, processo, dados):
    base = f"{processo['@id']}/@pdf-processo"
    inicio = post(base, {})
    assert inicio.status_code == 202, inicio.text
    tarefa = inicio.json()
    assert tarefa["estado"] in ("pendente", "executando", "concluido")
    assert tarefa["@id"] == f"{base}/{tarefa['tarefa']}"
    assert inicio.headers["Location"] == tarefa["@id"]
    assert tarefa["total"] == 3

    # Only its author sees it.
    alheia = _get(tarefa["@id"], auth=DANIEL, headers=PROCURADORIA)
    assert alheia.status_code == 403
    assert "outro usuário" in alheia.json()["error"]["message"]
    assert (
        _get(f"{tarefa['@id']}/download", auth=DANIEL, headers=PROCURADORIA).status_code
        == 403
    )
    desconhecida = _get(f"{base}/{'0' * 32}")
    assert desconhecida.status_code == 404
    assert "24 horas" in desconhecida.json()["error"]["message"]
    assert _get(f"{base}/nada/de/mais").status_code == 404

    final = _esperar(tarefa["@id"])
    assert final["estado"] == "concluido", final
    assert final["progresso"] == 100
    assert final["concluidos"] == final["total"] == 3
    assert final["estado_titulo"] == "concluída"
    assert final["download"] == f"{tarefa['@id']}/download"

    pdf = _get(final["download"])
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    from pypdf import PdfReader

    leitor = PdfReader(BytesIO(pdf.content))
    assert len(leitor.pages) == final["paginas"]
    assert [item.title for item in leitor.outline][1].startswith("Certidão 55/2026")
    texto = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf.content,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    assert "Corpo do ofício HTTP." in texto
    assert "Certidao externa HTTP" in texto
    total = len(leitor.pages)
    assert f"página {total} de {total}" in " ".join(texto.split())

    lista = _get(base).json()
    assert [item["tarefa"] for item in lista["items"]] == [tarefa["tarefa"]]
    assert _get(base, auth=DANIEL, headers=PROCURADORIA).json()["items"] == []

    # The job folder keeps only the record and the result.
    pasta = dados / "geracao" / "tarefas" / tarefa["tarefa"]
    assert sorted(p.name for p in pasta.iterdir()) == ["processo.pdf", "tarefa.json"]


def test_recusas_da_rest(site_url, processo, uids):  # noqa: F811
    base = f"{processo['@id']}/@pdf-processo"
    ruim = post(base, {"documentos": ["nao-existe"]})
    assert ruim.status_code == 400
    assert "nao-existe" in ruim.json()["error"]["message"]
    assert post(base, {"documentos": "x"}).status_code == 400
    assert post(base, {"documentos": [1]}).status_code == 400
    anonimo = requests.post(base, json={}, headers=JSON, timeout=60)
    assert anonimo.status_code == 401

    restrito = novo_processo(
        site_url, uids, nivel_acesso="restrito", hipotese_legal=uids["pessoal"]
    )
    for url, metodo in (
        (f"{restrito['@id']}/@pdf-processo", requests.post),
        (f"{restrito['@id']}/@zip-processo", requests.get),
    ):
        negado = metodo(
            url,
            headers={**JSON, **PROCURADORIA},
            auth=DANIEL,
            timeout=60,
        )
        assert negado.status_code == 403, negado.text
        assert "não tem permissão" in negado.json()["error"]["message"]


def test_zip_pela_rest(site_url, processo):
    oficio, externo = processo["documentos_criados"]
    resposta = _get(f"{processo['@id']}/@zip-processo")
    assert resposta.status_code == 200, resposta.text
    assert resposta.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(BytesIO(resposta.content)) as arquivo:
        nomes = arquivo.namelist()
        assert nomes[0].startswith(f"01-{oficio['numero_sei']}-")
        assert nomes[0].endswith(".html")
        assert nomes[1] == f"02-{externo['numero_sei']}-certidao.pdf"
        assert "Corpo do ofício HTTP." in arquivo.read(nomes[0]).decode()
    so_um = _get(
        f"{processo['@id']}/@zip-processo", params={"documentos": externo["UID"]}
    )
    with zipfile.ZipFile(BytesIO(so_um.content)) as arquivo:
        assert arquivo.namelist() == [f"01-{externo['numero_sei']}-certidao.pdf"]
    ruim = _get(f"{processo['@id']}/@zip-processo", params={"documentos": "x"})
    assert ruim.status_code == 400
    # The other unit does not get Carlos's minuta.
    outra = _get(f"{processo['@id']}/@zip-processo", auth=DANIEL, headers=PROCURADORIA)
    with zipfile.ZipFile(BytesIO(outra.content)) as arquivo:
        assert arquivo.namelist() == [f"01-{externo['numero_sei']}-certidao.pdf"]


def _pagina(url, **kwargs):
    return requests.get(url, auth=CARLOS, headers=SECRETARIA, timeout=120, **kwargs)


def test_interface_gera_com_barra_de_progresso(site_url, processo):
    oficio, externo = processo["documentos_criados"]
    pagina = _pagina(processo["@id"])
    assert pagina.status_code == 200
    assert "Gerar PDF do processo" in pagina.text
    assert "@@zip-processo" in pagina.text

    formulario = _pagina(f"{processo['@id']}/@@gerar-pdf-processo")
    assert formulario.status_code == 200
    assert f'value="{oficio["UID"]}"' in formulario.text
    assert f'value="{externo["UID"]}"' in formulario.text
    campo = re.search(r'<input[^>]*name="_authenticator"[^>]*>', formulario.text)
    assert campo, "no CSRF token in the form"
    token = re.search(r'value="([^"]+)"', campo.group(0)).group(1)
    acao = f"{processo['@id']}/@@gerar-pdf-processo"

    # Without the CSRF token: refused, nothing started.
    sem_token = requests.post(
        acao,
        data={"documentos:list": [externo["UID"]], "form.buttons.gerar": "1"},
        auth=CARLOS,
        headers=SECRETARIA,
        timeout=120,
        allow_redirects=False,
    )
    assert sem_token.status_code in (302, 403)
    assert "pdf-processo-tarefa" not in sem_token.headers.get("Location", "")

    nenhum = requests.post(
        acao,
        data={"_authenticator": token, "form.buttons.gerar": "1"},
        auth=CARLOS,
        headers=SECRETARIA,
        timeout=120,
        allow_redirects=False,
    )
    assert nenhum.status_code == 400
    assert "Selecione ao menos um documento" in nenhum.text

    iniciado = requests.post(
        acao,
        data={
            "_authenticator": token,
            "documentos:list": [externo["UID"]],
            "form.buttons.gerar": "1",
        },
        auth=CARLOS,
        headers={**SECRETARIA, "Referer": formulario.url},
        timeout=120,
        allow_redirects=False,
    )
    assert iniciado.status_code == 302, iniciado.text
    status_url = iniciado.headers["Location"]
    assert "@@pdf-processo-tarefa?tarefa=" in status_url
    tarefa_id = status_url.rsplit("=", 1)[1]

    status = _pagina(status_url)
    assert status.status_code == 200
    assert '<progress class="w-100"' in status.text
    assert 'id="seimg-pdf-progresso"' in status.text
    assert f"@pdf-processo/{tarefa_id}" in unescape(status.text)  # polled by the script
    assert "Baixar o PDF" in status.text

    final = _esperar(f"{processo['@id']}/@pdf-processo/{tarefa_id}")
    assert final["estado"] == "concluido"
    assert final["documentos"] == 1
    pronto = _pagina(status_url)
    assert 'id="seimg-pdf-pronto"\n' in pronto.text or "seimg-pdf-pronto" in pronto.text
    assert re.search(r'id="seimg-pdf-pronto"[^>]*hidden', pronto.text) is None
    baixado = _pagina(f"{processo['@id']}/@@pdf-processo-baixar?tarefa={tarefa_id}")
    assert baixado.status_code == 200
    assert baixado.headers["Content-Type"] == "application/pdf"
    assert baixado.content.startswith(b"%PDF-")

    alheio = requests.get(status_url, auth=DANIEL, headers=PROCURADORIA, timeout=60)
    assert alheio.status_code == 403

    zip_ = _pagina(f"{processo['@id']}/@@zip-processo")
    assert zip_.status_code == 200
    assert zip_.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(BytesIO(zip_.content)) as arquivo:
        assert len(arquivo.namelist()) == 2
