"""Benchmark: the Portal de transparência (issue 19) as the installation
grows — the public search and the public process page, as anonymous.

**What is added.** Every seed (``bench/semear.py``: público processes of
CMVS and PMVS) gets, in its in-memory ``DemoStorage``, the same set of
processes at every level of the disclosure table, so the anonymous filtering
has work to do and the *answer* stays constant:

- :data:`PALAVRA` in the especificação of :data:`NA_CMVS` público processes
  of the CMVS Protocolo (by ``beatriz.lima``), each with a público ofício
  holding the word (signed in even processes, a minuta in odd ones — minutas
  are never public), and of :data:`NA_PMVS` público processes of PMVS
  (by the seeding user, no documents);
- :data:`RESERVADA` in a mix where most matches are hidden from visitors
  (:data:`MISTURA`): público (P) and restrito-by-contamination (Rc: a signed
  restrito ofício, "Documento Preparatório") processes whose especificação
  visitors read; restrito processes (Ro, "Documento Preparatório": the
  especificação hidden) found by their signed público ofício; and Rp
  ("Informação Pessoal") and sigiloso processes (S, "Investigação de
  Responsabilidade de Servidor") holding the word in their especificação and
  ofícios, which visitors never find.

**Measured** (each in a new request, as an anonymous visitor):

- the public search, ``seimg.transparencia.api.ler_criterios(form,
  orgao_)`` + ``pesquisar(criterios)``, for each query of :func:`consultas`
  (a word over the installation — 30 processes, a page of 20 —, the word on
  the CMVS page, the word with an órgão in the form, the mostly-hidden word,
  a NUP punctuated and digits only);
- the public process page's data, ``processo_por_numero(nup)`` +
  ``ficha_processo(processo)``, for a P and an Rc process of the set;

as **loads** (ZODB objects loaded from a cold cache, ``cacheMinimize``
first, median of :data:`FRIAS`) and **p50/p95** (:data:`REQUISICOES` runs
with a warm cache after :data:`AQUECIMENTO`). The ratio of every size to the
smallest is printed (issue 19: loads at 100k ≤ 1.2× those at 1k).

Seen here (2 CPUs, seeds 1k–100k): loads 351 → 387 for the word (30
processes), 349 → 377 for the mixed-levels word, 126 → 135 for a NUP, 79 →
84 for a process page: 1.06–1.12× at 100k, the growth being BTree interior
nodes only; p50 about 30 ms for a word, 3 ms for a NUP or a process page,
flat with size.

Seeds older than the code are upgraded in memory first (step 1019 builds the
search index), as ``bench_pesquisa.py`` does.

    .venv/bin/python bench/semear.py 1k 10k 25k 100k      # once
    .venv/bin/python bench/bench_transparencia.py [SIZE ...]
    # default: 1k 10k 100k and any other seed in bench/dados

Seeds are read-only under a ``DemoStorage``: measuring never changes them.
"""

from pathlib import Path
import os
import statistics
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pesquisa import _atualizar
from bench_pesquisa import _indice_pronto
from bench_pesquisa import _percentil
from bench_pesquisa import _sementes
from bench_pesquisa import _versoes
from camadas import abrir_semente
from camadas import configurado
from camadas import pasta_semente
from camadas import portal_em
from camadas import rotulo
from camadas import tamanho_de


TAMANHOS = ("1k", "10k", "100k")
USUARIO = "beatriz.lima"
CARGO = "Técnica Legislativa"
UNIDADE = ("cmvs", "protocolo")
SEMEADOR = "bench.semeador"  # perfil básico in every unit of CMVS and PMVS
UNIDADE_PMVS = "semad"  # any PMVS unit the seeding user holds (first if absent)
TIPO = "Acesso à Informação: Pedido (LAI)"
TIPO_SIGILOSO = "Pessoal: Processo Disciplinar"
HIPOTESE_RESTRITA = "Documento Preparatório"
HIPOTESE_PESSOAL = "Informação Pessoal"
HIPOTESE_SIGILOSA = "Investigação de Responsabilidade de Servidor"
PALAVRA = "bloquetes"
RESERVADA = "hidrômetros"
NA_CMVS = 20
NA_PMVS = 10
#: RESERVADA's processes by level: (level, how many, visible to visitors).
MISTURA = (("P", 5, True), ("Rc", 5, True), ("Ro", 10, True), ("Rp", 15, False))
SIGILOSOS = 15
VISIVEIS_RESERVADA = sum(n for _nivel, n, visivel in MISTURA if visivel)
REQUISICOES = int(os.environ.get("SEIMG_BENCH_REQUISICOES", "100"))
AQUECIMENTO = 20
FRIAS = 5
CACHE = 400_000


