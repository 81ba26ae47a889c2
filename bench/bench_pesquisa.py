"""Benchmark: seimg's search (issue 18) as the installation grows, and what
indexing a document costs against vanilla Plone.

**Queries.** The *answer* stays constant: every seed (``bench/semear.py``)
gets the same set of :data:`CONJUNTO` processes, created by ``beatriz.lima``
for the CMVS Protocolo, each with an ofício (half of them signed, half
minutas) whose text holds a word and a number found nowhere else
(:data:`PALAVRA`, :data:`NUMERO`); half the processes are of the seed's own
tipo (which every seeded process shares), half of another. For each query of
:data:`CONSULTAS` (a word, a phrase, a prefix, the number in the body, a
NUP punctuated and digits only, a word with a tipo de processo filter), as
``beatriz.lima`` acting for the Protocolo:

- **loads/query**: ZODB objects loaded by one query from a cold cache
  (``cacheMinimize`` first), through the API (``seimg.pesquisa.api``:
  ``ler_criterios`` and ``pesquisar``) and, when it exists, the REST service
  (``GET @pesquisa``, ``reply()`` serialised to JSON, without the HTTP
  publisher);
- **p50/p95**: :data:`REQUISICOES` queries with a warm cache, each in a new
  request, after a warm-up.

The ratio of every size to the smallest is printed (issue 18: loads at 100k
≤ 1.2× those at 1k). The seeds were made before the search existed: their
upgrade steps run on the in-memory copy, and step 1019 builds the index
(``seimg.pesquisa.indice.reconstruir``, a commit every 200 processes into the
DemoStorage), timed and printed.

**Indexing cost per document** (``--indexacao``, on by default; extraction
and OCR excluded): a vanilla Plone site is created beside seimg's in the same
Zope (the smallest seed's DemoStorage); ofícios of :data:`PALAVRAS_DOC` words
of Portuguese text in a seimg process and Plone Documents of the same words
in the vanilla site. Each document is taken out of the index and indexed
again, median of :data:`DOCUMENTOS` documents: (a) seimg's search index alone
(``indice.indexar``: the document's entries and its process's refresh)
against vanilla's whole ``catalog_object``; (b) seimg's catalog plus its
search index against vanilla's catalog (target ≤ 1.3×). Each with and
without the commit that stores what was indexed.

Seen here (2 CPUs, seeds 1k–100k): loads per query 327 → 349 (word, 20
processes), 98 → 106 (NUP): 1.07× at 100k; p50 about 65 ms for 20 processes
and 3 ms for a NUP, flat with size. Before the engine allocated its entry ids
in runs (``MotorZODB._novo_id``), random ids put each entry of the answer in
a bucket of its own: 354 → 419 loads, 1.18–1.20×. Step 1019 indexes 100k
processes in 3 min. Indexing an ofício: the search index alone 0.4× vanilla's
``catalog_object``; seimg's catalog plus its search index 1.21× (300 words)
and 0.71× (3,000) — 1.6–1.7× before the body left the catalog's
``SearchableText`` (it was indexed twice).

    .venv/bin/python bench/semear.py 1k 10k 100k     # once (see semear.py)
    .venv/bin/python bench/bench_pesquisa.py [SIZE ...] [--sem-indexacao]
    # default: 1k 10k 100k and any other seed in bench/dados

Seeds are read-only under a ``DemoStorage``: measuring never changes them.
"""

from pathlib import Path
import json
import os
import random
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
CARGO = "Técnica Legislativa"
UNIDADE = ("cmvs", "protocolo")
TIPO_SEMENTE = "Acesso à Informação: Pedido (LAI)"
TIPO_OUTRO = "Licitação: Dispensa de Licitação"
CONJUNTO = 20
PALAVRA = "paralelepípedos"
NUMERO = "97.531/2041"
REQUISICOES = int(os.environ.get("SEIMG_BENCH_REQUISICOES", "300"))
AQUECIMENTO = 30
FRIAS = 5
CACHE = 400_000
PALAVRAS_DOC = (300, 3000)
DOCUMENTOS = int(os.environ.get("SEIMG_BENCH_DOCUMENTOS", "25"))


def _senha() -> str:
    from seimg.demo import demo_password

    return demo_password()


