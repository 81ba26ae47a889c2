"""Processos and documentos over plone.restapi: creation, refusals, actions."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import base64
import pytest
import re
import requests


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", SENHA)
DANIEL = ("daniel.souza", SENHA)
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
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
def uids(site_url):
    return {
        "lai": _uid(site_url, "seimg.TiposProcesso", "Acesso à Informação: Pedido"),
        "oficio": _uid(site_url, "seimg.TiposDocumentoInterno", "Ofício"),
        "certidao": _uid(site_url, "seimg.TiposDocumentoExterno", "Certidão"),
        "pessoal": _uid(site_url, "seimg.HipotesesLegais", "Informação Pessoal"),
        "disciplinar": _uid(
            site_url, "seimg.TiposProcesso", "Pessoal: Processo Disciplinar"
        ),
        "investigacao": _uid(
            site_url, "seimg.HipotesesLegais", "Investigação de Responsabilidade"
        ),
    }


def post(url, data, auth=CARLOS, headers=SECRETARIA):
    return requests.post(
        url, json=data, headers={**JSON, **headers}, auth=auth, timeout=120
    )


def contar_processos(site_url):
    response = requests.get(
        f"{site_url}/@search",
        params={"portal_type": "Processo"},
        headers=JSON,
        auth=OWNER,
        timeout=60,
    )
    return response.json()["items_total"]


def novo_processo(site_url, uids, **extra):
    data = {
        "@type": "Processo",
        "tipo_processo": uids["lai"],
        "especificacao": "Pedido de cópia de contrato",
        "nivel_acesso": "publico",
        **extra,
    }
    response = post(f"{site_url}/processos", data)
    assert response.status_code == 201, response.text
    return response.json()


def test_processo_criado_com_nup_e_campos_calculados(site_url, uids):
    body = novo_processo(site_url, uids, numero="9999.99.9999999/2000-00")
    assert re.fullmatch(r"2101\.02\.\d{7}/\d{4}-\d{2}", body["numero"])
    assert body["@id"].rsplit("/", 1)[1] == re.sub(r"[./]", "-", body["numero"])
    assert body["nivel_acesso_efetivo"]["token"] == "publico"
    assert body["unidade_geradora"]["sigla"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert body["documentos"] == []
    assert body["review_state"] == "publico"


@pytest.mark.parametrize(
    ("campo", "dados"),
    [
        ("hipotese", {"nivel_acesso": "restrito"}),
        ("tipo_processo", {"tipo_processo": "nao-existe"}),
        ("especificacao", {"especificacao": "x" * 101}),
        ("informado", {"numero_informado": "2101.02.0000123/2020-00"}),
    ],
)
def test_processo_invalido_e_recusado_sem_criar_nada(site_url, uids, campo, dados):
    antes = contar_processos(site_url)
    data = {
        "@type": "Processo",
        "tipo_processo": uids["lai"],
        "especificacao": "Pedido",
        "nivel_acesso": "publico",
        **dados,
    }
    response = post(f"{site_url}/processos", data)
    assert response.status_code == 400, response.text
    erro = response.json()["error"]
    texto = str(erro)
    palavras = {
        "hipotese": "Hipótese legal",
        "tipo_processo": "tipo_processo",
        "especificacao": "especificacao",
        "informado": "Número informado",
    }
    assert palavras[campo] in texto
    assert erro["campos"]
    assert contar_processos(site_url) == antes


def test_numero_informado_valido_e_aceito(site_url, uids):
    from seimg.numeracao.digitos import mod97_10

    digits = "2101020000042" + "2019"
    numero = f"2101.02.0000042/2019-{mod97_10(digits)}"
    body = novo_processo(site_url, uids, numero_informado=numero)
    assert body["numero"] == numero


def test_documentos_numerados_e_arquivo_disfarcado_recusado(site_url, uids):
    processo = novo_processo(site_url, uids)
    oficio = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
        },
    )
    assert oficio.status_code == 201, oficio.text
    oficio = oficio.json()
    assert re.fullmatch(r"\d{7}", oficio["numero_sei"])
    assert re.fullmatch(
        r"Ofício nº \d+/\d{4}/CMVS/SECRETARIA", oficio["numero_formatado"]
    )
    assert oficio["minuta"] is True
    assert "Senhor" in oficio["texto"]["data"]  # the type's template

    def externo(nome, dados):
        return post(
            processo["@id"],
            {
                "@type": "DocumentoExterno",
                "tipo_documento": uids["certidao"],
                "data_documento": "2026-11-20",
                "numero": "123/2026",
                "formato": "nato_digital",
                "nivel_acesso": "publico",
                "arquivo": {
                    "data": base64.b64encode(dados).decode(),
                    "encoding": "base64",
                    "filename": nome,
                    "content-type": "application/pdf",
                },
            },
        )

    disfarcado = externo("certidao.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert disfarcado.status_code == 400
    assert "Arquivo" in disfarcado.text
    pdf = externo("certidao.pdf", PDF)
    assert pdf.status_code == 201, pdf.text
    listed = requests.get(processo["@id"], headers=JSON, auth=CARLOS, timeout=60).json()
    assert [d["numero_sei"] for d in listed["documentos"]] == [
        oficio["numero_sei"],
        pdf.json()["numero_sei"],
    ]


def test_minuta_invisivel_a_outra_unidade(site_url, uids):
    processo = novo_processo(site_url, uids)
    oficio = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
        },
    ).json()
    # Another unit's minuta: answered as a missing path (divulgacao.md).
    assert (
        requests.get(oficio["@id"], headers=JSON, auth=DANIEL, timeout=60).status_code
        == 404
    )
    listed = requests.get(processo["@id"], headers=JSON, auth=DANIEL, timeout=60).json()
    assert listed["documentos"] == []


def test_processo_excluido_so_vazio(site_url, uids):
    processo = novo_processo(site_url, uids)
    post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
        },
    )
    recusa = requests.delete(
        processo["@id"], headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    )
    assert recusa.status_code == 403
    assert "documentos" in recusa.json()["error"]["message"]
    vazio = novo_processo(site_url, uids)
    ok = requests.delete(
        vazio["@id"], headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60
    )
    assert ok.status_code == 204


def test_credenciais_de_processo_sigiloso(site_url, uids):
    processo = novo_processo(
        site_url,
        uids,
        tipo_processo=uids["disciplinar"],
        nivel_acesso="sigiloso",
        hipotese_legal=uids["investigacao"],
    )
    assert processo["review_state"] == "sigiloso"
    url = f"{processo['@id']}/@credenciais"
    # Sigiloso without a credencial: answered as a missing path.
    assert (
        requests.get(processo["@id"], headers=JSON, auth=DANIEL, timeout=60).status_code
        == 404
    )
    errada = post(url, {"usuario": "daniel.souza", "senha": "errada"})
    assert errada.status_code == 403
    assert "Senha" in errada.json()["error"]["message"]
    # Sigiloso without a credencial: answered as a missing path.
    assert (
        requests.get(processo["@id"], headers=JSON, auth=DANIEL, timeout=60).status_code
        == 404
    )
    concedida = post(url, {"usuario": "daniel.souza", "senha": SENHA})
    assert concedida.status_code == 201, concedida.text
    assert {i["usuario"] for i in concedida.json()["items"]} == {
        "carlos.mendes",
        "daniel.souza",
    }
    assert (
        requests.get(processo["@id"], headers=JSON, auth=DANIEL, timeout=60).status_code
        == 200
    )
    cassada = requests.delete(
        f"{url}/daniel.souza",
        json={"senha": SENHA},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert cassada.status_code == 200, cassada.text
    # Sigiloso without a credencial: answered as a missing path.
    assert (
        requests.get(processo["@id"], headers=JSON, auth=DANIEL, timeout=60).status_code
        == 404
    )
    andamentos = requests.get(
        f"{processo['@id']}/@andamentos", headers=JSON, auth=CARLOS, timeout=60
    ).json()
    tipos = [item["tipo"] for item in andamentos["items"]]
    assert tipos.count("credencial_concedida") == 2
    assert "credencial_cassada" in tipos


def test_documento_assinado_nao_se_altera(site_url, uids, acceptance):
    from plone import api
    from seimg.nivel_acesso.efetivo import SISTEMA
    import transaction

    processo = novo_processo(site_url, uids)
    oficio = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
        },
    ).json()
    portal = acceptance["portal"]
    transaction.begin()
    doc = portal.unrestrictedTraverse(oficio["@id"].split("/plone/", 1)[1])
    with api.env.adopt_roles([SISTEMA]):
        api.content.transition(obj=doc, transition="assinar")
    transaction.commit()
    response = requests.patch(
        oficio["@id"],
        json={"destinatarios": ["Outro destinatário"]},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert response.status_code == 403
    assert "assinado não pode ser alterado" in response.json()["error"]["message"]
    depois = requests.get(oficio["@id"], headers=JSON, auth=CARLOS, timeout=60).json()
    assert depois["destinatarios"] == []


def test_orgao_com_cnpj_invalido_e_400(site_url):
    response = requests.patch(
        f"{site_url}/orgaos/cmvs",
        json={"cnpj": "11.111.111/1111-11"},
        headers=JSON,
        auth=OWNER,
        timeout=60,
    )
    assert response.status_code == 400
    assert "CNPJ" in response.text
