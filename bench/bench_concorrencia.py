"""Benchmark: concurrent creation of processes (and documents) in ONE unit.

C clients (``--clientes``, default 8) start together, each creating K
processes (``--processos``, default 10) over REST as carlos.mendes in
CMVS/PRESIDENCIA/SECRETARIA (the same user and unit for all: the worst case,
every creation writes the same unit's lists and counters); with
``--documentos`` each process also gets an ofício right after it is created.
Printed:

- count and throughput (creations per second, wall clock);
- latency of each request: p50, p95, p99, max (processes and documents
  apart, and all together);
- **ConflictErrors** the server retried, by class and oid of the
  conflicting object, read from the instance's event log (Zope's
  ``Zope.SiteErrorLog`` logs one line per retried conflict; one it gives up
  on answers an error, counted as a failed request);
- **duplicate numbers** (NUPs, números SEI: must be 0) and **gaps** in the
  sequences this run drew from (numbers allocated but not used: a retried or
  failed request's number is lost, never reissued).

Without ``--url`` it serves its own Zope on FileStorage (``servidor.servir``,
the demo site created once; ``SEIMG_BENCH_DADOS=folder`` keeps it for the
next run; ``--threads``: waitress threads, default 4 as ``make start``).
With ``--url`` it drives a server already running — e.g. the cluster's HAProxy,
``--url http://127.0.0.1:8080/seimg`` — and reads the event logs given with
``--log`` (repeatable: one per instance), if any.

Run with ``.venv/bin/python bench/bench_concorrencia.py [--documentos]``
(about 4 minutes the first time, most of it creating the site). Figures are
in docs/operacao.md, "Criação concorrente".
"""

from collections import Counter
from pathlib import Path
from servidor import SENHA_DEMO
from servidor import servir
import argparse
import os
import re
import requests
import statistics
import tempfile
import threading
import time


UNIDADE = "CMVS/PRESIDENCIA/SECRETARIA"
USUARIO = "carlos.mendes"
# Products.SiteErrorLog logs every conflict the publisher retries at INFO;
# one it gives up on goes to the error log (an ERROR with its traceback) and
# the client gets an error (counted among the failed requests).
_CONFLITO = re.compile(r"(\w*ConflictError) at (\S+): (.*) Request will be retried")
_OID = re.compile(r"oid (0x[0-9a-f]+)")
_CLASSE = re.compile(r"class ([\w.]+)")


def _uid(sessao, site, vocabulario, titulo):
    itens = sessao.get(
        f"{site}/@vocabularies/{vocabulario}", params={"b_size": 500}, timeout=60
    )
    itens.raise_for_status()
    return next(
        i["token"] for i in itens.json()["items"] if i["title"].startswith(titulo)
    )


def _sessao(usuario, senha):
    sessao = requests.Session()
    sessao.auth = (usuario, senha)
    sessao.headers.update({"Accept": "application/json", "X-Unidade": UNIDADE})
    adaptador = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1)
    sessao.mount("http://", adaptador)
    return sessao


def percentil(valores, p):
    if not valores:
        return float("nan")
    ordenados = sorted(valores)
    indice = min(len(ordenados) - 1, max(0, round(p / 100 * len(ordenados)) - 1))
    return ordenados[indice]


class Cliente(threading.Thread):
    def __init__(self, n, args, site, uids, largada):
        super().__init__(name=f"cliente-{n}", daemon=True)
        self.n, self.args, self.site, self.uids = n, args, site, uids
        self.largada = largada
        self.sessao = _sessao(args.usuario, args.senha)
        self.tempos = {"processo": [], "documento": []}
        self.numeros = {"processo": [], "documento": []}
        self.erros = []

    def _post(self, tipo, url, corpo):
        inicio = time.monotonic()
        try:
            resposta = self.sessao.post(url, json=corpo, timeout=300)
        except requests.RequestException as erro:
            self.erros.append(f"{tipo}: {erro}")
            return None
        self.tempos[tipo].append(time.monotonic() - inicio)
        if resposta.status_code >= 400:
            self.erros.append(f"{tipo}: {resposta.status_code} {resposta.text[:300]}")
            return None
        return resposta.json()

    def run(self):
        self.largada.wait()
        for k in range(self.args.processos):
            processo = self._post(
                "processo",
                f"{self.site}/processos",
                {
                    "@type": "Processo",
                    "tipo_processo": self.uids["tipo_processo"],
                    "especificacao": f"Concorrência {self.n}.{k}",
                    "nivel_acesso": "publico",
                },
            )
            if processo is None:
                continue
            self.numeros["processo"].append(processo.get("numero"))
            if not self.args.documentos:
                continue
            documento = self._post(
                "documento",
                processo["@id"],
                {
                    "@type": "Documento",
                    "tipo_documento": self.uids["oficio"],
                    "nivel_acesso": "publico",
                },
            )
            if documento is not None:
                self.numeros["documento"].append(documento.get("numero_sei"))


def sequencial(numeros):
    """Each number's sequential part: the digit group that varies most
    (NUPs: 12345.000123/2026-45 → 123; números SEI are their digits)."""
    grupos = [re.findall(r"\d+", n or "") for n in numeros]
    tamanho = {len(g) for g in grupos}
    if len(tamanho) != 1 or not grupos:
        return None
    largura = tamanho.pop()
    melhor = max(range(largura), key=lambda i: len({g[i] for g in grupos}))
    return [int(g[melhor]) for g in grupos]