# --- the set every seed gets -------------------------------------------------
def _especificacao(i: int) -> str:
    return f"Reposição de paralelepípedos na Rua {i + 1} do bairro Centro"


def _texto_oficio(i: int) -> str:
    return (
        f"<p>Solicitamos a reposição de {PALAVRA} na Rua {i + 1}, conforme a "
        f"Lei {NUMERO}, e o envio do cronograma da obra.</p>"
    )


def _acrescentar(db) -> dict:
    """The set of :data:`CONJUNTO` processes (committed in the DemoStorage);
    returns what the queries need (a NUP, the tipo's UID)."""
    from plone.app.testing import login
    from plone.app.textfield.value import RichTextValue
    from seimg.assinatura import api as assinatura
    from seimg.organizacao.atual import agindo_por
    from seimg.processos.api import criar_documento
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo
    import transaction

    with portal_em(db) as portal:
        login(portal, USUARIO)
        unidade = portal["orgaos"][UNIDADE[0]][UNIDADE[1]]
        tipos = [
            por_titulo("TipoProcesso", t).UID() for t in (TIPO_SEMENTE, TIPO_OUTRO)
        ]
        oficio = por_titulo("TipoDocumento", "Ofício").UID()
        nups = []
        with agindo_por(unidade):
            for i in range(CONJUNTO):
                processo = criar_processo(
                    tipo_processo=tipos[i % 2],
                    especificacao=_especificacao(i),
                    unidade=unidade,
                )
                documento = criar_documento(
                    processo,
                    tipo_documento=oficio,
                    nivel_acesso="publico",
                    texto=RichTextValue(
                        _texto_oficio(i), "text/html", "text/x-html-safe"
                    ),
                )
                if i % 4 < 2:
                    assinatura.assinar(documento, _senha(), CARGO)
                nups.append(processo.numero)
        transaction.commit()
    return {"nup": nups[7], "tipo": tipos[0]}


def consultas(dados: dict) -> dict:
    """name → (form, expected number of processes)."""
    nup = dados["nup"]
    return {
        "palavra": ({"q": PALAVRA}, CONJUNTO),
        "frase": ({"q": '"reposição de paralelepípedos"'}, CONJUNTO),
        "prefixo": ({"q": "paralelep*"}, CONJUNTO),
        "número no corpo": ({"q": NUMERO}, CONJUNTO),
        "NUP": ({"q": nup}, 1),
        "NUP, dígitos": ({"q": "".join(c for c in nup if c.isdigit())}, 1),
        "palavra + tipo": (
            {"q": PALAVRA, "tipo_processo": [dados["tipo"]]},
            CONJUNTO // 2,
        ),
    }


# --- requests ------------------------------------------------------------------
def _requisicao(db, funcao, conexao=None):
    """``funcao(portal)`` in a new request of ``USUARIO`` acting for the
    measured unit (nothing is committed)."""
    from plone.app.testing import login
    from seimg.organizacao.atual import agindo_por
    import transaction

    with portal_em(db, connection=conexao) as portal:
        try:
            login(portal, USUARIO)
            unidade = portal["orgaos"][UNIDADE[0]][UNIDADE[1]]
            with agindo_por(unidade):
                return funcao(portal)
        finally:
            transaction.abort()


def _api(form):
    def consultar(portal):
        from seimg.pesquisa import api as pesquisa

        return pesquisa.pesquisar(pesquisa.ler_criterios(form))

    return consultar


def _classe_rest():
    """The ``GET @pesquisa`` service's class, or None while it does not exist."""
    try:
        from seimg.pesquisa import rest
    except ImportError:
        return None
    from plone.restapi.services import Service

    classes = [
        c
        for c in vars(rest).values()
        if isinstance(c, type)
        and issubclass(c, Service)
        and c.__module__ == rest.__name__
        and hasattr(c, "reply")
    ]
    classes.sort(key=lambda c: ("get" not in c.__name__.lower(), c.__name__))
    return classes[0] if classes else None


def _rest(form):
    classe = _classe_rest()

    def consultar(portal):
        request = portal.REQUEST
        request.form.clear()
        request.form.update(form)
        servico = classe()  # plone.rest's ZCML makes the real class
        servico.context, servico.request = portal, request
        return json.dumps(servico.reply(), default=str)

    return consultar


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