def _senha() -> str:
    from seimg.demo import demo_password

    return demo_password()


# --- the set every seed gets -------------------------------------------------
def _texto(palavra: str, i: int) -> str:
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(
        f"<p>Solicitamos a instalação de {palavra} na Rua {i + 1} e o "
        "envio do cronograma da obra.</p>",
        "text/html",
        "text/x-html-safe",
    )


def _acrescentar(db) -> dict:
    """The set (committed in the DemoStorage); returns what the queries and
    the process pages need (NUPs)."""
    from plone.app.testing import login
    from seimg.assinatura import api as assinatura
    from seimg.organizacao.atual import agindo_por
    from seimg.processos.api import criar_documento
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo
    import transaction

    dados = {}
    with portal_em(db) as portal:
        tipo = por_titulo("TipoProcesso", TIPO).UID()
        tipo_sigiloso = por_titulo("TipoProcesso", TIPO_SIGILOSO).UID()
        oficio = por_titulo("TipoDocumento", "Ofício").UID()
        restrita = por_titulo("HipoteseLegal", HIPOTESE_RESTRITA).UID()
        pessoal = por_titulo("HipoteseLegal", HIPOTESE_PESSOAL).UID()
        sigilosa = por_titulo("HipoteseLegal", HIPOTESE_SIGILOSA).UID()

        def processo(palavra, i, nivel="publico", **campos):
            return criar_processo(
                tipo_processo=campos.pop("tipo", tipo),
                especificacao=f"Instalação de {palavra} na Rua {i + 1}",
                nivel_acesso=nivel,
                unidade=unidade,
                **campos,
            )

        def documento(proc, palavra, i, nivel="publico", assinar=True, **campos):
            doc = criar_documento(
                proc,
                tipo_documento=oficio,
                nivel_acesso=nivel,
                texto=_texto(palavra, i),
                **campos,
            )
            if assinar:
                assinatura.assinar(doc, _senha(), CARGO)
            return doc

        # PMVS: the seeding user, especificação only.
        login(portal, SEMEADOR)
        pmvs = portal["orgaos"]["pmvs"]
        unidade = (
            pmvs.get(UNIDADE_PMVS)
            or sorted(
                (u for u in pmvs.objectValues() if u.portal_type == "Unidade"),
                key=lambda u: u.getId(),
            )[0]
        )
        with agindo_por(unidade):
            for i in range(NA_PMVS):
                processo(PALAVRA, i)
        transaction.commit()

        login(portal, USUARIO)
        unidade = portal["orgaos"][UNIDADE[0]][UNIDADE[1]]
        with agindo_por(unidade):
            for i in range(NA_CMVS):
                p = processo(PALAVRA, i)
                documento(p, PALAVRA, i, assinar=i % 2 == 0)
                if i == 6:
                    dados["nup"] = p.numero
            i = 0
            for nivel, quantos, _visivel in MISTURA:
                for _ in range(quantos):
                    i += 1
                    if nivel in ("P", "Rc"):
                        p = processo(RESERVADA, i)
                        documento(p, RESERVADA, i)
                        if nivel == "Rc":
                            documento(
                                p,
                                RESERVADA,
                                i,
                                nivel="restrito",
                                hipotese_legal=restrita,
                            )
                    else:
                        hipotese = restrita if nivel == "Ro" else pessoal
                        p = processo(
                            RESERVADA, i, nivel="restrito", hipotese_legal=hipotese
                        )
                        documento(p, RESERVADA, i)
                    dados.setdefault(f"nup_{nivel}", p.numero)
            for _ in range(SIGILOSOS):
                i += 1
                p = processo(
                    RESERVADA,
                    i,
                    nivel="sigiloso",
                    tipo=tipo_sigiloso,
                    hipotese_legal=sigilosa,
                )
                documento(p, RESERVADA, i, nivel="sigiloso", hipotese_legal=sigilosa)
        transaction.commit()
    return dados


