"""Benchmark: the cluster (``make cluster``) with 1 and with 2 Zope instances.

One PostgreSQL server of its own and one site (created on the first start,
kept in ``SEIMG_BENCH_DADOS`` or a temporary folder), served by
``scripts/cluster.sh`` first with ``SEIMG_INSTANCIAS=1``, then with 2, behind
HAProxy. For each:

- **throughput** of a mixed load: ``--clientes`` (8) clients for
  ``--segundos`` (30) s, each repeating one clerk's cycle through HAProxy —
  create a process in CMVS/SECRETARIA, read it, list the unit's processes
  (``@search``), open the public portal's search — printing requests/s,
  creations/s and p50/p95/p99 per kind;
- **concurrent creation in one unit** (``bench_concorrencia.py --url``):
  8 clients × 10 processes each, p50/p95/p99, ConflictErrors retried (from
  every instance's event log), duplicate numbers, gaps.

No expectation is asserted: on this 2-core machine two instances share the
same two cores with PostgreSQL, HAProxy and the clients. Figures are in
docs/operacao.md ("Cluster: uma ou duas instâncias").

Run with ``.venv/bin/python bench/bench_cluster.py`` (about 6 minutes).
"""

from pathlib import Path
import argparse
import os
import requests
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from seimg.deploy.postgresql import Servidor  # noqa: E402


SENHA_DEMO = "Demo@2026"
UNIDADE = "CMVS/PRESIDENCIA/SECRETARIA"


def _livre(quantas: int = 1) -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + quantas < 65000 and all(
            _bind_ok(p) for p in range(base, base + quantas)
        ):
            return base


def _bind_ok(porta: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", porta))
        except OSError:
            return False
    return True


class Cluster:
    def __init__(self, data: Path, dsn: str, instancias: int):
        self.porta = _livre(instancias + 1)
        self.data = data
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SEIMG_")}
        self.env.update(
            SEIMG_DATA=str(data),
            SEIMG_POSTGRESQL_DSN=dsn,
            SEIMG_INSTANCIAS=str(instancias),
            SEIMG_PORT=str(self.porta),
            SEIMG_LIBREOFFICE_PORT=str(_livre()),
            SEIMG_LIBREOFFICE_WORKERS="1",
            SEIMG_SMTP_PORT=str(_livre()),
            SEIMG_ADMIN_PASSWORD="admin-bench",
            SEIMG_DEMO="1",
            SEIMG_DEMO_PASSWORD=SENHA_DEMO,
            SEIMG_PDF_PREGERAR="0",
            # every client comes from 127.0.0.1: the per-address buckets of
            # the public portal would answer 429 to the load itself
            SEIMG_BALDE_PAGINA="100000/100000",
        )
        self.instancias = instancias
        self.url = f"http://127.0.0.1:{self.porta}/seimg"
        self.log = open(data.parent / f"cluster-{instancias}.log", "ab")  # noqa: SIM115
        self.processo = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "cluster.sh")],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        prazo = time.monotonic() + 600
        while True:
            texto = (data.parent / f"cluster-{instancias}.log").read_text(
                encoding="utf-8", errors="replace"
            )
            if texto.count("seimg no ar") > 0 and "seimg no ar" in texto[-3000:]:
                break
            if self.processo.poll() is not None or time.monotonic() > prazo:
                raise SystemExit(f"o cluster não subiu:\n{texto[-3000:]}")
            time.sleep(1)

    def logs(self) -> list[str]:
        return [
            str(
                self.data
                / "instancias"
                / str(n)
                / "instance"
                / "var"
                / "log"
                / "event.log"
            )
            for n in range(1, self.instancias + 1)
        ]

    def parar(self) -> None:
        self.processo.send_signal(signal.SIGTERM)
        self.processo.wait(120)
        self.log.close()


def _sessao() -> requests.Session:
    sessao = requests.Session()
    sessao.auth = ("carlos.mendes", SENHA_DEMO)
    sessao.headers.update({"Accept": "application/json", "X-Unidade": UNIDADE})
    return sessao


def _tipo(url: str) -> str:
    itens = (
        _sessao()
        .get(
            f"{url}/@vocabularies/seimg.TiposProcesso",
            params={"b_size": 500},
            timeout=60,
        )
        .json()["items"]
    )
    return next(
        i["token"] for i in itens if i["title"].startswith("Acesso à Informação")
    )


def _percentil(valores: list[float], p: float) -> float:
    if not valores:
        return 0.0
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1)))]