def lacunas(numeros):
    """(duplicates, gaps) among ``numeros``: numbers issued twice, and
    sequence values between the first and the last that nobody got."""
    duplicados = sum(c - 1 for c in Counter(numeros).values() if c > 1)
    valores = sequencial(numeros)
    if not valores:
        return duplicados, None
    distintos = set(valores)
    return duplicados, (max(distintos) - min(distintos) + 1) - len(distintos)


class Logs:
    """Lines appended to the event logs since :meth:`marcar`."""

    def __init__(self, caminhos):
        self.caminhos = [Path(c) for c in caminhos]
        self.inicio = {}

    def marcar(self):
        self.inicio = {c: c.stat().st_size if c.exists() else 0 for c in self.caminhos}

    def linhas(self):
        for c in self.caminhos:
            if not c.exists():
                continue
            with open(c, "rb") as f:
                f.seek(self.inicio.get(c, 0))
                yield from f.read().decode("utf-8", "replace").splitlines()


def conflitos(logs):
    classes, oids = Counter(), Counter()
    for linha in logs.linhas():
        achado = _CONFLITO.search(linha)
        if achado:
            oid = _OID.search(achado.group(3))
            classe = _CLASSE.search(achado.group(3))
            classe = classe.group(1) if classe else achado.group(1)
            classes[classe] += 1
            oids[(oid.group(1) if oid else "?", classe)] += 1
    return classes, oids


def _linha(rotulo, tempos):
    if not tempos:
        return
    print(
        f"  {rotulo:10} n={len(tempos):4}  p50 {percentil(tempos, 50):6.2f} s  "
        f"p95 {percentil(tempos, 95):6.2f} s  p99 {percentil(tempos, 99):6.2f} s  "
        f"max {max(tempos):6.2f} s  mean {statistics.mean(tempos):5.2f} s"
    )


def medir(args, site, logs):
    preparo = _sessao(args.usuario, args.senha)
    uids = {
        "tipo_processo": _uid(
            preparo, site, "seimg.TiposProcesso", "Acesso à Informação: Pedido"
        ),
        "oficio": _uid(preparo, site, "seimg.TiposDocumentoInterno", "Ofício"),
    }
    # warm-up: one creation, so the first measured ones do not pay for the
    # caches of a fresh process
    pronto = threading.Event()
    pronto.set()
    aquecer = argparse.Namespace(**{**vars(args), "processos": 1})
    Cliente(-1, aquecer, site, uids, pronto).run()
    largada = threading.Event()
    clientes = [Cliente(n, args, site, uids, largada) for n in range(args.clientes)]
    for c in clientes:
        c.start()
    logs.marcar()
    inicio = time.monotonic()
    largada.set()
    for c in clientes:
        c.join()
    duracao = time.monotonic() - inicio
    time.sleep(0.5)  # the log handler flushes per line; let the last arrive
    tempos = {t: [x for c in clientes for x in c.tempos[t]] for t in c.tempos}
    numeros = {t: [x for c in clientes for x in c.numeros[t]] for t in c.numeros}
    erros = [e for c in clientes for e in c.erros]
    total = sum(len(v) for v in numeros.values())
    print(
        f"\n{args.clientes} clients × {args.processos} processes"
        f"{' + 1 document each' if args.documentos else ''}, unit {UNIDADE}"
    )
    print(
        f"  created: {total} ({len(numeros['processo'])} processes, "
        f"{len(numeros['documento'])} documents) in {duracao:.1f} s = "
        f"{total / duracao:.2f} creations/s; failed requests: {len(erros)}"
    )
    for e in erros[:5]:
        print(f"    {e}")
    print("  latency per request:")
    _linha("processo", tempos["processo"])
    _linha("documento", tempos["documento"])
    _linha("all", tempos["processo"] + tempos["documento"])
    for tipo in ("processo", "documento"):
        if not numeros[tipo]:
            continue
        duplicados, buracos = lacunas(numeros[tipo])
        print(
            f"  {tipo} numbers: {len(numeros[tipo])}, duplicates {duplicados}, "
            f"gaps {'?' if buracos is None else buracos}"
        )
    if not logs.caminhos:
        print("  conflicts: no event log given (--log)")
        return
    classes, oids = conflitos(logs)
    retentados = sum(classes.values())
    print(
        f"  ConflictErrors retried: {retentados} "
        f"({retentados / max(1, total):.2f} per creation)"
    )
    for classe, n in classes.most_common(10):
        print(f"    {n:5}  {classe}")
    if args.oids:
        print("  hottest objects:")
        for (oid, classe), n in oids.most_common(args.oids):
            print(f"    {n:5}  {oid} {classe}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clientes", type=int, default=8)
    parser.add_argument("--processos", type=int, default=10, help="per client")
    parser.add_argument("--documentos", action="store_true")
    parser.add_argument("--url", help="the site's URL on a running server")
    parser.add_argument("--log", action="append", default=[], help="event.log")
    parser.add_argument("--usuario", default=USUARIO)
    parser.add_argument("--senha", default=SENHA_DEMO)
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads (make start: 4)"
    )
    parser.add_argument("--oids", type=int, default=8, help="hottest objects shown")
    args = parser.parse_args()
    if args.url:
        medir(args, args.url.rstrip("/"), Logs(args.log))
        return
    dados = os.environ.get("SEIMG_BENCH_DADOS")
    raiz = Path(dados) if dados else Path(tempfile.mkdtemp(prefix="seimg-bench-"))
    with servir(raiz / "com-seimg", threads=args.threads) as s:
        log = raiz / "com-seimg" / "instance" / "var" / "log" / "event.log"
        medir(args, f"{s.raiz}/seimg", Logs([log, *args.log]))


if __name__ == "__main__":
    main()
