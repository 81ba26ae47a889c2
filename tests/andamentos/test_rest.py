"""``<processo>/@andamentos`` over HTTP: read, add, and never change."""

from .conftest import criar_processo
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg import andamentos
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import pytest
import requests
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
EDITOR = (matrix_login("basico"), MATRIX_PASSWORD)
LEITOR = (matrix_login("colaborador"), MATRIX_PASSWORD)
IMUTAVEIS = "Andamentos não podem ser alterados nem excluídos."


@pytest.fixture
def processo_url(acceptance, site_url):
    portal = acceptance["portal"]
    processo = criar_processo(portal, "processo-rest")
    # Units the process passed through (viewer T): the complete history.
    api.user.grant_roles(
        username=EDITOR[0], obj=processo, roles=["Editor", "UnidadeProcesso"]
    )
    api.user.grant_roles(
        username=LEITOR[0], obj=processo, roles=["Reader", "LeitorProcesso"]
    )
    orgao = portal["orgaos"]["cmvs"]
    andamentos.registrar(processo, "processo_gerado", unidade=orgao["secretaria"])
    andamentos.registrar(
        processo,
        "documento_gerado",
        unidade=orgao["secretaria"],
        usuario=EDITOR[0],
        documento="Ofício 3",
    )
    andamentos.registrar(
        processo,
        "processo_remetido",
        unidade=orgao["secretaria"],
        destinos=["CMVS/PRESIDENCIA/PROCURADORIA"],
    )
    andamentos.registrar(processo, "processo_recebido", unidade=orgao["procuradoria"])
    transaction.commit()
    return f"{site_url}/processo-rest"


def get(url, auth=LEITOR, **params):
    return requests.get(
        f"{url}/@andamentos", headers=JSON, auth=auth, params=params, timeout=30
    )


def test_get_lists_the_history_in_portuguese(processo_url, acceptance):
    response = get(processo_url)

    assert response.status_code == 200, response.text
    data = response.json()
    assert data["@id"] == f"{processo_url}/@andamentos"
    assert data["items_total"] == 4
    tipos = [item["tipo"] for item in data["items"]]
    assert tipos == [
        "processo_gerado",
        "documento_gerado",
        "processo_remetido",
        "processo_recebido",
    ]
    documento = data["items"][1]
    assert documento["descricao"] == "Gerado documento Ofício 3"
    assert documento["atributos"] == {"documento": "Ofício 3"}
    assert documento["usuario"] == {"id": EDITOR[0], "nome": "Matriz 0 basico"}
    secretaria = acceptance["portal"]["orgaos"]["cmvs"]["secretaria"]
    assert documento["unidade"] == {
        "uid": secretaria.UID(),
        "sigla": "CMVS/PRESIDENCIA/SECRETARIA",
        "nome": secretaria.nome,
    }
    assert documento["data"].endswith("+00:00")
    assert data["items"][2]["descricao"] == (
        "Processo remetido pela unidade CMVS/PRESIDENCIA/SECRETARIA para "
        "CMVS/PRESIDENCIA/PROCURADORIA"
    )


def test_get_filters(processo_url, acceptance):
    resumido = get(processo_url, resumido="true").json()
    assert [i["tipo"] for i in resumido["items"]] == [
        "processo_gerado",
        "processo_remetido",
        "processo_recebido",
    ]
    procuradoria = acceptance["portal"]["orgaos"]["cmvs"]["procuradoria"]
    da_unidade = get(processo_url, unidade=procuradoria.UID()).json()
    assert [i["tipo"] for i in da_unidade["items"]] == ["processo_recebido"]
    assert da_unidade["items_total"] == 1


def test_get_needs_view_permission(processo_url):
    assert get(processo_url, auth=None).status_code == 401


def test_post_adds_a_free_text_update(processo_url, acceptance):
    response = requests.post(
        f"{processo_url}/@andamentos",
        json={"texto": "Aguardando manifestação do interessado."},
        headers=JSON,
        auth=EDITOR,
        timeout=30,
    )

    assert response.status_code == 201, response.text
    item = response.json()
    assert item["tipo"] == "atualizacao_andamento"
    assert item["descricao"] == "Aguardando manifestação do interessado."
    assert item["unidade"]["sigla"] == "CMVS/PRESIDENCIA/SECRETARIA"
    assert item["usuario"]["id"] == EDITOR[0]
    items = get(processo_url).json()["items"]
    assert items[-1] == item
    assert len(items) == 5


@pytest.mark.parametrize(
    ("payload", "trecho"),
    [
        ({}, "obrigatório não informado"),
        ({"texto": "   "}, "Informe um texto"),
        ({"texto": 12}, "Tipo de dado errado"),
        ({"texto": "x" * 1001}, "no máximo 1000 caracteres"),
        ({"texto": "ok\x00"}, "caracteres de controle"),
        ({"texto": "ok", "outro": 1}, "Campo desconhecido"),
    ],
)
def test_post_bad_text_is_400_naming_the_field(processo_url, payload, trecho):
    response = requests.post(
        f"{processo_url}/@andamentos",
        json=payload,
        headers=JSON,
        auth=EDITOR,
        timeout=30,
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "BadRequest"
    assert error["campos"][0]["campo"] in ("texto", "outro")
    assert trecho in error["message"]
    assert get(processo_url).json()["items_total"] == 4


def test_post_needs_modify_permission(processo_url):
    response = requests.post(
        f"{processo_url}/@andamentos",
        json={"texto": "leitor não escreve"},
        headers=JSON,
        auth=LEITOR,
        timeout=30,
    )
    assert response.status_code in (401, 403)
    assert get(processo_url).json()["items_total"] == 4


@pytest.mark.parametrize("method", ["PATCH", "PUT", "DELETE"])
@pytest.mark.parametrize("sufixo", ["", "/123", "/qualquer/coisa"])
@pytest.mark.parametrize("auth", [OWNER, EDITOR], ids=["manager", "editor"])
def test_history_cannot_be_changed(processo_url, method, sufixo, auth):
    antes = get(processo_url, auth=OWNER).json()

    response = requests.request(
        method,
        f"{processo_url}/@andamentos{sufixo}",
        json={"texto": "adulterado", "items": []},
        headers=JSON,
        auth=auth,
        timeout=30,
    )

    assert response.status_code == 405, response.text
    assert response.json()["error"]["message"] == IMUTAVEIS
    assert response.json()["error"]["type"] == "MethodNotAllowed"
    assert get(processo_url, auth=OWNER).json() == antes