def _percentil(tempos: list[float], p: float) -> float:
    return tempos[min(len(tempos) - 1, int(len(tempos) * p))] * 1000


# --- the seed: upgrades (the index) --------------------------------------------
def _versoes(db):
    with portal_em(db) as portal:
        setup = portal.portal_setup
        return (
            ".".join(setup.getLastVersionForProfile("seimg:default")),
            setup.getVersionForProfile("seimg:default"),
        )


def _atualizar(db, ate: str | None = None) -> float:
    """Run the pending upgrade steps (up to ``ate``) in the DemoStorage;
    seconds taken."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.testing import zope
    import transaction

    inicio = time.perf_counter()
    with portal_em(db) as portal:
        zope.login(portal.getPhysicalRoot().acl_users, SITE_OWNER_NAME)
        portal.portal_setup.upgradeProfile("seimg:default", dest=ate)
        transaction.commit()
    return time.perf_counter() - inicio


def _indice_pronto(db) -> tuple[int, int]:
    """(objects in the search index, processes in the site)."""
    from seimg.pesquisa import indice

    with portal_em(db) as portal:
        m = indice.motor(portal)
        return (len(m) if m is not None else 0), portal["processos"].objectCount()


def _rss_mb() -> float:
    for linha in Path("/proc/self/status").read_text().splitlines():
        if linha.startswith("VmRSS:"):
            return int(linha.split()[1]) / 1024
    return 0.0


def preparar(db, pasta: Path) -> dict:
    """Upgrade the in-memory copy (timing step 1019, which builds the
    index), then add the set; returns timings and the queries' data."""
    semente, codigo = _versoes(db)
    info = {"perfil": semente}
    if semente != codigo:
        print(
            f"  {pasta.name} was seeded at profile {semente}, the code is at "
            f"{codigo}: upgrading the in-memory copy",
            flush=True,
        )
        if int(semente) < 1018:
            _atualizar(db, "1018")
        rss = _rss_mb()
        info["indice_s"] = _atualizar(db, "1019")  # builds the index
        info["indice_rss_mb"] = _rss_mb() - rss
        if codigo != "1019":
            _atualizar(db)
    objetos, processos = _indice_pronto(db)
    info["indexados"], info["processos"] = objetos, processos
    print(
        f"  search index: {objetos:,} objects for {processos:,} processes"
        + (
            f", built by step 1019 in {info['indice_s']:.0f} s "
            f"({1000 * info['indice_s'] / max(processos, 1):.1f} ms a process, "
            f"RSS +{info['indice_rss_mb']:,.0f} MB)"
            if "indice_s" in info
            else ""
        ),
        flush=True,
    )
    inicio = time.perf_counter()
    info.update(_acrescentar(db))
    print(
        f"  {CONJUNTO} processes with their ofícios added in "
        f"{time.perf_counter() - inicio:.1f} s",
        flush=True,
    )
    return info


def medir(db, info: dict, rest: bool) -> dict:
    resultado = {}
    for nome, (form, esperado) in consultas(info).items():
        achado = _requisicao(db, _api(form))
        assert achado.total == esperado, (nome, achado.total, esperado)
        assert len(achado.itens) == esperado, (nome, len(achado.itens))
        resultado[nome] = linha = {"total": achado.total}
        superficies = [("api", _api(form))] + ([("rest", _rest(form))] if rest else [])
        for superficie, funcao in superficies:
            cargas = _cargas(db, funcao)
            tempos = _tempos(db, funcao)
            linha[superficie] = {
                "cargas": statistics.median(cargas),
                "cargas_min_max": (min(cargas), max(cargas)),
                "p50": _percentil(tempos, 0.50),
                "p95": _percentil(tempos, 0.95),
                "n": len(tempos),
            }
            print(
                f"    {nome:>15} {superficie:>4}: {linha[superficie]['cargas']:5.0f} "
                f"loads (cold), p50 {linha[superficie]['p50']:6.1f} ms, "
                f"p95 {linha[superficie]['p95']:6.1f} ms  "
                f"[{achado.total} processes]",
                flush=True,
            )
    return resultado


