"""Benchmark: the Controle de Processos' default page as the installation grows.

The *answer* stays constant: the measured unit (the Protocolo) always holds
``NA_UNIDADE`` open received processes; every other process stays open in
the Secretaria. For each installation size it counts the ZODB objects
loaded by one default page (``controle.listar``, 50 rows, newest first),
from a cold cache (``cacheMinimize`` before each request; the count is
deterministic: the objects the request touches), and times ≥ 300 requests
with a warm cache (p50/p95). It prints the ratios largest/smallest.

    .venv/bin/python bench/bench_controle.py [SIZE ...]   # default 500 2500

Processes are created in-process through the domain API (criar_processo,
acoes.enviar), one transaction per 200; this takes ~0.1–0.3 s a process
here, which is why the defaults are small (see the report of issue 16:
the FileStorage seeder for 10k/100k is not written yet).
"""

from camadas import portal_de
from plone.app.testing import login
from seimg.testing import SEIMG_FIXTURE
import statistics
import sys
import time
import transaction


NA_UNIDADE = 300
REQUISICOES = 300
LOTE = 200


def semear(portal, tipo, de: int, ate: int) -> None:
    from seimg.processos.api import criar_processo
    from seimg.tramitacao import acoes

    orgao = portal["orgaos"]["cmvs"]
    secretaria, protocolo = orgao["secretaria"], orgao["protocolo"]
    login(portal, "carlos.mendes")
    for i in range(de, ate):
        processo = criar_processo(
            tipo_processo=tipo,
            especificacao=f"Pedido {i:06d}",
            unidade=secretaria,
        )
        if i < NA_UNIDADE:
            from seimg.organizacao.atual import agindo_por

            with agindo_por(secretaria):
                acoes.enviar(processo, [protocolo], notificar=False)
        if i % LOTE == LOTE - 1:
            transaction.commit()
    transaction.commit()


def medir(portal) -> dict:
    from seimg.controle import api as controle
    from seimg.organizacao.atual import agindo_por

    protocolo = portal["orgaos"]["cmvs"]["protocolo"]
    login(portal, "beatriz.lima")
    conn = portal._p_jar
    with agindo_por(protocolo):
        assert controle.recebidos(protocolo).total == NA_UNIDADE
        for _ in range(20):
            controle.recebidos(protocolo)
        cargas = []
        for _ in range(20):
            transaction.abort()
            conn.cacheMinimize()
            conn._load_count = 0
            controle.recebidos(protocolo)
            cargas.append(conn._load_count)
        for _ in range(20):  # warm again
            controle.recebidos(protocolo)
        tempos = []
        for _ in range(REQUISICOES):
            inicio = time.perf_counter()
            controle.recebidos(protocolo)
            tempos.append(time.perf_counter() - inicio)
    tempos.sort()
    return {
        "cargas": statistics.median(cargas),
        "p50": tempos[len(tempos) // 2] * 1000,
        "p95": tempos[int(len(tempos) * 0.95)] * 1000,
    }


def main(tamanhos: list[int]) -> None:
    from plone import api
    from seimg.demo import create_organizacao
    from seimg.tabelas import por_titulo

    resultados = {}
    with portal_de(SEIMG_FIXTURE) as portal:
        with api.env.adopt_roles(["Manager"]):
            create_organizacao()
        tipo = por_titulo("TipoProcesso", "Acesso à Informação: Pedido (LAI)").UID()
        feito = 0
        for tamanho in tamanhos:
            inicio = time.perf_counter()
            semear(portal, tipo, feito, tamanho)
            print(
                f"seeded {tamanho - feito} processes in "
                f"{time.perf_counter() - inicio:.0f} s",
                flush=True,
            )
            feito = tamanho
            resultados[tamanho] = medir(portal)
            r = resultados[tamanho]
            print(
                f"{tamanho:>7,} processes: {r['cargas']:.0f} loads/request (cold), "
                f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms",
                flush=True,
            )
    menor, maior = resultados[tamanhos[0]], resultados[tamanhos[-1]]
    print(f"Controle de Processos, default page, {tamanhos[-1]:,} / {tamanhos[0]:,}:")
    for chave in ("cargas", "p50", "p95"):
        print(f"  {chave}: {maior[chave] / menor[chave]:.2f}×")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2500])
