"""Benchmark: seimg's cost per write against vanilla Plone doing the same writes.

Two real Zopes run side by side (see ``servidor.py``), FileStorage, waitress:

- **S**, with seimg: the seimg demo site and a vanilla Plone site created
  beside it through ``POST /@sites`` on the Zope root;
- **V**, the same Zope without seimg (the package hidden from it), with a
  vanilla site made the same way.

A *seimg case* is a clerk's minimum (4 REST calls, as carlos.mendes in
CMVS/SECRETARIA): iniciar processo, add an ofício of about 200 words, assinar,
enviar to the Protocolo. A *vanilla case* is the same shape in Plone's terms
(4 REST calls, as a Site Administrator of the vanilla site): add a folder, add
a page with the same text, publish both.

Rounds alternate (seimg on S, vanilla on S, vanilla on V), 3 rounds of
``SEIMG_BENCH_CASOS`` (40) cases after a warm-up round. The cost of a round
is the server's **CPU time** (user + system, all threads; ``/proc/<pid>/stat``)
from before its first request until it is quiet again (after-commit hooks and
background work included), not request latency. Printed:

- seimg case / vanilla case in the same Zope (target ≤ 1.3×);
- vanilla case in S / vanilla case in V (target ≤ 1.03×: seimg must not slow
  other sites);
- each step's share of the seimg case (the CPU read right after each
  response).

``--perfil`` also samples S with py-spy during the seimg rounds and prints the
functions with the largest inclusive share (seimg's own and the top overall).
``--so-vanilla`` runs the vanilla rounds only: S with seimg loaded but its
site idle against V, which separates seimg's code in vanilla's path from the
cost of sharing a process (ZODB cache, garbage collector) with a busy site.

Seen here (2 CPUs, 5 rounds): seimg 124.9 ms, vanilla in S 100.1 ms,
vanilla in V 93.9 ms per case: **1.25×**, and vanilla S / V 1.07× (rounds
1.00–1.11×). With ``--so-vanilla`` (4 rounds): S / V **1.00×**; seimg's own
functions are 0.2% of vanilla's profile in S (the CMFUid generator's "is this
a seimg site?"). Before issue 16: 1.85× and 1.18×.

Run with ``.venv/bin/python bench/bench_write_mix.py`` (about 8 minutes, most
of it creating the sites; ``SEIMG_BENCH_DADOS=folder`` keeps them for the next
run).
"""

from collections import Counter
from pathlib import Path
from servidor import criar_site_vanilla
from servidor import SENHA_ADMIN
from servidor import SENHA_DEMO
from servidor import servir
import itertools
import os
import requests
import signal
import statistics
import subprocess
import sys
import tempfile
import time


CASOS = int(os.environ.get("SEIMG_BENCH_CASOS", "40"))
RODADAS = int(os.environ.get("SEIMG_BENCH_RODADAS", "3"))
A = "CMVS/PRESIDENCIA/SECRETARIA"
B = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
EDITOR = ("editor.bench", "Editor@bench-2026")
FRASE = (
    "Solicitamos a Vossa Senhoria informações sobre a execução do contrato de "
    "fornecimento de merenda escolar, em especial quanto às entregas realizadas, "
    "aos cardápios aplicados e aos pagamentos efetuados no período indicado."
)
PALAVRAS = FRASE.split()
TEXTO = "".join(
    f"<p>{' '.join(itertools.islice(itertools.cycle(PALAVRAS), i, i + 40))}</p>"
    for i in range(5)
)  # 200 words


class Cliente:
    def __init__(self, base: str, auth, cabecalhos=None):
        self.sessao = requests.Session()
        self.sessao.auth = auth
        self.sessao.headers.update({"Accept": "application/json", **(cabecalhos or {})})
        self.base = base

    def post(self, caminho: str, json=None) -> dict:
        url = caminho if caminho.startswith("http") else f"{self.base}/{caminho}"
        resposta = self.sessao.post(url, json=json, timeout=120)
        if resposta.status_code >= 400:
            raise SystemExit(f"POST {url}: {resposta.status_code} {resposta.text}")
        return resposta.json() if resposta.content else {}

    def get(self, caminho: str, **params) -> dict:
        resposta = self.sessao.get(f"{self.base}/{caminho}", params=params, timeout=60)
        resposta.raise_for_status()
        return resposta.json()