def consultas(dados: dict) -> dict:
    """name → (form, órgão id for the órgão's page or None, expected total)."""
    nup = dados["nup"]
    return {
        "palavra": ({"q": PALAVRA}, None, NA_CMVS + NA_PMVS),
        "palavra, pág. CMVS": ({"q": PALAVRA}, "cmvs", NA_CMVS),
        "palavra + órgão": ({"q": PALAVRA, "orgao": "PMVS"}, None, NA_PMVS),
        "reservada": ({"q": RESERVADA}, None, VISIVEIS_RESERVADA),
        "NUP": ({"q": nup}, None, 1),
        "NUP, dígitos": ({"q": "".join(c for c in nup if c.isdigit())}, None, 1),
    }


def fichas(dados: dict) -> dict:
    """name → NUP of a process whose public page is measured."""
    return {"ficha P": dados["nup"], "ficha Rc": dados["nup_Rc"]}


# --- requests ------------------------------------------------------------------
def _requisicao(db, funcao, conexao=None):
    """``funcao(portal)`` in a new request of an anonymous visitor (nothing
    is committed)."""
    from seimg.transparencia.api import como_anonimo
    import transaction

    with portal_em(db, connection=conexao) as portal:
        try:
            with como_anonimo():
                return funcao(portal)
        finally:
            transaction.abort()


def _busca(form, orgao_id):
    def consultar(portal):
        from seimg.transparencia import api

        orgao_ = api.orgao(orgao_id) if orgao_id else None
        return api.pesquisar(api.ler_criterios(form, orgao_))

    return consultar


def _ficha(nup):
    def abrir(portal):
        from seimg.transparencia import api

        return api.ficha_processo(api.processo_por_numero(nup))

    return abrir


def _cargas(db, funcao) -> list[int]:
    cargas = []
    for _ in range(FRIAS):
        conexao = db.open()
        try:
            conexao.cacheMinimize()
            conexao.getTransferCounts(clear=True)
            _requisicao(db, funcao, conexao)
            cargas.append(conexao.getTransferCounts(clear=True)[0])
        finally:
            conexao.close()
    return cargas


def _tempos(db, funcao) -> list[float]:
    for _ in range(AQUECIMENTO):
        _requisicao(db, funcao)
    tempos = []
    for _ in range(REQUISICOES):
        inicio = time.perf_counter()
        _requisicao(db, funcao)
        tempos.append(time.perf_counter() - inicio)
    tempos.sort()
    return tempos


def _linha(db, funcao) -> dict:
    cargas = _cargas(db, funcao)
    tempos = _tempos(db, funcao)
    return {
        "cargas": statistics.median(cargas),
        "cargas_min_max": (min(cargas), max(cargas)),
        "p50": _percentil(tempos, 0.50),
        "p95": _percentil(tempos, 0.95),
        "n": len(tempos),
    }


def preparar(db, pasta: Path) -> dict:
    """Upgrade the in-memory copy when the seed is older than the code (step
    1019 builds the search index), then add this benchmark's set."""
    semente, codigo = _versoes(db)
    if semente != codigo:
        inicio = time.perf_counter()
        if int(semente) < 1018:
            _atualizar(db, "1018")
        _atualizar(db)
        print(
            f"  {pasta.name} upgraded in memory from profile {semente} to "
            f"{codigo} in {time.perf_counter() - inicio:.0f} s",
            flush=True,
        )
    objetos, processos = _indice_pronto(db)
    print(
        f"  search index: {objetos:,} objects for {processos:,} processes",
        flush=True,
    )
    inicio = time.perf_counter()
    info = _acrescentar(db)
    print(
        f"  {NA_CMVS + NA_PMVS + sum(n for _n, n, _v in MISTURA) + SIGILOSOS} "
        f"processes of the portal's set added in "
        f"{time.perf_counter() - inicio:.1f} s",
        flush=True,
    )
    return info