# --- indexing cost per document --------------------------------------------------
_PALAVRAS_ADMINISTRATIVAS = """
solicitamos vossa senhoria informações sobre execução contrato fornecimento
merenda escolar especial quanto entregas realizadas cardápios aplicados
pagamentos efetuados período indicado conforme requerimento aprovado plenário
prazo dias úteis artigo lei orgânica município secretaria municipal educação
saúde obras infraestrutura transporte coletivo pavimentação asfáltica
drenagem pluvial iluminação pública limpeza urbana coleta resíduos sólidos
licitação pregão eletrônico dispensa inexigibilidade ata registro preços
empenho liquidação nota fiscal fornecedor empresa contratada fiscalização
relatório parecer jurídico procuradoria controladoria auditoria tribunal
contas estado convênio termo aditivo prorrogação vigência reajuste valores
orçamento dotação orçamentária exercício financeiro receita despesa servidor
servidores efetivos comissionados cargo função gratificada folha pagamento
férias licença afastamento aposentadoria pensão previdência regime próprio
processo administrativo disciplinar sindicância portaria decreto resolução
projeto emenda vereador vereadores comissão permanente sessão ordinária
extraordinária votação aprovação rejeição veto sanção publicação diário
oficial transparência acesso informação pedido resposta recurso instância
ouvidoria cidadão cidadã requerente interessado documento ofício memorando
despacho encaminhamento providências cabíveis ciência manifestação análise
técnica engenharia arquitetura patrimônio imóvel cessão uso doação
desapropriação utilidade pública escola creche unidade básica hospital
ambulância medicamentos farmácia estoque almoxarifado material consumo
permanente veículos combustível manutenção preventiva corretiva reforma
ampliação construção edificação quadra poliesportiva praça parque ponte
estrada vicinal rural zona urbana bairro rua avenida logradouro endereço
telefone correio eletrônico protocolo número data assinatura eletrônica
responsável coordenador diretor gerente assessor técnico analista auxiliar
atenciosamente respeitosamente cordialmente cumprimentos consideração
apreço encaminhamos anexo cópia segue tabela planilha cronograma físico
financeiro medição boletim etapa concluída andamento previsão entrega
"""
VOCABULARIO = _PALAVRAS_ADMINISTRATIVAS.split()


def texto_portugues(palavras: int, semente: int) -> str:
    """``palavras`` words of administrative Portuguese in paragraphs of 60
    (stop words mixed in), the same for the same ``semente``."""
    sorteio = random.Random(semente)
    ligacoes = ("de", "a", "o", "que", "e", "do", "da", "em", "para", "com")
    saida, paragrafo = [], []
    for n in range(palavras):
        paragrafo.append(
            sorteio.choice(ligacoes) if n % 4 == 3 else sorteio.choice(VOCABULARIO)
        )
        if len(paragrafo) == 60:
            saida.append(f"<p>{' '.join(paragrafo).capitalize()}.</p>")
            paragrafo = []
    if paragrafo:
        saida.append(f"<p>{' '.join(paragrafo).capitalize()}.</p>")
    return "".join(saida)


def _mediana_ms(valores) -> float:
    return statistics.median(valores) * 1000


def _cronometrar(funcao) -> float:
    inicio = time.perf_counter()
    funcao()
    return time.perf_counter() - inicio


def _criar_vanilla(db) -> float:
    from plone.app.testing import SITE_OWNER_NAME
    from plone.testing import zope
    from Products.CMFPlone.factory import addPloneSite
    import transaction

    inicio = time.perf_counter()
    with portal_em(db) as portal:
        app = portal.getPhysicalRoot()
        zope.login(app.acl_users, SITE_OWNER_NAME)
        addPloneSite(
            app,
            "vanilla",
            extension_ids=("plone.app.contenttypes:default",),
            setup_content=False,
            default_language="pt-br",
        )
        transaction.commit()
    return time.perf_counter() - inicio


