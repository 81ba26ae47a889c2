"""The organisation over HTTP: adesão, the acting unit, users, and bad input."""

from .conftest import INVALIDO
from .conftest import NOVO_ORGAO
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import base64
import re
import requests


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
ADMIN_CMVS = (matrix_login("administrador"), MATRIX_PASSWORD)
BASICO = (matrix_login("basico"), MATRIX_PASSWORD)


def post_adesao(site_url, content: str, auth=OWNER, **extra):
    payload = {
        "nome": "arquivo.yaml",
        "conteudo": base64.b64encode(content.encode("utf-8")).decode("ascii"),
        **extra,
    }
    return requests.post(
        f"{site_url}/@adesao", json=payload, headers=JSON, auth=auth, timeout=120
    )


def test_adesao_creates_orgao_and_invites_users_by_email(site_url, acceptance):
    sink = acceptance["smtp"]
    before = len(sink.received)

    response = post_adesao(site_url, NOVO_ORGAO)

    assert response.status_code == 200, response.text
    data = response.json()
    assert data["orgao"] == f"{site_url}/orgaos/cmnv"
    assert sorted(data["convidados"]) == ["joao.reis", "rita.campos"]
    mails = sink.received[before:]
    assert sorted(m["To"] for m in mails) == [
        "joao.reis@novavista.mg.leg.br",
        "rita.campos@novavista.mg.leg.br",
    ]
    body = mails[0].get_payload(decode=True).decode("utf-8")
    assert "Uma conta foi criada para você no seimg" in body
    assert mails[0]["Subject"] == "=?utf-8?q?Seu_acesso_ao_seimg?="
    link = re.search(r"(http\S+/passwordreset/\S+)", body).group(1)
    assert link.startswith(site_url)
    assert requests.get(link, timeout=30).status_code == 200
    unidade = requests.get(f"{site_url}/orgaos/cmnv/prot", headers=JSON, auth=OWNER)
    assert unidade.json()["sigla_completa"] == "CMNV/PRES/SEC/PROT"
    assert unidade.json()["superior"]["sigla_completa"] == "CMNV/PRES/SEC"


def test_adesao_simulation_saves_nothing(site_url):
    response = post_adesao(site_url, NOVO_ORGAO, simular=True)
    assert response.json() == {"valido": True, "simulado": True}
    missing = requests.get(f"{site_url}/orgaos/cmnv", headers=JSON, auth=OWNER)
    assert missing.status_code == 404


def test_invalid_adesao_lists_every_error_and_creates_nothing(site_url, acceptance):
    sink = acceptance["smtp"]
    before = len(sink.received)

    response = post_adesao(site_url, INVALIDO)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "ArquivoInvalido"
    assert "nada foi criado" in error["message"]
    assert len(error["campos"]) >= 9
    assert set(error["campos"][0]) == {"campo", "mensagem"}
    assert error["campos"][0]["campo"].startswith("linha")
    missing = requests.get(f"{site_url}/orgaos/cmnv", headers=JSON, auth=OWNER)
    assert missing.status_code == 404
    assert len(sink.received) == before


def test_adesao_needs_the_permission(site_url):
    response = post_adesao(site_url, NOVO_ORGAO, auth=ADMIN_CMVS)
    assert response.status_code in (401, 403)


def test_adesao_without_file_is_a_clear_400(site_url):
    response = requests.post(
        f"{site_url}/@adesao", json={"conteudo": "%%%"}, headers=JSON, auth=OWNER
    )
    assert response.status_code == 400
    assert "base64" in response.json()["error"]["message"]


def test_unknown_x_unidade_is_403_json_naming_it(site_url):
    response = requests.get(
        f"{site_url}/@unidade-atual",
        headers={**JSON, "X-Unidade": "CMVS/NAOEXISTE"},
        auth=BASICO,
        timeout=30,
    )
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "Forbidden"
    assert "CMVS/NAOEXISTE" in response.json()["error"]["message"]


def test_foreign_x_unidade_is_refused_on_any_endpoint(site_url):
    response = requests.get(
        f"{site_url}/orgaos/cmvs",
        headers={**JSON, "X-Unidade": "PMVS/GABINETE/SEMAD"},
        auth=BASICO,
        timeout=30,
    )
    assert response.status_code == 403
    assert "PMVS/GABINETE/SEMAD" in response.json()["error"]["message"]


def test_acting_unit_is_chosen_and_remembered(site_url):
    auth = ("igor.freitas", "Demo@2026")
    mine = requests.get(f"{site_url}/@minhas-unidades", headers=JSON, auth=auth).json()
    paths = [item["sigla_completa"] for item in mine["items"]]
    assert paths == ["PMVS/GABINETE/SEMAD", "PMVS/GABINETE/SEMAD/PROTOCOLO"]
    # The cargos he signs with, so a client need not guess @assinar's cargo.
    assert mine["cargos"] == ["Agente Administrativo"]

    chosen = requests.post(
        f"{site_url}/@unidade-atual",
        json={"unidade": "PMVS/GABINETE/SEMAD/PROTOCOLO"},
        headers=JSON,
        auth=auth,
    )
    assert chosen.status_code == 200
    current = requests.get(f"{site_url}/@unidade-atual", headers=JSON, auth=auth)
    assert current.json()["sigla_completa"] == "PMVS/GABINETE/SEMAD/PROTOCOLO"
    assert [p["id"] for p in current.json()["perfis"]] == ["basico", "protocolo"]


