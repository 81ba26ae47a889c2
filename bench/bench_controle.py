"""Benchmark: the Controle de Processos' default page as the installation grows.

The *answer* stays constant: the measured unit (the CMVS Protocolo) holds
the same number of open received processes (1,000) in every seed; the other
processes are open in other units of CMVS and PMVS (see ``bench/semear.py``).
For each seeded size it measures one default page (``recebidos``, 50 rows,
newest first) as ``beatriz.lima`` acting for the Protocolo:

- **loads/request**: ZODB objects loaded by one request from a cold cache
  (``cacheMinimize`` first; deterministic: the objects the request
  touches), through the API (``seimg.controle.api.recebidos``) and through
  the REST service (``GET @controle-processos``, ``reply()`` serialised to
  JSON, without the HTTP publisher);
- **p50/p95**: ≥ 300 requests with a warm cache (ZODB cache of
  :data:`CACHE` objects), each in a new request, after a warm-up.

It prints the ratios of every size to the smallest (1k): loads should not
grow with the installation (the per-unit index, ``seimg.controle.indice``,
whose keys lead to the processes themselves; before that, each row's catalog
and folder look-ups read a bucket of their own once the installation was
large: 1k → 25k, 503 → 623 loads).

    .venv/bin/python bench/semear.py 1k 10k 100k     # once (see semear.py)
    .venv/bin/python bench/bench_controle.py [SIZE ...]
    # default: 1k 10k 100k and any other seed in bench/dados

Seeds are read-only under a ``DemoStorage``: measuring never changes them.
Sizes without a seed are named and skipped.
"""

from pathlib import Path
import json
import statistics
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from camadas import abrir_semente
from camadas import configurado
from camadas import pasta_semente
from camadas import portal_em
from camadas import rotulo
from camadas import tamanho_de


TAMANHOS = ("1k", "10k", "100k")
USUARIO = "beatriz.lima"
REQUISICOES = 300
AQUECIMENTO = 30
FRIAS = 10
CACHE = 400_000


def _requisicao(db, funcao, unidade: tuple, conexao=None):
    """``funcao(portal, unit)`` in a new request of ``USUARIO`` acting for
    the measured unit; returns what it returns (nothing is committed)."""
    from plone.app.testing import login
    from seimg.organizacao.atual import agindo_por
    import transaction

    with portal_em(db, connection=conexao) as portal:
        try:
            login(portal, USUARIO)
            medida = portal["orgaos"][unidade[0]][unidade[1]]
            with agindo_por(medida):
                return funcao(portal, medida)
        finally:
            transaction.abort()


def _api(portal, protocolo):
    from seimg.controle import api as controle

    return controle.recebidos(protocolo)


def _rest(portal, protocolo):
    from seimg.controle.rest import ControleProcessosGet

    servico = ControleProcessosGet()  # plone.rest's ZCML makes the real class
    servico.context, servico.request = portal, portal.REQUEST
    return json.dumps(servico.reply())


def _versoes(portal, _unidade):
    """(the seed's seimg:default profile version, the code's)."""
    setup = portal.portal_setup
    return (
        ".".join(setup.getLastVersionForProfile("seimg:default")),
        setup.getVersionForProfile("seimg:default"),
    )


