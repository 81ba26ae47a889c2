"""Links and per-unit notes over HTTP: every endpoint, and bad input → 400."""

import pytest
import requests
import uuid


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", SENHA)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
PROTOCOLO = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"}
BEATRIZ = ("beatriz.lima", SENHA)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def chamar(metodo, url, data=None, auth=CARLOS, headers=SECRETARIA, raw=None):
    kwargs = {"data": raw} if raw is not None else {"json": data}
    return requests.request(
        metodo,
        url,
        headers={**JSON, **headers},
        auth=auth,
        timeout=120,
        **kwargs,
    )


def _uid(site_url, vocabulary, title):
    response = requests.get(
        f"{site_url}/@vocabularies/{vocabulary}",
        params={"title": title, "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    for item in response.json()["items"]:
        if item["title"].startswith(title):
            return item["token"]
    raise AssertionError(f"{title} not in {vocabulary}")


@pytest.fixture
def novo(site_url):
    lai = _uid(site_url, "seimg.TiposProcesso", "Acesso à Informação: Pedido")

    def criar(**extra):
        data = {
            "@type": "Processo",
            "tipo_processo": lai,
            "especificacao": "Pedido de cópia",
            "nivel_acesso": "publico",
            **extra,
        }
        response = chamar("POST", f"{site_url}/processos", data)
        assert response.status_code == 201, response.text
        return response.json()

    return criar


def _andamentos(processo) -> list[str]:
    response = chamar("GET", f"{processo['@id']}/@andamentos")
    assert response.status_code == 200, response.text
    return [item["tipo"] for item in response.json()["items"]]


def _erro(response, status, campo):
    assert response.status_code == status, response.text
    mensagem = response.json()["error"]["message"]
    assert campo.lower() in mensagem.lower(), mensagem


def test_sobrestamento(novo):
    processo, outro = novo(), novo()
    url = f"{processo['@id']}/@sobrestamento"
    antes = _andamentos(processo)
    _erro(chamar("POST", url, {}), 400, "Motivo")
    _erro(chamar("POST", url, {"motivo": "x" * 501}), 400, "Motivo")
    _erro(
        chamar("POST", url, {"motivo": "Aguardar", "processo_vinculado": "nada"}),
        400,
        "processo_vinculado",
    )
    _erro(chamar("POST", url, raw="{not json"), 400, "JSON")
    _erro(chamar("DELETE", url), 403, "não está sobrestado")
    assert _andamentos(processo) == antes

    response = chamar(
        "POST", url, {"motivo": "Aguardar", "processo_vinculado": outro["numero"]}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sobrestado"] is True
    assert body["sobrestamento"]["motivo"] == "Aguardar"
    assert body["sobrestamento"]["processo_vinculado"] == outro["numero"]
    assert body["sobrestamento"]["unidade"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert _andamentos(processo)[-1] == "sobrestamento"
    _erro(chamar("POST", url, {"motivo": "De novo"}), 403, "já está sobrestado")

    response = chamar("DELETE", url)
    assert response.status_code == 200, response.text
    assert response.json()["sobrestado"] is False
    (periodo,) = response.json()["periodos_sobrestado"]
    assert periodo["fim"] >= periodo["inicio"]
    assert _andamentos(processo)[-1] == "sobrestamento_removido"


def test_relacionamentos(novo):
    a, b = novo(), novo()
    url = f"{a['@id']}/@relacionamentos"
    _erro(chamar("POST", url, {}), 400, "processo")
    _erro(chamar("POST", url, {"processo": "9999.99.9999999/9999-99"}), 400, "processo")
    _erro(chamar("POST", url, {"processo": a["numero"]}), 400, "processo")
    response = chamar("POST", url, {"processo": b["numero"]})
    assert response.status_code == 201, response.text
    assert [p["numero"] for p in response.json()["relacionados"]] == [b["numero"]]
    response = chamar("GET", f"{b['@id']}/@relacionamentos")
    assert [p["numero"] for p in response.json()["relacionados"]] == [a["numero"]]
    _erro(chamar("POST", url, {"processo": b["UID"]}), 400, "processo")
    response = chamar("DELETE", url, {"processo": b["UID"]})
    assert response.status_code == 200, response.text
    assert response.json()["relacionados"] == []
    _erro(chamar("DELETE", url, {"processo": b["UID"]}), 400, "processo")
    assert _andamentos(b)[-2:] == ["relacionamento_incluido", "relacionamento_removido"]


def test_anexar_e_desanexar(novo):
    principal, anexado = novo(), novo()
    _erro(chamar("POST", f"{principal['@id']}/@anexar", {}), 400, "processo")
    _erro(
        chamar("POST", f"{anexado['@id']}/@anexar", {"processo": principal["numero"]}),
        403,
        "mais recente",
    )
    response = chamar(
        "POST", f"{principal['@id']}/@anexar", {"processo": anexado["numero"]}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [p["numero"] for p in body["anexos"]] == [anexado["numero"]]
    assert body["avisos"] == []
    estado = chamar("GET", anexado["@id"]).json()
    assert estado["unidades_abertas"] == []
    vinculos = chamar("GET", f"{anexado['@id']}/@relacionamentos").json()
    assert vinculos["anexado_a"]["numero"] == principal["numero"]

    url = f"{principal['@id']}/@desanexar"
    _erro(chamar("POST", url, {"processo": anexado["numero"]}), 400, "Motivo")
    _erro(chamar("POST", url, {"motivo": "Engano"}), 400, "processo")
    response = chamar("POST", url, {"processo": anexado["numero"], "motivo": "Engano"})
    assert response.status_code == 200, response.text
    assert response.json()["anexos"] == []
    estado = chamar("GET", anexado["@id"]).json()
    assert [u["sigla"] for u in estado["unidades_abertas"]] == [
        "CMVS/PRESIDENCIA/SECRETARIA"
    ]
    assert _andamentos(principal)[-2:] == ["anexacao", "desanexacao"]


def test_ciencia(site_url, novo):
    processo = novo()
    url = f"{processo['@id']}/@ciencia"
    response = chamar("POST", url)
    assert response.status_code == 201, response.text
    (ciencia,) = response.json()["ciencias"]
    assert ciencia["unidade"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert ciencia["usuario"] == "carlos.mendes"
    antes = _andamentos(processo)
    assert antes[-1] == "ciencia"
    _erro(chamar("POST", url), 400, "ciência")
    assert _andamentos(processo) == antes

    oficio = _uid(site_url, "seimg.TiposDocumentoInterno", "Ofício")
    response = chamar(
        "POST",
        processo["@id"],
        {"@type": "Documento", "tipo_documento": oficio, "nivel_acesso": "publico"},
    )
    assert response.status_code == 201, response.text
    minuta = response.json()["@id"]
    # The unit's own minuta: allowed (SEI); the process was already acknowledged.
    response = chamar("POST", f"{minuta}/@ciencia")
    assert response.status_code == 201, response.text


def test_anotacao(novo):
    processo = novo()
    url = f"{processo['@id']}/@anotacao"
    assert chamar("GET", url).json()["anotacao"] is None
    _erro(chamar("PUT", url, {}), 400, "Texto")
    _erro(chamar("PUT", url, {"texto": "Oi", "prioridade": "sim"}), 400, "Prioridade")
    _erro(chamar("DELETE", url), 400, "Anotação")
    response = chamar("PUT", url, {"texto": "Ligar amanhã", "prioridade": True})
    assert response.status_code == 200, response.text
    nota = response.json()["anotacao"]
    assert (nota["texto"], nota["prioridade"], nota["usuario"]) == (
        "Ligar amanhã",
        True,
        "carlos.mendes",
    )
    assert chamar("GET", url).json()["anotacao"]["texto"] == "Ligar amanhã"
    assert "anotacao" not in " ".join(_andamentos(processo))
    response = chamar("DELETE", url)
    assert response.status_code == 200, response.text
    assert response.json()["anotacao"] is None


def test_marcadores(site_url, novo):
    url = f"{site_url}/@marcadores"
    nome = f"Urgente {uuid.uuid4().hex[:6]}"
    _erro(chamar("POST", url, {"nome": nome, "cor": "dourado"}), 400, "Cor")
    _erro(chamar("POST", url, {"cor": "verde"}), 400, "Nome")
    response = chamar("POST", url, {"nome": nome, "cor": "vermelho"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["unidade"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert {c["token"] for c in body["cores"]} >= {"vermelho", "azul"}
    (criado,) = [m for m in body["items"] if m["nome"] == nome]
    _erro(chamar("POST", url, {"nome": nome, "cor": "azul"}), 400, "Nome")
    response = chamar("PATCH", f"{url}/{criado['id']}", {"cor": "azul"})
    assert response.status_code == 200, response.text
    (editado,) = [m for m in response.json()["items"] if m["id"] == criado["id"]]
    assert editado["cor"] == "azul"
    # A marcador the unit does not have is a missing path.
    assert chamar("PATCH", f"{url}/nao-existe", {"cor": "azul"}).status_code == 404
    assert chamar("DELETE", f"{url}/nao-existe").status_code == 404
    # another unit does not see them
    outros = chamar("GET", url, auth=BEATRIZ, headers=PROTOCOLO).json()["items"]
    assert criado["id"] not in [m["id"] for m in outros if m["nome"] == nome]
    assert nome not in [m["nome"] for m in outros]

    processo = novo()
    marcador_url = f"{processo['@id']}/@marcador"
    _erro(chamar("PUT", marcador_url, {"marcador": "nao-existe"}), 400, "Marcador")
    _erro(chamar("PUT", marcador_url, {}), 400, "Marcador")
    response = chamar(
        "PUT", marcador_url, {"marcador": criado["id"], "texto": "Prazo sexta"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["marcacao"]["marcador"]["nome"] == nome
    assert response.json()["marcacao"]["texto"] == "Prazo sexta"
    _erro(chamar("DELETE", f"{url}/{criado['id']}"), 403, "processo")
    response = chamar("DELETE", marcador_url)
    assert response.status_code == 200, response.text
    body = chamar("GET", marcador_url).json()
    assert body["marcacao"] is None
    assert [h["acao"] for h in body["historico"]] == ["marcado", "desmarcado"]
    _erro(chamar("DELETE", marcador_url), 400, "Marcador")
    response = chamar("DELETE", f"{url}/{criado['id']}")
    assert response.status_code == 200, response.text
    assert nome not in [m["nome"] for m in response.json()["items"]]


def test_acompanhamento(site_url, novo):
    processo = novo()
    url = f"{processo['@id']}/@acompanhamento"
    _erro(chamar("PUT", url, {"grupo": "g" * 101}), 400, "Grupo")
    _erro(chamar("PUT", url, {"observacao": 3}), 400, "observacao")
    _erro(chamar("DELETE", url), 400, "Acompanhamento")
    response = chamar("PUT", url, {"grupo": "Licitações", "observacao": "Ver"})
    assert response.status_code == 200, response.text
    assert response.json()["acompanhamento"]["grupo"] == "Licitações"
    lista = chamar("GET", f"{site_url}/@acompanhamentos").json()
    (item,) = [i for i in lista["items"] if i["numero"] == processo["numero"]]
    assert (item["grupo"], item["observacao"], item["aberto"]) == (
        "Licitações",
        "Ver",
        True,
    )
    response = chamar("DELETE", url)
    assert response.status_code == 200, response.text
    lista = chamar("GET", f"{site_url}/@acompanhamentos").json()
    assert processo["numero"] not in [i["numero"] for i in lista["items"]]