def _documentos_vanilla(db, palavras: int) -> list[str]:
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.textfield.value import RichTextValue
    from plone.testing import zope
    import transaction

    with portal_em(db, "vanilla") as site:
        zope.login(site.getPhysicalRoot().acl_users, SITE_OWNER_NAME)
        pasta = api.content.create(
            container=site, type="Folder", title=f"Documentos {palavras}"
        )
        caminhos = []
        for n in range(DOCUMENTOS):
            pagina = api.content.create(
                container=pasta,
                type="Document",
                title=f"Ofício {n + 1}",
                text=RichTextValue(
                    texto_portugues(palavras, n), "text/html", "text/x-html-safe"
                ),
            )
            caminhos.append("/".join(pagina.getPhysicalPath()))
        transaction.commit()
    return caminhos


def _documentos_seimg(db, palavras: int) -> list[str]:
    from plone.app.testing import login
    from plone.app.textfield.value import RichTextValue
    from seimg.organizacao.atual import agindo_por
    from seimg.processos.api import criar_documento
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo
    import transaction

    with portal_em(db) as portal:
        login(portal, USUARIO)
        unidade = portal["orgaos"][UNIDADE[0]][UNIDADE[1]]
        with agindo_por(unidade):
            processo = criar_processo(
                tipo_processo=por_titulo("TipoProcesso", TIPO_SEMENTE).UID(),
                especificacao=f"Ofícios de {palavras} palavras",
                unidade=unidade,
            )
            oficio = por_titulo("TipoDocumento", "Ofício").UID()
            caminhos = []
            for n in range(DOCUMENTOS):
                documento = criar_documento(
                    processo,
                    tipo_documento=oficio,
                    nivel_acesso="publico",
                    texto=RichTextValue(
                        texto_portugues(palavras, n), "text/html", "text/x-html-safe"
                    ),
                )
                caminhos.append("/".join(documento.getPhysicalPath()))
        transaction.commit()
    return caminhos


def _reindexar(db, nome_site, caminhos, tirar, por) -> dict:
    """For each document: ``tirar(obj)`` and commit, then time ``por(obj)``
    and the commit after it. Medians in ms."""
    from contextlib import nullcontext
    from plone.app.testing import login
    from plone.app.testing import SITE_OWNER_NAME
    from plone.testing import zope
    from seimg.organizacao.atual import agindo_por
    import transaction

    indexar, gravar = [], []
    with portal_em(db, nome_site) as site:
        if nome_site == "vanilla":
            zope.login(site.getPhysicalRoot().acl_users, SITE_OWNER_NAME)
            agindo = nullcontext()
        else:
            login(site, USUARIO)
            agindo = agindo_por(site["orgaos"][UNIDADE[0]][UNIDADE[1]])
        with agindo:
            for caminho in caminhos:
                obj = site.unrestrictedTraverse(caminho)
                tirar(obj)
                transaction.commit()
                indexar.append(_cronometrar(lambda o=obj: por(o)))
                gravar.append(_cronometrar(transaction.commit))
    return {
        "indexar": _mediana_ms(indexar),
        "com_commit": _mediana_ms(
            [a + b for a, b in zip(indexar, gravar, strict=True)]
        ),
    }


def _catalogo(obj):
    return obj.portal_catalog


def _tirar_catalogo(obj):
    _catalogo(obj).uncatalog_object("/".join(obj.getPhysicalPath()))


def _por_catalogo(obj):
    _catalogo(obj)._indexObject(obj)


def _tirar_pesquisa(obj):
    from seimg.pesquisa import indice

    indice.motor().remover(obj.UID())


def _por_pesquisa(obj):
    from seimg.pesquisa import indice

    indice.indexar(obj)


def _tirar_ambos(obj):
    _tirar_catalogo(obj)
    _tirar_pesquisa(obj)


def _por_ambos(obj):
    _por_catalogo(obj)
    _por_pesquisa(obj)


