"""Benchmark: Zope's memory while a 250 MB upload is refused (issue 15).

Starts seimg as ``make start`` does (``scripts/start.sh``, a throw-away
folder, the default body limit: 277 MB as base64 JSON would be, so a 250 MB
file sent as JSON is 333 MB), then POSTs a document with a 250 MB file as
JSON, streamed in 1 MB pieces with its Content-Length, as a client would.
Prints Zope's resident memory (VmRSS) and its peak (VmHWM) before and
after, and the same for a small accepted request as the baseline of this
run. The limit must hold the growth to at most +100 MB.

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
    ok = resposta.status_code == 413 and depois["VmHWM"] - base["VmHWM"] <= 100
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