def preparar_vanilla(raiz: str) -> Cliente:
    site = criar_site_vanilla(raiz)
    admin = Cliente(site, ("admin", SENHA_ADMIN))
    usuarios = admin.sessao.get(f"{site}/@users/{EDITOR[0]}", timeout=60)
    if usuarios.status_code == 404:
        admin.post(
            "@users",
            {
                "username": EDITOR[0],
                "email": "editor@example.org",
                "password": EDITOR[1],
                "roles": ["Site Administrator"],
            },
        )
    return Cliente(site, EDITOR)


def caso_vanilla(c: Cliente, n: int, marcar) -> None:
    pasta = c.post("", {"@type": "Folder", "title": f"Pasta {n}"})["@id"]
    marcar("pasta")
    pagina = c.post(
        pasta,
        {
            "@type": "Document",
            "title": f"Página {n}",
            "text": {"data": TEXTO, "content-type": "text/html"},
        },
    )["@id"]
    marcar("página")
    c.post(f"{pasta}/@workflow/publish")
    marcar("publicar pasta")
    c.post(f"{pagina}/@workflow/publish")
    marcar("publicar página")


def preparar_seimg(raiz: str) -> tuple[Cliente, dict]:
    c = Cliente(f"{raiz}/seimg", ("carlos.mendes", SENHA_DEMO), {"X-Unidade": A})

    def uid(vocabulario, titulo):
        itens = c.get(f"@vocabularies/{vocabulario}", b_size=500)["items"]
        return next(i["token"] for i in itens if i["title"].startswith(titulo))

    return c, {
        "tipo_processo": uid("seimg.TiposProcesso", "Acesso à Informação: Pedido"),
        "oficio": uid("seimg.TiposDocumentoInterno", "Ofício"),
    }


def caso_seimg(c: Cliente, n: int, marcar, uids: dict) -> None:
    processo = c.post(
        "processos",
        {
            "@type": "Processo",
            "tipo_processo": uids["tipo_processo"],
            "especificacao": f"Pedido de informação {n}",
            "nivel_acesso": "publico",
        },
    )["@id"]
    marcar("iniciar processo")
    documento = c.post(
        processo,
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
            "texto": {"data": TEXTO, "content-type": "text/html"},
        },
    )["@id"]
    marcar("incluir ofício")
    c.post(f"{documento}/@assinar", {"senha": SENHA_DEMO, "cargo": "Secretário-Geral"})
    marcar("assinar")
    c.post(
        f"{processo}/@enviar",
        {"destinos": [B], "notificar": False, "manter_aberto": False},
    )
    marcar("enviar")


def rodada(servidor, caso, inicio: int, passos: Counter | None) -> float:
    """CPU seconds per case of ``CASOS`` cases, until the server is quiet."""
    antes = servidor.cpu_ate_quieto()
    ultimo = [servidor.cpu()]

    def marcar(passo):
        if passos is not None:
            agora = servidor.cpu()
            passos[passo] += agora - ultimo[0]
            ultimo[0] = agora

    for n in range(inicio, inicio + CASOS):
        ultimo[0] = servidor.cpu()
        caso(n, marcar)
    return (servidor.cpu_ate_quieto() - antes) / CASOS


