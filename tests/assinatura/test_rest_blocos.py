"""Blocos over HTTP: a bloco de assinatura across two units, pedir assinatura."""

from email.header import decode_header
from email.header import make_header
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests


SENHA = "Demo@2026"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)

A = "CMVS/PRESIDENCIA/SECRETARIA"
C = "CMVS/PRESIDENCIA/PROCURADORIA"
B = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
FORA = "PMVS/GABINETE/SEMAD"
USUARIOS = {
    A: ("carlos.mendes", SENHA),
    B: ("beatriz.lima", SENHA),
    C: ("daniel.souza", SENHA),
    FORA: ("helena.prado", SENHA),
}


def _pedir(metodo, url, unidade, data=None):
    return requests.request(
        metodo,
        url,
        json=data,
        headers={**JSON, "X-Unidade": unidade},
        auth=USUARIOS[unidade],
        timeout=120,
    )


def _uid(site_url, vocabulary, title):
    response = requests.get(
        f"{site_url}/@vocabularies/{vocabulary}",
        params={"title": title, "b_size": 200},
        headers=JSON,
        auth=USUARIOS[A],
        timeout=60,
    )
    for item in response.json()["items"]:
        if item["title"].startswith(title):
            return item["token"]
    raise AssertionError(f"{title} not in {vocabulary}")


@pytest.fixture
def uids(site_url):
    return {
        "lai": _uid(site_url, "seimg.TiposProcesso", "Acesso à Informação: Pedido"),
        "oficio": _uid(site_url, "seimg.TiposDocumentoInterno", "Ofício"),
        "pessoal": _uid(site_url, "seimg.HipotesesLegais", "Informação Pessoal"),
    }


