"""Benchmark: Zope's memory while a 250 MB upload is refused (issue 15).

Starts seimg as ``make start`` does (``scripts/start.sh``, a throw-away
folder, the default body limit: 277 MB as base64 JSON would be, so a 250 MB
file sent as JSON is 333 MB), then POSTs a document with a 250 MB file as
JSON, streamed in 1 MB pieces with its Content-Length, as a client would.
Prints Zope's resident memory (VmRSS) and its peak (VmHWM) before and
after, and the same for a small accepted request as the baseline of this
run. The limit must hold the growth to at most +100 MB.

Then sends a 150 MB text file as ``multipart/form-data`` to
``@documento-externo`` (accepted: 201) and prints the same figures: the
publisher spools the part to disk and the blob is filled in pieces.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_limite_corpo.py``).
"""

from pathlib import Path
from seimg.testing import free_port
from seimg.testing import free_ports
import base64
import requests
import sys
import tempfile
import time


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.deploy.servico import ambiente
from tests.deploy.servico import Servico
from tests.instancia import SENHA_DEMO


MB = 1024 * 1024
ARQUIVO_MB = 250
MULTIPART_MB = 150


def memoria(pid: int) -> dict:
    campos = {}
    for linha in Path(f"/proc/{pid}/status").read_text().splitlines():
        nome, _sep, valor = linha.partition(":")
        if nome in ("VmRSS", "VmHWM"):
            campos[nome] = int(valor.split()[0]) // 1024  # MB
    return campos


def corpo(tamanho_arquivo: int, pasta: Path) -> Path:
    """A file holding a JSON document body whose ``arquivo.data`` is
    ``tamanho_arquivo`` bytes as base64 (sent from disk, with its length)."""
    bloco = base64.b64encode(b"\0" * (3 * MB // 4))  # 1 MB of base64
    total = (tamanho_arquivo + 2) // 3 * 4
    caminho = pasta / "corpo.json"
    with open(caminho, "wb") as saida:
        saida.write(
            b'{"@type": "DocumentoExterno", "arquivo": {"encoding": "base64", "data": "'
        )
        faltam = total
        while faltam > 0:
            pedaco = bloco[:faltam]
            faltam -= len(pedaco)
            saida.write(pedaco)
        saida.write(b'"}}')
    return caminho


def _vocabulario(url, auth, nome, titulo) -> str:
    itens = requests.get(
        f"{url}/seimg/@vocabularies/{nome}",
        params={"b_size": 500},
        headers={"Accept": "application/json"},
        auth=auth,
        timeout=60,
    ).json()["items"]
    return next(i["token"] for i in itens if i["title"].startswith(titulo))


def tipo_lai(url, auth) -> str:
    return _vocabulario(url, auth, "seimg.TiposProcesso", "Acesso à Informação")


def tipo_externo(url, auth) -> str:
    return _vocabulario(url, auth, "seimg.TiposDocumentoExterno", "Requerimento")


def main() -> int:
    pasta = Path(tempfile.mkdtemp(prefix="seimg-bench-limite-"))
    env = ambiente(
        pasta / "data",
        SEIMG_PORT=str(free_port()),
        SEIMG_LIBREOFFICE_PORT=str(free_ports(1)),
        SEIMG_SMTP_PORT=str(free_port()),
    )
    servico = Servico(env, pasta / "start.log")
    try:
        pid = servico.zope_pid()
        auth = ("carlos.mendes", SENHA_DEMO)
        cabecalhos = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA",
        }
        url = f"{servico.url}/seimg/processos"
        requests.get(f"{servico.url}/seimg", auth=auth, timeout=60)
        antes = memoria(pid)
        pequeno = requests.post(
            url, json={"@type": "Processo"}, headers=cabecalhos, auth=auth, timeout=60
        )
        base = memoria(pid)
        arquivo = corpo(ARQUIVO_MB * MB, pasta)
        tamanho = arquivo.stat().st_size
        inicio = time.monotonic()
        with open(arquivo, "rb") as dados:
            resposta = requests.post(
                url, data=dados, headers=cabecalhos, auth=auth, timeout=600
            )
        duracao = time.monotonic() - inicio
        arquivo.unlink()
        depois = memoria(pid)
        texto = pasta / "grande.txt"
        with open(texto, "wb") as saida:
            linha = b"Linha de texto de um anexo grande.\n" * 1000
            for _i in range(MULTIPART_MB * MB // len(linha)):
                saida.write(linha)
        processo = requests.post(
            url,
            json={
                "@type": "Processo",
                "tipo_processo": tipo_lai(servico.url, auth),
                "especificacao": "Anexo grande",
            },
            headers=cabecalhos,
            auth=auth,
            timeout=60,
        ).json()
        with open(texto, "rb") as dados:
            inicio = time.monotonic()
            enviado = requests.post(
                f"{processo['@id']}/@documento-externo",
                files=[
                    ("tipo_documento", (None, tipo_externo(servico.url, auth))),
                    ("data_documento", (None, "2026-12-01")),
                    ("formato", (None, "nato_digital")),
                    ("arquivo", ("anexo.txt", dados, "text/plain")),
                ],
                headers={
                    "Accept": "application/json",
                    "X-Unidade": cabecalhos["X-Unidade"],
                },
                auth=auth,
                timeout=600,
            )
            duracao_multipart = time.monotonic() - inicio
        texto.unlink()
        multipart = memoria(pid)
    finally:
        servico.parar()
    print(
        f"corpo enviado: {tamanho / MB:.0f} MB (arquivo de {ARQUIVO_MB} MB em base64)"
    )
    print(f"resposta: {resposta.status_code} em {duracao:.1f} s: {resposta.text[:160]}")
    print(f"pedido pequeno (base desta execução): {pequeno.status_code}")
    print(
        f"Zope VmRSS: {antes['VmRSS']} MB antes, {base['VmRSS']} MB após o pedido "
        f"pequeno, {depois['VmRSS']} MB após o grande "
        f"(+{depois['VmRSS'] - base['VmRSS']} MB)"
    )
    print(
        f"Zope VmHWM (pico): {base['VmHWM']} MB -> {depois['VmHWM']} MB "
        f"(+{depois['VmHWM'] - base['VmHWM']} MB; limite da issue: +100 MB)"
    )
    print(
        f"multipart de {MULTIPART_MB} MB para @documento-externo: "
        f"{enviado.status_code} em {duracao_multipart:.1f} s; Zope VmRSS "
        f"{multipart['VmRSS']} MB, VmHWM {depois['VmHWM']} -> "
        f"{multipart['VmHWM']} MB (+{multipart['VmHWM'] - depois['VmHWM']} MB)"
    )
    ok = resposta.status_code == 413 and depois["VmHWM"] - base["VmHWM"] <= 100
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