def medir(db, info: dict) -> dict:
    resultado = {}
    for nome, (form, orgao_id, esperado) in consultas(info).items():
        funcao = _busca(form, orgao_id)
        achado = _requisicao(db, funcao)
        assert achado.total == esperado, (nome, achado.total, esperado)
        assert len(achado.itens) == min(esperado, 20), (nome, len(achado.itens))
        resultado[nome] = linha = _linha(db, funcao)
        linha["total"] = achado.total
        print(
            f"    {nome:>20}: {linha['cargas']:5.0f} loads (cold), "
            f"p50 {linha['p50']:6.1f} ms, p95 {linha['p95']:6.1f} ms  "
            f"[{achado.total} processes]",
            flush=True,
        )
    for nome, nup in fichas(info).items():
        funcao = _ficha(nup)
        ficha = _requisicao(db, funcao)
        resultado[nome] = linha = _linha(db, funcao)
        linha["total"] = len(ficha.documentos)
        print(
            f"    {nome:>20}: {linha['cargas']:5.0f} loads (cold), "
            f"p50 {linha['p50']:6.1f} ms, p95 {linha['p95']:6.1f} ms  "
            f"[{len(ficha.documentos)} documents, {len(ficha.andamentos)} "
            "andamentos]",
            flush=True,
        )
    return resultado


# --- main -----------------------------------------------------------------------
def main(argv: list[str]) -> None:
    # No sealed PDFs made ahead for the set's signed ofícios (a worker thread
    # and job records in the shared jobs folder), as in the test suite.
    os.environ["SEIMG_PDF_PREGERAR"] = "0"
    from seimg.testing import SEIMG_FIXTURE
    from semear import _SemRenomeacao
    from semear import ler_info
    import logging

    logging.getLogger("Zope.ZCatalog").addFilter(_SemRenomeacao())
    argv = [a for a in argv if not a.startswith("--")]
    pedidos = argv or TAMANHOS
    if not argv:
        from camadas import DADOS

        pedidos = [*pedidos, *_sementes(DADOS)]
    tamanhos = sorted({tamanho_de(t) for t in pedidos})
    presentes = []
    for tamanho in tamanhos:
        pasta = pasta_semente(tamanho)
        info = ler_info(pasta)
        if info is None or info.get("feitos", 0) < tamanho:
            print(
                f"no complete seed of {rotulo(tamanho)} processes "
                f"(.venv/bin/python bench/semear.py {rotulo(tamanho)}): skipped",
                flush=True,
            )
        else:
            presentes.append((tamanho, pasta))
    if not presentes:
        return
    resultados = {}
    with configurado(SEIMG_FIXTURE):
        print(
            f"Transparência, as an anonymous visitor: {PALAVRA!r} in "
            f"{NA_CMVS}+{NA_PMVS} público processes, {RESERVADA!r} in "
            f"{VISIVEIS_RESERVADA} visible and "
            f"{SIGILOSOS + sum(n for _n, n, v in MISTURA if not v)} hidden ones "
            f"(Rp, S); ZODB cache {CACHE:,} objects; {REQUISICOES} timed runs "
            f"after {AQUECIMENTO} warm-up ones",
            flush=True,
        )
        for tamanho, pasta in presentes:
            print(f"{tamanho:>8,} processes ({pasta.name}):", flush=True)
            db = abrir_semente(pasta, cache_size=CACHE)
            try:
                info = preparar(db, pasta)
                resultados[tamanho] = medir(db, info)
            finally:
                db.close()
    if len(resultados) >= 2:
        menor = min(resultados)
        for tamanho in sorted(resultados)[1:]:
            print(f"Transparência, {rotulo(tamanho)} / {rotulo(menor)} processes:")
            for nome, b in resultados[menor].items():
                a = resultados[tamanho][nome]
                print(
                    f"  {nome:>20}: loads {a['cargas']:.0f}/{b['cargas']:.0f} = "
                    f"{a['cargas'] / b['cargas']:.2f}× (target ≤ 1.20×), "
                    f"p50 {a['p50'] / b['p50']:.2f}×, p95 {a['p95'] / b['p95']:.2f}×"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