def _processo(site_url, uids) -> str:
    response = _pedir(
        "POST",
        f"{site_url}/processos",
        A,
        {
            "@type": "Processo",
            "tipo_processo": uids["lai"],
            "especificacao": "Contrato de limpeza",
            "nivel_acesso": "restrito",
            "hipotese_legal": uids["pessoal"],
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def _oficio(url, uids) -> dict:
    response = _pedir(
        "POST",
        url,
        A,
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "restrito",
            "hipotese_legal": uids["pessoal"],
            # written over the model (signing refuses its fields unchanged)
            "texto": {
                "data": "<p>Parecer da Procuradoria.</p>",
                "content-type": "text/html",
            },
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def _tipos(url) -> list[str]:
    body = requests.get(
        f"{url}/@andamentos", headers=JSON, auth=OWNER, timeout=60
    ).json()
    return [item["tipo"] for item in body["items"]]


def test_bloco_de_assinatura_entre_duas_unidades(site_url, uids):
    p1, p2 = _processo(site_url, uids), _processo(site_url, uids)
    doc1, doc2 = _oficio(p1, uids), _oficio(p2, uids)
    blocos_url = f"{site_url}/@blocos"

    response = _pedir("POST", blocos_url, A, {"tipo": "assinatura", "descricao": "Dia"})
    assert response.status_code == 201, response.text
    bloco = response.json()
    assert bloco["estado"] == "aberto"
    assert bloco["unidade"] == A
    url = bloco["@id"]

    response = _pedir("POST", f"{url}/itens", A, {"itens": [doc1["UID"], doc2["@id"]]})
    assert response.status_code == 200, response.text
    assert [i["UID"] for i in response.json()["itens"]] == [doc1["UID"], doc2["UID"]]
    assert "documento_incluido_bloco" in _tipos(p1)

    # Bad input: unknown item, a process, repeated, unknown bloco, wrong unit.
    response = _pedir("POST", f"{url}/itens", A, {"itens": ["nada"]})
    assert response.status_code == 400
    assert "não existe" in response.json()["error"]["message"]
    assert _pedir("POST", f"{url}/itens", A, {"itens": [p1]}).status_code == 400
    assert _pedir("POST", f"{url}/itens", A, {"item": doc1["UID"]}).status_code == 400
    assert _pedir("GET", f"{blocos_url}/99999", A).status_code == 404
    assert _pedir("GET", url, C).status_code == 404
    response = _pedir("POST", f"{url}/disponibilizar", C, {"destinos": [C]})
    assert response.status_code == 404

    # Before: daniel (C) may not even know of the minuta (divulgacao.md).
    assert _pedir("GET", doc1["@id"], C).status_code == 404
    assert _pedir("GET", f"{site_url}/@para-assinar", C).json()["items"] == []

    response = _pedir("POST", f"{url}/disponibilizar", A, {"destinos": [C]})
    assert response.status_code == 200, response.text
    assert response.json()["estado"] == "disponibilizado"
    assert response.json()["destinos"] == [C]
    assert _tipos(p1)[-1] == "bloco_disponibilizado"
    assert _tipos(p2)[-1] == "bloco_disponibilizado"
    # Nothing is added or removed while it is out.
    response = _pedir("DELETE", f"{url}/itens/{doc2['UID']}", A)
    assert response.status_code == 403

    # daniel sees the bloco, reads and edits the minuta, not the process.
    listed = _pedir("GET", f"{blocos_url}?tipo=assinatura", C).json()["items"]
    assert bloco["id"] in [b["id"] for b in listed]
    assert _pedir("GET", url, C).status_code == 200
    assert _pedir("GET", doc1["@id"], C).status_code == 200
    assert _pedir("GET", p1, C).status_code in (401, 403)
    page = requests.get(doc1["@id"], auth=USUARIOS[C], timeout=60)
    assert page.status_code == 200
    assert doc1["numero_sei"] in page.text
    edit = requests.get(f"{doc1['@id']}/edit", auth=USUARIOS[C], timeout=60)
    assert edit.status_code == 200
    assert 'id="form"' in edit.text or "form-widgets" in edit.text
    para = _pedir("GET", f"{site_url}/@para-assinar", C).json()["items"]
    assert {i["UID"] for i in para} == {doc1["UID"], doc2["UID"]}
    assert {i["origem"] for i in para} == {"bloco"}

    # Someone outside cannot.
    assert (
        _pedir("GET", doc1["@id"], FORA).status_code == 404
    )  # a minuta hidden from it

    response = _pedir(
        "POST",
        f"{doc1['@id']}/@assinar",
        C,
        {"senha": SENHA, "cargo": "Procurador Jurídico"},
    )
    assert response.status_code == 200, response.text
    itens = {i["UID"]: i for i in _pedir("GET", url, A).json()["itens"]}
    assert [a["userid"] for a in itens[doc1["UID"]]["assinaturas"]] == ["daniel.souza"]
    para = _pedir("GET", f"{site_url}/@para-assinar", C).json()["items"]
    assert [i["UID"] for i in para] == [doc2["UID"]]

    # Only a destination returns; then daniel loses access.
    assert _pedir("POST", f"{url}/retornar", A).status_code == 403
    response = _pedir("POST", f"{url}/retornar", C)
    assert response.status_code == 200, response.text
    assert response.json()["estado"] == "retornado"
    assert _tipos(p2)[-1] == "bloco_retornado"
    assert _pedir("GET", doc2["@id"], C).status_code == 404  # a minuta hidden from it
    response = _pedir(
        "POST",
        f"{doc2['@id']}/@assinar",
        C,
        {"senha": SENHA, "cargo": "Procurador Jurídico"},
    )
    assert response.status_code == 404  # a minuta hidden from it

    response = _pedir("DELETE", f"{url}/itens/{doc2['UID']}", A)
    assert response.status_code == 200, response.text
    assert "documento_retirado_bloco" in _tipos(p2)
    assert _pedir("POST", f"{url}/disponibilizar", A, {"destinos": [C]}).ok
    response = _pedir("POST", f"{url}/cancelar-disponibilizacao", A)
    assert response.json()["estado"] == "aberto"
    response = _pedir("POST", f"{url}/concluir", A)
    assert response.json()["estado"] == "concluido"
    assert _pedir("POST", f"{url}/concluir", A).status_code == 403
    assert _pedir("POST", f"{url}/inventada", A).status_code == 404


def test_bloco_bad_input(site_url):
    url = f"{site_url}/@blocos"
    response = _pedir("POST", url, A, {"tipo": "qualquer"})
    assert response.status_code == 400
    assert response.json()["error"]["campos"][0]["campo"] == "tipo"
    antes = _pedir("GET", url, A).json()["items_total"]
    for corpo, campo in (
        ({"tipo": "interno", "descricao": 7}, "descricao"),
        ({"tipo": "interno", "descricao": "a\x00b"}, "descricao"),
        ({"tipo": "interno", "outro": 1}, "outro"),
    ):
        response = _pedir("POST", url, A, corpo)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["campos"][0]["campo"] == campo
    assert _pedir("GET", url, A).json()["items_total"] == antes
    anon = requests.get(url, headers=JSON, timeout=60)
    assert anon.status_code == 401
    bloco = _pedir("POST", url, A, {"tipo": "assinatura"}).json()
    response = _pedir("POST", f"{bloco['@id']}/disponibilizar", A, {"destinos": [C]})
    assert response.status_code == 400
    assert "vazio" in response.json()["error"]["message"]


def test_reuniao_e_interno(site_url, uids):
    processo = _processo(site_url, uids)
    minuta = _oficio(processo, uids)
    url = f"{site_url}/@blocos"
    reuniao = _pedir("POST", url, A, {"tipo": "reuniao"}).json()
    interno = _pedir("POST", url, A, {"tipo": "interno"}).json()
    for bloco in (reuniao, interno):
        response = _pedir("POST", f"{bloco['@id']}/itens", A, {"itens": [processo]})
        assert response.status_code == 200, response.text
    assert (
        _pedir(
            "POST", f"{interno['@id']}/disponibilizar", A, {"destinos": [C]}
        ).status_code
        == 403
    )
    assert _pedir("GET", interno["@id"], C).status_code == 404
    response = _pedir("POST", f"{reuniao['@id']}/disponibilizar", A, {"destinos": [C]})
    assert response.status_code == 200, response.text
    assert _pedir("GET", processo, C).status_code == 200
    assert _pedir("GET", minuta["@id"], C).status_code == 200
    edit = requests.get(f"{minuta['@id']}/edit", auth=USUARIOS[C], timeout=60)
    assert "form-widgets" not in edit.text
    assert _pedir("POST", f"{reuniao['@id']}/retornar", C).ok
    assert _pedir("GET", processo, C).status_code in (401, 403)


def _assunto(mail) -> str:
    return str(make_header(decode_header(mail["Subject"])))


def test_pedir_assinatura(site_url, uids, acceptance):
    sink = acceptance["smtp"]
    processo = _processo(site_url, uids)
    doc = _oficio(processo, uids)
    antes = len(sink.received)
    response = _pedir(
        "POST",
        f"{doc['@id']}/@pedir-assinatura",
        A,
        {"usuarios": ["daniel.souza"], "mensagem": "Por favor, assine."},
    )
    assert response.status_code == 201, response.text
    assert response.json()["novos"] == ["daniel.souza"]
    novos = sink.received[antes:]
    assert len(novos) == 1
    assert "Assinatura solicitada" in _assunto(novos[0])
    corpo = novos[0].get_payload(decode=True).decode("utf-8")
    assert doc["@id"] in corpo
    assert "Por favor, assine." in corpo

    # Bad input.
    url = f"{doc['@id']}/@pedir-assinatura"
    assert _pedir("POST", url, A, {"usuarios": []}).status_code == 400
    assert _pedir("POST", url, A, {"usuarios": ["ninguem"]}).status_code == 400
    # Another órgão may not even know of the minuta (divulgacao.md).
    assert _pedir("POST", url, FORA, {"usuarios": ["daniel.souza"]}).status_code == 404

    para = _pedir("GET", f"{site_url}/@para-assinar", C).json()["items"]
    assert [(i["UID"], i["origem"]) for i in para] == [(doc["UID"], "pedido")]
    assert _pedir("GET", doc["@id"], C).status_code == 200
    assert _pedir("GET", doc["@id"], FORA).status_code == 404  # a minuta hidden from it
    pedidos = _pedir("GET", f"{doc['@id']}/@pedidos-assinatura", A).json()["items"]
    assert [(p["usuario"], p["assinado"]) for p in pedidos] == [("daniel.souza", False)]

    response = _pedir(
        "POST",
        f"{doc['@id']}/@assinar",
        C,
        {"senha": SENHA, "cargo": "Procurador Jurídico"},
    )
    assert response.status_code == 200, response.text
    pedidos = _pedir("GET", f"{doc['@id']}/@pedidos-assinatura", A).json()["items"]
    assert [(p["usuario"], p["assinado"]) for p in pedidos] == [("daniel.souza", True)]
    assert _pedir("GET", f"{site_url}/@para-assinar", C).json()["items"] == []
