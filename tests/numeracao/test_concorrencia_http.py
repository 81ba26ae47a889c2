"""Numbering under concurrent REST requests on a real instance (FileStorage).

The module starts a real seimg deployment of its own, as ``make start`` does
but in a temporary folder: ``seimg.deploy.instance`` writes the configuration
(FileStorage, several WSGI threads, a free port on 127.0.0.1),
``zconsole run … scripts/create-site.py`` creates the demo site and
``runwsgi`` serves it. It shares nothing with the plone.app.testing layers
(DemoStorage, where the counters fall back to the request's transaction).

Many client threads then create processos and ofícios at once: NUPs, números
SEI and the ofícios' numbers (per unit and year) must be unique and well
formed, and no request may fail for a conflict on a counter. Requests that
conflict elsewhere (the processos folder, the catalog's date indexes) are
retried by the publisher; their numbers are lost (gaps), never reissued. In
a burst this dense a request can exhaust those retries on Plone's own
objects: at most two may fail that way (measured: 0 or 1 in 144).
"""

from collections import Counter
from collections import defaultdict
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from seimg.numeracao import Mascara
from tests.instancia import SERVER_THREADS as instancia_threads
from zoneinfo import ZoneInfo
import pytest
import re
import requests
import threading
import time


# As many clients as server threads keep every worker busy at once without a
# queue of requests waiting behind retries. Denser bursts still hit Plone's
# own write hotspots (the catalog's date indexes, the folder), which the
# publisher retries SEIMG_CONFLICT_RETRIES times.
CLIENT_THREADS = 4
PROCESSOS_POR_CLIENTE = 12
OFICIOS_POR_PROCESSO = 2
SENHA_DEMO = "Demo@2026"
TIPO_PROCESSO = "Acesso à Informação: Pedido (LAI)"
TIPO_DOCUMENTO = "Ofício"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}

# (user, acting unit): two órgãos (separate NUP sequences) and two units
# of CMVS (separate ofício sequences); carlos.mendes does half of the work.
ATORES = (
    ("carlos.mendes", "CMVS/PRESIDENCIA/SECRETARIA"),
    ("carlos.mendes", "CMVS/PRESIDENCIA/SECRETARIA"),
    ("gabriela.rocha", "CMVS/PRESIDENCIA/COMISSOES/CLJ"),
    ("helena.prado", "PMVS/GABINETE/SEMAD"),
)


@pytest.fixture(autouse=True)
def _keep_integration_session():
    """This module needs none of the plone.app.testing layers."""


@pytest.fixture(autouse=True)
def _keep_acceptance_session():
    """This module needs none of the plone.app.testing layers."""


BRASILIA = ZoneInfo("America/Sao_Paulo")
RETRIED = re.compile(r"(\w*Error) at (\S+): .*Request will be retried")