def vazao(url: str, clientes: int, segundos: float) -> dict:
    tipo = _tipo(url)
    tempos: dict[str, list[float]] = {}
    erros: dict[str, int] = {}
    trava = threading.Lock()
    fim = time.monotonic() + segundos

    def medir(nome, funcao):
        inicio = time.monotonic()
        resposta = funcao()
        duracao = time.monotonic() - inicio
        with trava:
            if resposta.status_code >= 400:
                chave = f"{nome} {resposta.status_code}"
                erros[chave] = erros.get(chave, 0) + 1
            tempos.setdefault(nome, []).append(duracao)
        return resposta

    def cliente(numero):
        sessao = _sessao()
        publico = requests.Session()
        n = 0
        while time.monotonic() < fim:
            n += 1
            criado = medir(
                "criar processo",
                lambda: sessao.post(
                    f"{url}/processos",
                    json={
                        "@type": "Processo",
                        "tipo_processo": tipo,
                        "especificacao": f"Vazão {numero}-{n}",  # noqa: B023
                        "nivel_acesso": "publico",
                    },
                    timeout=120,
                ),
            )
            if criado.status_code != 201:
                continue
            endereco = criado.json()["@id"]
            medir(
                "ler processo",
                lambda endereco=endereco: sessao.get(endereco, timeout=60),
            )
            medir(
                "listar (@search)",
                lambda: sessao.get(
                    f"{url}/@search",
                    params={"portal_type": "Processo", "b_size": 20},
                    timeout=60,
                ),
            )
            medir(
                "portal: pesquisa",
                lambda: publico.get(
                    f"{url}/transparencia/pesquisa", params={"q": "merenda"}, timeout=60
                ),
            )

    inicio = time.monotonic()
    threads = [threading.Thread(target=cliente, args=(n,)) for n in range(clientes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duracao = time.monotonic() - inicio
    total = sum(len(v) for v in tempos.values())
    return {
        "duracao": duracao,
        "pedidos_s": total / duracao,
        "criacoes_s": len(tempos.get("criar processo", ())) / duracao,
        "erros": erros,
        "tempos": tempos,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clientes", type=int, default=8)
    parser.add_argument("--segundos", type=float, default=30)
    parser.add_argument("--instancias", default="1,2")
    parser.add_argument("--sem-concorrencia", action="store_true")
    opcoes = parser.parse_args()

    guardar = os.environ.get("SEIMG_BENCH_DADOS")
    pasta = Path(guardar) if guardar else Path(tempfile.mkdtemp(prefix="seimg-bench-"))
    pasta.mkdir(parents=True, exist_ok=True)
    pasta.chmod(0o711)
    servidor = Servidor(pasta / "postgresql", _livre())
    servidor.preparar()
    pg = servidor.iniciar()
    resultados = {}
    try:
        dsn = servidor.criar_banco("seimg")
        for n in [int(x) for x in opcoes.instancias.split(",")]:
            print(f"\n=== {n} instância(s) ===", flush=True)
            cluster = Cluster(pasta / "data", dsn, n)
            try:
                vazao(cluster.url, 2, 5)  # warm-up
                r = vazao(cluster.url, opcoes.clientes, opcoes.segundos)
                resultados[n] = r
                print(
                    f"vazão: {r['pedidos_s']:.1f} pedidos/s, {r['criacoes_s']:.2f} "
                    f"criações/s em {r['duracao']:.0f} s; recusas: {r['erros'] or 0}",
                    flush=True,
                )
                for nome, valores in sorted(r["tempos"].items()):
                    print(
                        f"  {nome:18} n={len(valores):4}"
                        f"  p50 {_percentil(valores, 50):.3f}"
                        f"  p95 {_percentil(valores, 95):.3f}"
                        f"  p99 {_percentil(valores, 99):.3f} s",
                        flush=True,
                    )
                if not opcoes.sem_concorrencia:
                    comando = [
                        sys.executable,
                        str(REPO / "bench" / "bench_concorrencia.py"),
                        "--url",
                        cluster.url,
                    ]
                    for log in cluster.logs():
                        comando += ["--log", log]
                    subprocess.run(comando, check=False)
            finally:
                cluster.parar()
        if 1 in resultados and 2 in resultados:
            razao = resultados[2]["pedidos_s"] / resultados[1]["pedidos_s"]
            print(f"\n2 instâncias / 1 instância: {razao:.2f}× a vazão")
    finally:
        servidor.parar(pg)
        if not guardar:
            shutil.rmtree(pasta, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