def test_search_units_across_orgaos(site_url):
    response = requests.get(
        f"{site_url}/@unidades", params={"q": "protocolo"}, headers=JSON, auth=BASICO
    )
    paths = [item["sigla_completa"] for item in response.json()["items"]]
    assert paths == [
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
        "PMVS/GABINETE/SEMAD/PROTOCOLO",
    ]


def test_deleting_a_used_unit_is_refused(site_url):
    response = requests.delete(
        f"{site_url}/orgaos/cmvs/protocolo", headers=JSON, auth=ADMIN_CMVS, timeout=30
    )
    assert response.status_code == 400
    assert "desative-a" in response.json()["error"]["message"]
    still = requests.get(f"{site_url}/orgaos/cmvs/protocolo", headers=JSON, auth=BASICO)
    assert still.status_code == 200


def test_unit_made_its_own_ancestor_is_refused(site_url):
    protocolo = requests.get(
        f"{site_url}/orgaos/cmvs/protocolo", headers=JSON, auth=OWNER
    ).json()
    response = requests.patch(
        f"{site_url}/orgaos/cmvs/secretaria",
        json={"superior": protocolo["UID"]},
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=30,
    )
    assert response.status_code == 400
    assert "subunidades" in response.json()["error"]["message"]
    secretaria = requests.get(
        f"{site_url}/orgaos/cmvs/secretaria", headers=JSON, auth=OWNER
    ).json()
    assert secretaria["sigla_completa"] == "CMVS/PRESIDENCIA/SECRETARIA"


def test_deleting_a_new_unit_is_allowed(site_url):
    created = requests.post(
        f"{site_url}/orgaos/cmvs",
        json={"@type": "Unidade", "sigla": "TEMP", "nome": "Temporária", "codigo": 99},
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert created.status_code == 201, created.text
    assert created.json()["sigla_completa"] == "CMVS/TEMP"
    response = requests.delete(created.json()["@id"], headers=JSON, auth=ADMIN_CMVS)
    assert response.status_code == 204


def test_new_unit_with_a_taken_code_is_refused(site_url):
    response = requests.post(
        f"{site_url}/orgaos/cmvs",
        json={"@type": "Unidade", "sigla": "OUTRA", "nome": "Outra", "codigo": 3},
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert response.status_code == 400
    assert (
        "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO" in response.json()["error"]["message"]
    )
    assert requests.get(f"{site_url}/orgaos/cmvs/outra", auth=OWNER).status_code == 404


def test_orgao_admin_grants_and_revokes_perfis(site_url):
    url = f"{site_url}/orgaos/cmvs/@usuarios"
    granted = requests.post(
        url,
        json={
            "login": "elisa.castro",
            "unidade": "CMVS/PRESIDENCIA/PROCURADORIA",
            "perfil": "colaborador",
        },
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert granted.status_code == 200, granted.text
    listing = requests.get(url, headers=JSON, auth=ADMIN_CMVS).json()["items"]
    elisa = next(item for item in listing if item["login"] == "elisa.castro")
    assert [x["unidade"] for x in elisa["lotacoes"]] == [
        "CMVS/PRESIDENCIA/PROCURADORIA",
        "CMVS/PRESIDENCIA/SECRETARIA",
    ]
    revoked = requests.delete(
        f"{url}/elisa.castro",
        params={"unidade": "CMVS/PRESIDENCIA/PROCURADORIA"},
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert revoked.status_code == 204
    listing = requests.get(url, headers=JSON, auth=ADMIN_CMVS).json()["items"]
    elisa = next(item for item in listing if item["login"] == "elisa.castro")
    assert [x["unidade"] for x in elisa["lotacoes"]] == ["CMVS/PRESIDENCIA/SECRETARIA"]


def test_orgao_admin_cannot_touch_another_orgao(site_url):
    response = requests.post(
        f"{site_url}/orgaos/pmvs/@usuarios",
        json={"login": "igor.freitas", "unidade": "PMVS/GABINETE", "perfil": "basico"},
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert response.status_code in (401, 403)


def test_new_user_with_invalid_cpf_is_a_400_naming_the_field(site_url):
    response = requests.post(
        f"{site_url}/orgaos/cmvs/@usuarios",
        json={
            "login": "novo.servidor",
            "unidade": "CMVS/PRESIDENCIA/SECRETARIA",
            "perfil": "basico",
            "nome": "Novo Servidor",
            "email": "novo@vilaserrana.mg.leg.br",
            "cpf": "123.456.789-00",
        },
        headers=JSON,
        auth=ADMIN_CMVS,
    )
    assert response.status_code == 400
    assert [c["campo"] for c in response.json()["error"]["campos"]] == ["cpf"]