def _token(instancia, auth, vocabulary: str, titulo: str) -> str:
    response = requests.get(
        f"{instancia.url}/@vocabularies/{vocabulary}",
        params={"b_size": 1000},
        headers=JSON,
        auth=auth,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    tokens = [i["token"] for i in response.json()["items"] if i["title"] == titulo]
    assert len(tokens) == 1, (titulo, response.json()["items"])
    return tokens[0]


def _mascara(instancia, auth, orgao_uid: str) -> tuple[Mascara, int]:
    """The órgão's NUP mask and its code."""
    response = requests.get(
        f"{instancia.url}/@search",
        params={"UID": orgao_uid, "fullobjects": 1},
        headers=JSON,
        auth=auth,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    (orgao,) = response.json()["items"]
    return Mascara.parse(orgao["mascara_processo"]), orgao["codigo"]


def _ano(created: str) -> int:
    """The year of an ISO timestamp in Brasília time, as seimg numbers it."""
    return datetime.fromisoformat(created).astimezone(BRASILIA).year


def _classe(linha: str) -> str:
    encontrado = re.search(r"class ([\w.]+)", linha)
    return encontrado.group(1) if encontrado else linha[:120]


def _conflitos_retentados(log: str) -> dict:
    return dict(
        Counter(_classe(linha) for linha in log.splitlines() if RETRIED.search(linha))
    )


def _conflitos_finais(falhas: list) -> dict:
    """What made each failed request fail (the class of a ConflictError)."""
    return dict(
        Counter(
            f"{dados.get('type')}: {_classe(str(dados.get('message')))}"
            for _status, _ator, dados in falhas
        )
    )


def _gaps(numeros: list[int]) -> int:
    return max(numeros) - min(numeros) + 1 - len(numeros)


def test_numeracao_sob_concorrencia_http(instancia):
    auth = ("carlos.mendes", SENHA_DEMO)
    tipo_processo = _token(instancia, auth, "seimg.TiposProcesso", TIPO_PROCESSO)
    oficio = _token(instancia, auth, "seimg.TiposDocumentoInterno", TIPO_DOCUMENTO)
    log_antes = len(instancia.log())

    local = threading.local()

    def post(url: str, ator: tuple[str, str], corpo: dict):
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        usuario, unidade = ator
        inicio = time.monotonic()
        response = session.post(
            url,
            json=corpo,
            headers={**JSON, "X-Unidade": unidade},
            auth=(usuario, SENHA_DEMO),
            timeout=120,
        )
        try:
            dados = response.json()
        except ValueError:
            dados = {"texto": response.text[:2000]}
        return response.status_code, dados, ator, time.monotonic() - inicio

    documentos: list[Future] = []
    trava = threading.Lock()
    largada = threading.Barrier(CLIENT_THREADS)

    with (
        ThreadPoolExecutor(CLIENT_THREADS, "processos") as processos_pool,
        ThreadPoolExecutor(CLIENT_THREADS, "oficios") as oficios_pool,
    ):

        def cliente(indice: int):
            ator = ATORES[indice % len(ATORES)]
            largada.wait(timeout=60)
            resultados = []
            for n in range(PROCESSOS_POR_CLIENTE):
                resultado = post(
                    f"{instancia.url}/processos",
                    ator,
                    {
                        "@type": "Processo",
                        "tipo_processo": tipo_processo,
                        "especificacao": f"Concorrência {indice}.{n}",
                        "nivel_acesso": "publico",
                    },
                )
                resultados.append(resultado)
                status, dados, _ator, _tempo = resultado
                if status != 201:
                    continue
                # the process's ofícios go at once, alongside other clients
                for _ in range(OFICIOS_POR_PROCESSO):
                    futuro = oficios_pool.submit(
                        post,
                        dados["@id"],
                        ator,
                        {
                            "@type": "Documento",
                            "tipo_documento": oficio,
                            "nivel_acesso": "publico",
                        },
                    )
                    with trava:
                        documentos.append(futuro)
            return resultados

        inicio = time.monotonic()
        clientes = [processos_pool.submit(cliente, i) for i in range(CLIENT_THREADS)]
        processos = [r for c in clientes for r in c.result(timeout=600)]
        with trava:
            pendentes = list(documentos)
        oficios = [f.result(timeout=600) for f in pendentes]
        duracao = time.monotonic() - inicio

    log = instancia.log()[log_antes:]
    retentativas = Counter(
        "processo" if caminho.rstrip("/").endswith("/processos") else "documento"
        for _erro, caminho in RETRIED.findall(log)
    )
    total = len(processos) + len(oficios)
    falhas = [(r[0], r[2], r[1]) for r in processos + oficios if r[0] != 201]
    print(
        f"\n{total} POSTs ({len(processos)} processos, {len(oficios)} ofícios) in "
        f"{duracao:.1f} s by {CLIENT_THREADS}+{CLIENT_THREADS} client threads on "
        f"{instancia_threads} server threads; slowest "
        f"{max(r[3] for r in processos + oficios):.2f} s; publisher retries: "
        f"{dict(retentativas) or 0} {_conflitos_retentados(log)}; failed: "
        f"{len(falhas)} "
        f"{_conflitos_finais(falhas)}"
    )

    ok_processos = [r[1] for r in processos if r[0] == 201]
    ok_oficios = [r[1] for r in oficios if r[0] == 201]
    falhou = Counter(
        processo=sum(1 for r in processos if r[0] != 201),
        documento=sum(1 for r in oficios if r[0] != 201),
    )
    # a number is lost (a gap) only by an attempt that was rolled back
    perdas = retentativas + falhou

    # NUPs: unique, in the órgão's mask with right check digits, one
    # sequence per órgão and year
    nups = [dados["numero"] for dados in ok_processos]
    assert len(set(nups)) == len(nups), Counter(nups).most_common(3)
    mascaras = {}
    por_orgao = defaultdict(list)
    for dados in ok_processos:
        orgao = dados["orgao"]
        if orgao not in mascaras:
            mascaras[orgao] = _mascara(instancia, auth, orgao)
        mascara, codigo = mascaras[orgao]
        partes = mascara.decompor(dados["numero"])  # raises on bad check digits
        assert partes["orgao"] == codigo, dados["numero"]
        assert partes["ano"] == _ano(dados["created"]), dados["numero"]
        assert dados["id"] == re.sub(r"[./]", "-", dados["numero"])
        por_orgao[(orgao, partes["ano"])].append(partes["sequencial"])
    assert len(mascaras) == 2  # CMVS and PMVS
    for sequencias in por_orgao.values():
        assert len(set(sequencias)) == len(sequencias), sorted(sequencias)
        assert _gaps(sequencias) <= perdas["processo"], sorted(sequencias)

    # números SEI: one sequence for the whole installation
    seis = [dados["numero_sei"] for dados in ok_oficios]
    assert all(re.fullmatch(r"[0-9]{7,}", n) for n in seis), seis
    assert len(set(seis)) == len(seis), Counter(seis).most_common(3)
    assert _gaps([int(n) for n in seis]) <= perdas["documento"], sorted(seis)

    # ofícios: numbered per unit and year, each number once
    por_unidade = defaultdict(list)
    for dados in ok_oficios:
        unidade = dados["unidade_geradora"]
        unidade = unidade["UID"] if isinstance(unidade, dict) else unidade
        ano = _ano(dados["created"])
        numero = int(dados["numero"])
        assert dados["numero_formatado"].startswith(f"Ofício nº {numero}/{ano}/")
        por_unidade[(unidade, ano)].append(numero)
    assert len(por_unidade) == len({a[1] for a in ATORES})
    for (unidade, ano), numeros in por_unidade.items():
        repetidos = [n for n, vezes in Counter(numeros).items() if vezes > 1]
        assert not repetidos, (unidade, ano, repetidos)
        assert _gaps(numeros) <= perdas["documento"], sorted(numeros)

    # the counters never conflicted (their own connection, threads in turn)
    conflitos = [
        linha
        for linha in log.splitlines()
        if "counter conflicts" in linha
        or ("ConflictError" in linha and re.search(r"[Cc]ontador", linha))
    ]
    assert not conflitos, conflitos

    # No request failed for a conflict on a counter (seimg's, or CMFUid's,
    # which seimg moved onto its counter). Plone's own write hotspots (the
    # catalog's date indexes, the processos folder) may still exhaust the
    # publisher's retries in a burst this dense: at most 2 requests, and
    # only with a ConflictError on one of those objects.
    for status, _ator, dados in falhas:
        mensagem = str(dados.get("message", "")) if isinstance(dados, dict) else ""
        assert status == 500, falhas
        assert "conflict" in mensagem.lower(), falhas
        assert not re.search(r"Contador|UniqueIdGenerator", mensagem), falhas
    assert len(falhas) <= 2, (
        f"{len(falhas)} of {total} POSTs failed: "
        f"{Counter(status for status, _a, _d in falhas)}; final conflicts: "
        f"{_conflitos_finais(falhas)}; retried conflicts: {_conflitos_retentados(log)}"
        f"\nfirst failure: {falhas[0] if falhas else None}"
    )
    assert len(processos) == CLIENT_THREADS * PROCESSOS_POR_CLIENTE
    criados = sum(1 for r in processos if r[0] == 201)
    assert len(oficios) == criados * OFICIOS_POR_PROCESSO
