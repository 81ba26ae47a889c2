"""Idempotency-Key over HTTP: a retried creation gets the first answer."""

from concurrent.futures import ThreadPoolExecutor
from seimg.base import idempotencia
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import contar_processos
from tests.processos.test_rest import JSON
from tests.processos.test_rest import PDF
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
from tests.rest.portugues import em_portugues
import json
import re
import requests
import uuid


DANIEL = ("daniel.souza", "Demo@2026")
PROCURADORIA = {"X-Unidade": "CMVS/PRESIDENCIA/PROCURADORIA"}


def _processo(uids, **extra):  # noqa: F811
    return {
        "@type": "Processo",
        "tipo_processo": uids["lai"],
        "especificacao": "Pedido repetido",
        "nivel_acesso": "publico",
        **extra,
    }


def _post(url, dados, chave=None, auth=CARLOS, unidade=SECRETARIA):
    headers = {**JSON, **unidade}
    if chave is not None:
        headers["Idempotency-Key"] = chave
    return requests.post(url, json=dados, headers=headers, auth=auth, timeout=120)


def _sequencial(numero: str) -> int:
    return int(re.fullmatch(r"\d{4}\.\d{2}\.(\d{7})/\d{4}-\d{2}", numero).group(1))


class _Pedido(dict):
    """What the server's fingerprint reads of a request."""

    def __init__(self, dados, unidade=SECRETARIA):
        super().__init__(BODY=json.dumps(dados).encode())
        self.cabecalhos = {"Content-Type": "application/json", **unidade}
        self.form = {}

    def getHeader(self, nome):
        return self.cabecalhos.get(nome)


def _impressao(dados) -> str:
    return idempotencia.impressao(_Pedido(dados))


def _erro(resposta, status, tipo):
    assert resposta.status_code == status, resposta.text
    erro = resposta.json()["error"]
    assert erro["type"] == tipo
    assert em_portugues(erro["message"]), erro["message"]
    return erro


def test_processo_repetido_com_a_mesma_chave(site_url, uids):  # noqa: F811
    url = f"{site_url}/processos"
    antes = contar_processos(site_url)
    chave = str(uuid.uuid4())
    primeira = _post(url, _processo(uids), chave)
    assert primeira.status_code == 201, primeira.text
    assert "Idempotent-Replayed" not in primeira.headers
    segunda = _post(url, _processo(uids), chave)
    assert segunda.status_code == 201
    assert segunda.headers["Idempotent-Replayed"] == "true"
    assert segunda.content == primeira.content
    assert segunda.headers["Location"] == primeira.headers["Location"]
    assert segunda.headers["Content-Type"] == primeira.headers["Content-Type"]
    assert contar_processos(site_url) == antes + 1
    # the replay consumed no number: the next process takes the next one
    numero = primeira.json()["numero"]
    outro = _post(url, _processo(uids))
    assert _sequencial(outro.json()["numero"]) == _sequencial(numero) + 1
    # another body with the same key: refused, nothing created
    _erro(
        _post(url, _processo(uids, especificacao="Outro pedido"), chave),
        422,
        "IdempotencyKeyReused",
    )
    # the same key of another user is another key
    daniel = _post(url, _processo(uids), chave, auth=DANIEL, unidade=PROCURADORIA)
    assert daniel.status_code == 201, daniel.text
    assert "Idempotent-Replayed" not in daniel.headers
    assert daniel.json()["numero"] != numero
    assert contar_processos(site_url) == antes + 3


def test_pedido_recusado_nao_guarda_a_chave(site_url, uids):  # noqa: F811
    url = f"{site_url}/processos"
    chave = "tentativa-1"
    recusado = _post(url, _processo(uids, especificacao="x" * 101), chave)
    assert recusado.status_code == 400
    corrigido = _post(url, _processo(uids), chave)
    assert corrigido.status_code == 201, corrigido.text
    assert "Idempotent-Replayed" not in corrigido.headers


