"""Two units acting on the same process at the same instant, on a real instance.

Uses the session's real seimg instance (FileStorage, 4 WSGI threads; see
tests/instancia.py): both requests must succeed (the publisher retries the
one that conflicts), both actions must be in the andamentos, and the routing
state must be what the two actions together produce.
"""

from concurrent.futures import ThreadPoolExecutor
import pytest
import requests
import threading


SENHA = "Demo@2026"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
SECRETARIA = "CMVS/PRESIDENCIA/SECRETARIA"
PROTOCOLO = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
PROCURADORIA = "CMVS/PRESIDENCIA/PROCURADORIA"
CARLOS = ("carlos.mendes", SENHA)
BEATRIZ = ("beatriz.lima", SENHA)
RODADAS = 4


@pytest.fixture(autouse=True)
def _keep_integration_session():
    """This module needs none of the plone.app.testing layers."""


@pytest.fixture(autouse=True)
def _keep_acceptance_session():
    """This module needs none of the plone.app.testing layers."""


def _post(url, auth, unidade, data=None):
    return requests.post(
        url,
        json=data or {},
        headers={**JSON, "X-Unidade": unidade},
        auth=auth,
        timeout=300,
    )


def _uid(instancia, vocabulary, titulo):
    response = requests.get(
        f"{instancia.url}/@vocabularies/{vocabulary}",
        params={"b_size": 1000},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    return next(i["token"] for i in response.json()["items"] if i["title"] == titulo)


@pytest.fixture(scope="module")
def tipos(instancia):
    return {
        "lai": _uid(
            instancia, "seimg.TiposProcesso", "Acesso à Informação: Pedido (LAI)"
        ),
        "oficio": _uid(instancia, "seimg.TiposDocumentoInterno", "Ofício"),
    }


def _aberto_em_duas(instancia, tipos) -> str:
    """A public process of SECRETARIA, sent to PROTOCOLO and kept open."""
    criado = _post(
        f"{instancia.url}/processos",
        CARLOS,
        SECRETARIA,
        {
            "@type": "Processo",
            "tipo_processo": tipos["lai"],
            "especificacao": "Concorrência entre unidades",
            "nivel_acesso": "publico",
        },
    )
    assert criado.status_code == 201, criado.text
    url = criado.json()["@id"]
    enviado = _post(
        f"{url}/@enviar",
        CARLOS,
        SECRETARIA,
        {"destinos": [PROTOCOLO], "manter_aberto": True, "notificar": False},
    )
    assert enviado.status_code == 200, enviado.text
    return url


def _ao_mesmo_tempo(*acoes):
    barreira = threading.Barrier(len(acoes))

    def executar(acao):
        barreira.wait()
        return acao()

    with ThreadPoolExecutor(len(acoes)) as pool:
        return list(pool.map(executar, acoes))


def _estado(url, auth=CARLOS):
    processo = requests.get(url, headers=JSON, auth=auth, timeout=60).json()
    andamentos = requests.get(
        f"{url}/@andamentos", headers=JSON, auth=auth, timeout=60
    ).json()
    abertas = {u["sigla"] for u in processo["unidades_abertas"]}
    return processo, abertas, [a["tipo"] for a in andamentos["items"]]


def test_duas_unidades_concluem_no_mesmo_instante(instancia, tipos):
    for _rodada in range(RODADAS):
        url = _aberto_em_duas(instancia, tipos)
        respostas = _ao_mesmo_tempo(
            lambda url=url: _post(f"{url}/@concluir", CARLOS, SECRETARIA),
            lambda url=url: _post(f"{url}/@concluir", BEATRIZ, PROTOCOLO),
        )
        assert [r.status_code for r in respostas] == [200, 200], [
            r.text for r in respostas
        ]
        _processo, abertas, tipos_andamento = _estado(url)
        assert abertas == set()
        assert tipos_andamento.count("processo_concluido") == 2


def test_envio_e_documento_no_mesmo_instante(instancia, tipos):
    for _rodada in range(RODADAS):
        url = _aberto_em_duas(instancia, tipos)
        envio, documento = _ao_mesmo_tempo(
            lambda url=url: _post(
                f"{url}/@enviar",
                CARLOS,
                SECRETARIA,
                {"destinos": [PROCURADORIA], "manter_aberto": True, "notificar": False},
            ),
            lambda url=url: _post(
                url,
                BEATRIZ,
                PROTOCOLO,
                {
                    "@type": "Documento",
                    "tipo_documento": tipos["oficio"],
                    "nivel_acesso": "publico",
                },
            ),
        )
        assert envio.status_code == 200, envio.text
        assert documento.status_code == 201, documento.text
        # The minuta is the Protocolo's: only its unit reads of it.
        _processo, abertas, tipos_andamento = _estado(url, auth=BEATRIZ)
        assert abertas == {SECRETARIA, PROTOCOLO, PROCURADORIA}
        assert tipos_andamento.count("processo_remetido") == 2
        assert tipos_andamento.count("documento_gerado") == 1
        arvore = requests.get(url, headers=JSON, auth=BEATRIZ, timeout=60).json()
        assert documento.json()["numero_sei"] in [
            d["numero_sei"] for d in arvore["documentos"]
        ]