def medir_indexacao(db) -> dict:
    print(
        f"Indexing cost per document (median of {DOCUMENTOS}; a vanilla site "
        "beside seimg's, same Zope):",
        flush=True,
    )
    print(f"  vanilla site created in {_criar_vanilla(db):.0f} s", flush=True)
    resultado = {}
    for palavras in PALAVRAS_DOC:
        vanilla = _documentos_vanilla(db, palavras)
        seimg = _documentos_seimg(db, palavras)
        r = resultado[palavras] = {
            "vanilla": _reindexar(
                db, "vanilla", vanilla, _tirar_catalogo, _por_catalogo
            ),
            "pesquisa": _reindexar(db, "plone", seimg, _tirar_pesquisa, _por_pesquisa),
            "catalogo": _reindexar(db, "plone", seimg, _tirar_catalogo, _por_catalogo),
            "total": _reindexar(db, "plone", seimg, _tirar_ambos, _por_ambos),
        }
        for chave, rotulo_ in (
            ("vanilla", "vanilla Document, catalog_object"),
            ("catalogo", "seimg ofício, catalog_object"),
            ("pesquisa", "seimg ofício, search index (indexar)"),
            ("total", "seimg ofício, catalog + search index"),
        ):
            print(
                f"  {palavras:>5} words  {rotulo_:<40} {r[chave]['indexar']:7.2f} ms"
                f"  (+ commit: {r[chave]['com_commit']:7.2f} ms)",
                flush=True,
            )
    return resultado


def imprimir_indexacao(resultado: dict) -> None:
    print("Indexing cost per document, seimg / vanilla (target ≤ 1.30×):")
    for palavras, r in resultado.items():
        v = r["vanilla"]
        for chave, rotulo_ in (
            ("pesquisa", "(a) search index alone / vanilla catalog"),
            ("total", "(b) catalog + search index / vanilla catalog"),
        ):
            print(
                f"  {palavras:>5} words  {rotulo_:<46} "
                f"{r[chave]['indexar'] / v['indexar']:5.2f}×  "
                f"(with commit {r[chave]['com_commit'] / v['com_commit']:5.2f}×)"
            )


# --- main -----------------------------------------------------------------------
def _sementes(dados: Path) -> list[str]:
    return [
        p.name.removeprefix("semente-")
        for p in dados.glob("semente-*")
        if "." not in p.name and (p / "semente.json").exists()
    ]


def main(argv: list[str]) -> None:
    from seimg.testing import SEIMG_FIXTURE
    from semear import _SemRenomeacao
    from semear import ler_info
    import logging

    # api.content.create's rename (vanilla Documents) logs a harmless ERROR
    logging.getLogger("Zope.ZCatalog").addFilter(_SemRenomeacao())
    indexacao = "--sem-indexacao" not in argv
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
    resultados, preparos, indexacao_r = {}, {}, None
    with configurado(SEIMG_FIXTURE):
        rest = _classe_rest() is not None
        print(
            f"Pesquisa: {CONJUNTO} processes hold the word and the number in every "
            f"seed; ZODB cache {CACHE:,} objects; {REQUISICOES} timed queries "
            f"after {AQUECIMENTO} warm-up ones; REST "
            + (
                "GET @pesquisa too"
                if rest
                else "absent (seimg.pesquisa.rest): API only"
            ),
            flush=True,
        )
        for n, (tamanho, pasta) in enumerate(presentes):
            print(f"{tamanho:>8,} processes ({pasta.name}):", flush=True)
            db = abrir_semente(pasta, cache_size=CACHE)
            try:
                preparos[tamanho] = info = preparar(db, pasta)
                resultados[tamanho] = medir(db, info, rest)
                if indexacao and n == 0:
                    indexacao_r = medir_indexacao(db)
            finally:
                db.close()
    if len(resultados) >= 2:
        menor = min(resultados)
        for tamanho in sorted(resultados)[1:]:
            print(f"Pesquisa, {rotulo(tamanho)} / {rotulo(menor)} processes:")
            for nome in resultados[menor]:
                for superficie in ("api", "rest"):
                    a = resultados[tamanho][nome].get(superficie)
                    b = resultados[menor][nome].get(superficie)
                    if not a or not b:
                        continue
                    print(
                        f"  {nome:>15} {superficie:>4}: loads "
                        f"{a['cargas']:.0f}/{b['cargas']:.0f} = "
                        f"{a['cargas'] / b['cargas']:.2f}× (target ≤ 1.20×), "
                        f"p50 {a['p50'] / b['p50']:.2f}×, "
                        f"p95 {a['p95'] / b['p95']:.2f}×"
                    )
    if indexacao_r:
        imprimir_indexacao(indexacao_r)


if __name__ == "__main__":
    main(sys.argv[1:])