def perfil(pid: int, destino: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            *("record", "--pid", str(pid), "--format", "raw", "--rate", "200"),
            *("--output", str(destino), "--nonblocking"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def parar(spy: subprocess.Popen | None) -> None:
    if spy is not None:
        spy.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
        spy.wait(timeout=120)


def resumo_perfil(arquivo: Path, quantos: int = 25) -> None:
    inclusivo, proprio, total = Counter(), Counter(), 0
    for linha in arquivo.read_text().splitlines():
        pilha, _, n = linha.rpartition(" ")
        if not pilha or not n.isdigit():
            continue
        quadros = pilha.split(";")
        # only request threads: waitress idling and py-spy's own are noise
        if not any("publish" in q for q in quadros):
            continue
        n = int(n)
        total += n
        for quadro in set(quadros):
            inclusivo[quadro] += n
        proprio[quadros[-1]] += n
    if not total:
        print("  (perfil vazio)")
        return
    print(f"  profile: {total} samples in request threads")
    print("  seimg's functions, inclusive share:")
    for quadro, n in [(q, n) for q, n in inclusivo.most_common() if "seimg/" in q][
        :quantos
    ]:
        print(f"    {100 * n / total:5.1f}%  {quadro}")
    print("  top self time:")
    for quadro, n in proprio.most_common(15):
        print(f"    {100 * n / total:5.1f}%  {quadro}")


def main() -> None:
    com_perfil = "--perfil" in sys.argv
    # diagnosis: the vanilla rounds only (is S slower with an idle seimg site?)
    so_vanilla = "--so-vanilla" in sys.argv
    dados = os.environ.get("SEIMG_BENCH_DADOS")
    raiz = Path(dados) if dados else Path(tempfile.mkdtemp(prefix="seimg-bench-"))
    started = time.monotonic()
    with servir(raiz / "com-seimg") as s, servir(raiz / "sem-seimg", seimg=False) as v:
        vanilla_s = preparar_vanilla(s.raiz)
        vanilla_v = preparar_vanilla(v.raiz)
        cliente, uids = preparar_seimg(s.raiz)
        print(f"sites ready in {time.monotonic() - started:.0f} s", flush=True)

        def seimg_caso(n, marcar):
            caso_seimg(cliente, n, marcar, uids)

        def vs_caso(n, marcar):
            caso_vanilla(vanilla_s, n, marcar)

        def vv_caso(n, marcar):
            caso_vanilla(vanilla_v, n, marcar)

        base = int(time.time())  # distinct titles on reused data
        for caso in (
            (vs_caso, vv_caso) if so_vanilla else (seimg_caso, vs_caso, vv_caso)
        ):
            # warm-up
            rodada(s if caso is not vv_caso else v, caso, base, None)
        custos = {"seimg": [], "vanilla_s": [], "vanilla_v": []}
        passos = Counter()
        passos_vanilla = Counter()
        amostras = raiz / "perfil.txt"
        amostras_vs = raiz / "perfil-vanilla.txt"
        for r in range(1, RODADAS + 1):
            inicio = base + r * CASOS
            spy = perfil(s.pid, amostras) if com_perfil and r == 1 else None
            if not so_vanilla:
                custos["seimg"].append(rodada(s, seimg_caso, inicio, passos))
            parar(spy)
            spy = perfil(s.pid, amostras_vs) if com_perfil and r == 1 else None
            custos["vanilla_s"].append(rodada(s, vs_caso, inicio, passos_vanilla))
            parar(spy)
            custos["vanilla_v"].append(rodada(v, vv_caso, inicio, None))
            if so_vanilla:
                custos["seimg"].append(float("nan"))
            print(
                f"round {r}: seimg {1000 * custos['seimg'][-1]:.1f} ms/case, "
                f"vanilla (S) {1000 * custos['vanilla_s'][-1]:.1f}, "
                f"vanilla (V) {1000 * custos['vanilla_v'][-1]:.1f}",
                flush=True,
            )
    seimg = statistics.mean(custos["seimg"])
    vs = statistics.mean(custos["vanilla_s"])
    vv = statistics.mean(custos["vanilla_v"])
    print(f"\nCPU per case until quiet, {RODADAS} rounds of {CASOS} cases:")
    print(f"  seimg case:            {1000 * seimg:7.1f} ms")
    print(f"  vanilla case (S):      {1000 * vs:7.1f} ms")
    print(f"  vanilla case (V):      {1000 * vv:7.1f} ms")
    print(f"  seimg / vanilla (S):   {seimg / vs:7.2f}×   (target ≤ 1.3×)")
    print(f"  vanilla S / V:         {vs / vv:7.2f}×   (target ≤ 1.03×)")
    for rotulo, contagem in (("seimg", passos), ("vanilla (S)", passos_vanilla)):
        soma = sum(contagem.values())
        if not soma:
            continue
        print(f"  {rotulo} case by step (CPU read after each response):")
        for passo, custo in contagem.items():
            ms = 1000 * custo / (RODADAS * CASOS)
            print(f"    {passo:18} {100 * custo / soma:5.1f}%  {ms:6.1f} ms")
    if com_perfil and amostras.exists():
        print("\nseimg rounds (S):")
        resumo_perfil(amostras)
    if com_perfil and amostras_vs.exists():
        print("\nvanilla rounds in S (seimg's functions should be absent):")
        resumo_perfil(amostras_vs)


if __name__ == "__main__":
    main()