def _atualizar(db) -> None:
    """Run the pending upgrade steps in the DemoStorage (never the seed)."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.testing import zope
    import transaction

    with portal_em(db) as portal:
        zope.login(portal.getPhysicalRoot().acl_users, SITE_OWNER_NAME)
        portal.portal_setup.upgradeProfile("seimg:default")
        transaction.commit()


def _cargas(db, funcao, unidade: tuple) -> list[int]:
    """Objects loaded by one request from a cold cache, ``FRIAS`` times."""
    cargas = []
    for _ in range(FRIAS):
        conexao = db.open()
        try:
            conexao.cacheMinimize()
            conexao.getTransferCounts(clear=True)
            _requisicao(db, funcao, unidade, conexao)
            cargas.append(conexao.getTransferCounts(clear=True)[0])
        finally:
            conexao.close()
    return cargas


def _tempos(db, funcao, unidade: tuple) -> list[float]:
    for _ in range(AQUECIMENTO):
        _requisicao(db, funcao, unidade)
    tempos = []
    for _ in range(REQUISICOES):
        inicio = time.perf_counter()
        _requisicao(db, funcao, unidade)
        tempos.append(time.perf_counter() - inicio)
    tempos.sort()
    return tempos


def _percentil(tempos: list[float], p: float) -> float:
    return tempos[min(len(tempos) - 1, int(len(tempos) * p))] * 1000


def medir(pasta: Path, info: dict) -> dict:
    db = abrir_semente(pasta, cache_size=CACHE)
    unidade = tuple(info.get("unidade", "cmvs/protocolo").split("/"))
    try:
        semente, codigo = _requisicao(db, _versoes, unidade)
        if semente != codigo:
            print(
                f"  note: {pasta.name} was seeded at profile {semente}, the code "
                f"is at {codigo}: its upgrade steps run on the in-memory copy "
                "(seed again to compare like with like)",
                flush=True,
            )
            _atualizar(db)
        pagina = _requisicao(db, _api, unidade)
        esperado = info.get("na_unidade")
        assert pagina.total == esperado, (pagina.total, esperado)
        assert len(pagina.linhas) == min(50, esperado)
        resultado = {"total": pagina.total, "linhas": len(pagina.linhas)}
        for nome, funcao in (("api", _api), ("rest", _rest)):
            cargas = _cargas(db, funcao, unidade)
            tempos = _tempos(db, funcao, unidade)
            resultado[nome] = {
                "cargas": statistics.median(cargas),
                "cargas_min_max": (min(cargas), max(cargas)),
                "p50": _percentil(tempos, 0.50),
                "p95": _percentil(tempos, 0.95),
                "n": len(tempos),
            }
    finally:
        db.close()
    return resultado


def _sementes(dados: Path) -> list[str]:
    """Sizes of the complete-looking seed folders in ``dados``."""
    return [
        p.name.removeprefix("semente-")
        for p in dados.glob("semente-*")
        if "." not in p.name and (p / "semente.json").exists()
    ]


def main(argv: list[str]) -> None:
    from seimg.testing import SEIMG_FIXTURE
    from semear import ler_info

    pedidos = argv or TAMANHOS
    if not argv:  # and every other seed there is (e.g. 25k)
        from camadas import DADOS

        pedidos = [*pedidos, *_sementes(DADOS)]
    tamanhos = sorted({tamanho_de(t) for t in pedidos})
    presentes, faltam = [], []
    for tamanho in tamanhos:
        pasta = pasta_semente(tamanho)
        info = ler_info(pasta)
        if info is None or info.get("feitos", 0) < tamanho:
            faltam.append(tamanho)
        else:
            presentes.append((tamanho, pasta, info))
    for tamanho in faltam:
        print(
            f"no complete seed of {rotulo(tamanho)} processes "
            f"(.venv/bin/python bench/semear.py {rotulo(tamanho)}): skipped",
            flush=True,
        )
    if not presentes:
        return
    resultados = {}
    print(
        f"Controle de Processos, default page (recebidos, 50 rows) of the "
        f"Protocolo; ZODB cache {CACHE:,} objects; {REQUISICOES} timed "
        f"requests after {AQUECIMENTO} warm-up ones",
        flush=True,
    )
    with configurado(SEIMG_FIXTURE):
        for tamanho, pasta, info in presentes:
            r = resultados[tamanho] = medir(pasta, info)
            print(
                f"{tamanho:>8,} processes (seeded in "
                f"{info.get('segundos', 0) / 60:.1f} min), unit holds "
                f"{r['total']:,}:",
                flush=True,
            )
            for nome in ("api", "rest"):
                m = r[nome]
                menor_c, maior_c = m["cargas_min_max"]
                aviso = f" (median; {menor_c}–{maior_c})" if menor_c != maior_c else ""
                print(
                    f"    {nome:>4}: {m['cargas']:.0f} loads/request (cold)"
                    f"{aviso}, p50 {m['p50']:.1f} ms, p95 {m['p95']:.1f} ms "
                    f"(n={m['n']})",
                    flush=True,
                )
    if len(resultados) < 2:
        return
    menor = min(resultados)
    for tamanho in sorted(resultados)[1:]:
        print(
            f"Controle de Processos, default page, "
            f"{rotulo(tamanho)} / {rotulo(menor)} processes:"
        )
        for nome in ("api", "rest"):
            a, b = resultados[tamanho][nome], resultados[menor][nome]
            print(
                f"  {nome:>4}: loads {a['cargas'] / b['cargas']:.2f}× "
                f"(target ≤ 1.20×), p50 {a['p50'] / b['p50']:.2f}×, "
                f"p95 {a['p95'] / b['p95']:.2f}×"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