def test_chave_malformada(site_url, uids):  # noqa: F811
    antes = contar_processos(site_url)
    for chave in ("x" * 256, "chave-ção", '""'):
        resposta = _post(f"{site_url}/processos", _processo(uids), chave)
        _erro(resposta, 400, "BadRequest")
    assert contar_processos(site_url) == antes


def test_chave_em_andamento_e_pedidos_simultaneos(site_url, uids):  # noqa: F811
    url = f"{site_url}/processos"
    antes = contar_processos(site_url)
    # a request still running with this key (reserved by another request)
    ident = idempotencia.Identificacao(
        "carlos.mendes", "ocupada", "POST", "/plone/processos"
    )
    idempotencia.loja().reservar(
        ident, _impressao(_processo(uids)), "outro", idempotencia.relogio()
    )
    resposta = _post(url, _processo(uids), "ocupada")
    _erro(resposta, 409, "IdempotencyKeyInProgress")
    assert resposta.headers["Retry-After"] == str(idempotencia.RETRY_AFTER)
    # four clients at once with one key: one process, the others wait or replay
    with ThreadPoolExecutor(4) as pool:
        respostas = list(
            pool.map(lambda _i: _post(url, _processo(uids), "junta"), range(4))
        )
    assert sorted({r.status_code for r in respostas}) in ([201], [201, 409])
    criadas = [r for r in respostas if r.status_code == 201]
    assert len({r.json()["numero"] for r in criadas}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in criadas) == 1
    assert contar_processos(site_url) == antes + 1


def test_retentativa_de_conflito_nao_espera_a_propria_reserva(
    site_url,
    uids,  # noqa: F811
    monkeypatch,
):
    """A ConflictError makes Zope's publisher run the same request again: its
    own reservation (even one not released) does not answer it 409."""
    from seimg.content.rest.desserializacao import FolderPostSeimg
    from ZODB.POSException import ConflictError
    from ZPublisher.HTTPRequest import HTTPRequest

    original = FolderPostSeimg.reply
    vezes = []

    def reply(self):
        vezes.append(1)
        if len(vezes) == 1:
            raise ConflictError()
        return original(self)

    monkeypatch.setattr(FolderPostSeimg, "reply", reply)
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 1)
    monkeypatch.setattr(HTTPRequest, "delay_retry", lambda self: None)
    monkeypatch.setattr(idempotencia.MemoriaStore, "liberar", lambda *a: False)
    antes = contar_processos(site_url)
    resposta = _post(f"{site_url}/processos", _processo(uids), "conflito")
    assert resposta.status_code == 201, resposta.text
    assert len(vezes) == 2
    assert contar_processos(site_url) == antes + 1
    repetida = _post(f"{site_url}/processos", _processo(uids), "conflito")
    assert repetida.headers["Idempotent-Replayed"] == "true"
    assert repetida.content == resposta.content


def test_documento_externo_multipart_repetido(site_url, uids):  # noqa: F811
    processo = _post(f"{site_url}/processos", _processo(uids)).json()
    campos = {
        "tipo_documento": uids["certidao"],
        "data_documento": "2026-11-20",
        "formato": "nato_digital",
    }

    def enviar(fronteira):
        # requests picks a new boundary for every body, as a retry would
        return requests.post(
            f"{processo['@id']}/@documento-externo",
            files=[
                *((nome, (None, valor)) for nome, valor in campos.items()),
                ("arquivo", ("certidao.pdf", PDF, "application/pdf")),
            ],
            headers={
                "Accept": "application/json",
                "Idempotency-Key": "ext",
                **SECRETARIA,
            },
            auth=CARLOS,
            timeout=120,
        )

    primeira, segunda = enviar(1), enviar(2)
    assert primeira.status_code == segunda.status_code == 201, primeira.text
    assert segunda.headers["Idempotent-Replayed"] == "true"
    assert segunda.json()["numero_sei"] == primeira.json()["numero_sei"]
    documentos = requests.get(
        processo["@id"], headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    ).json()["documentos"]
    assert len(documentos) == 1
