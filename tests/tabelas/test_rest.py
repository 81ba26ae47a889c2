"""The tables over HTTP: plain plone.restapi content endpoints and vocabularies."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import requests


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
BASICO = (matrix_login("basico"), MATRIX_PASSWORD)


def get(url, auth=OWNER, **kwargs):
    return requests.get(url, headers=JSON, auth=auth, timeout=60, **kwargs)


def post(url, payload, auth=OWNER, headers=None):
    return requests.post(
        url, json=payload, headers={**JSON, **(headers or {})}, auth=auth, timeout=60
    )


def patch(url, payload, auth=OWNER):
    return requests.patch(url, json=payload, headers=JSON, auth=auth, timeout=60)


def error_message(response) -> str:
    """plone.rest answers content errors as {"type", "message"} (no "error")."""
    body = response.json()
    return body.get("error", body)["message"]


def test_admin_adds_and_edits_a_tipo_de_documento(site_url):
    folder = f"{site_url}/tabelas/tipos-documento"
    response = post(
        folder,
        {
            "@type": "TipoDocumento",
            "title": "Circular",
            "aplicabilidade": "interno",
            "numeracao": "anual_orgao",
            "modelo": {
                "data": "<p>A todas as unidades,</p>",
                "content-type": "text/html",
            },
        },
    )
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert url == f"{folder}/circular"
    assert response.json()["review_state"] == "ativo"

    assert patch(url, {"numeracao": "sequencial_orgao"}).status_code == 204
    data = get(url).json()
    assert data["numeracao"]["token"] == "sequencial_orgao"
    assert "A todas as unidades" in data["modelo"]["data"]

    vocabulary = get(f"{site_url}/@vocabularies/seimg.TiposDocumentoInterno").json()
    assert "Circular" in [item["title"] for item in vocabulary["items"]]

    transition = post(f"{url}/@workflow/desativar", {})
    assert transition.status_code == 200, transition.text
    vocabulary = get(
        f"{site_url}/@vocabularies/seimg.TiposDocumentoInterno?b_size=100"
    ).json()
    assert "Circular" not in [item["title"] for item in vocabulary["items"]]


def test_matrix_user_cannot_add_or_edit_tables(site_url):
    folder = f"{site_url}/tabelas/tipos-processo"
    response = post(
        folder, {"@type": "TipoProcesso", "title": "Pessoal: Outro"}, auth=BASICO
    )
    assert response.status_code in (401, 403), response.text
    ferias = f"{folder}/pessoal-ferias"
    assert get(ferias, auth=BASICO).status_code == 200
    response = patch(ferias, {"title": "Férias (alterado)"}, auth=BASICO)
    assert response.status_code in (401, 403), response.text
    assert get(ferias).json()["title"] == "Pessoal: Férias"
    response = post(f"{ferias}/@workflow/desativar", {}, auth=BASICO)
    assert response.status_code in (400, 401, 403), response.text
    assert get(ferias).json()["review_state"] == "ativo"


def test_tables_are_public_contatos_are_not(site_url):
    informacao = f"{site_url}/tabelas/hipoteses-legais/informacao-pessoal"
    assert requests.get(informacao, headers=JSON, timeout=60).status_code == 200
    vocabulary = requests.get(
        f"{site_url}/@vocabularies/seimg.HipotesesLegais?b_size=100",
        headers=JSON,
        timeout=60,
    )
    assert vocabulary.status_code == 200
    titles = [item["title"] for item in vocabulary.json()["items"]]
    assert "Informação Pessoal (Art. 31 da Lei nº 12.527/2011)" in titles
    anonymous = requests.get(
        f"{site_url}/@vocabularies/seimg.Contatos", headers=JSON, timeout=60
    )
    assert anonymous.status_code == 401


def test_nivel_sugerido_outside_the_allowed_is_a_400(site_url):
    folder = f"{site_url}/tabelas/tipos-processo"
    response = post(
        folder,
        {
            "@type": "TipoProcesso",
            "title": "Pessoal: Sindicância",
            "niveis_permitidos": ["restrito", "sigiloso"],
            "nivel_sugerido": "publico",
        },
    )
    assert response.status_code == 400, response.text
    assert "Nível de acesso sugerido" in error_message(response)
    assert get(f"{folder}/pessoal-sindicancia").status_code == 404


def test_contato_with_invalid_cpf_is_a_400_naming_the_field(site_url):
    folder = f"{site_url}/tabelas/contatos"
    payload = {
        "@type": "Contato",
        "tipo_pessoa": "fisica",
        "nome": "José Pereira",
        "cpf": "111.222.333-44",
    }
    response = post(folder, payload, auth=BASICO)
    assert response.status_code == 400, response.text
    message = error_message(response)
    assert "CPF" in message
    assert "111.222.333-44" in message
    assert "não é um CPF válido" in message
    assert get(f"{folder}/jose-pereira").status_code == 404

    juridica = {**payload, "tipo_pessoa": "juridica", "cpf": None}
    response = post(folder, juridica, auth=BASICO)
    assert response.status_code == 400, response.text
    assert "CNPJ" in error_message(response)
    assert get(f"{folder}/jose-pereira").status_code == 404


def test_contato_created_by_a_member_belongs_to_the_acting_orgao(site_url):
    folder = f"{site_url}/tabelas/contatos"
    response = post(
        folder,
        {
            "@type": "Contato",
            "tipo_pessoa": "juridica",
            "nome": "Construtora Serrana Ltda.",
            "cnpj": "11.222.333/0001-81",
            "email": "contato@serrana.example.org",
            "orgao": "forjado",
        },
        auth=BASICO,
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["title"] == "Construtora Serrana Ltda. (CNPJ 11.222.333/0001-81)"
    cmvs = get(f"{site_url}/orgaos/cmvs").json()
    assert data["orgao"] == cmvs["UID"]
    assert data["cnpj"] == "11222333000181"

    vocabulary = get(f"{site_url}/@vocabularies/seimg.Contatos", auth=BASICO).json()
    assert data["UID"] in [item["token"] for item in vocabulary["items"]]
    # Contatos belong to their órgão: others get a missing path.
    assert requests.get(data["@id"], headers=JSON, timeout=60).status_code == 404
    outsider = ("helena.prado", "Demo@2026")
    vocabulary = get(f"{site_url}/@vocabularies/seimg.Contatos", auth=outsider).json()
    assert data["UID"] not in [item["token"] for item in vocabulary["items"]]
    response = patch(data["@id"], {"nome": "Construtora Serrana S.A."}, auth=BASICO)
    assert response.status_code == 204, response.text
    assert get(data["@id"], auth=outsider).status_code == 404
    response = patch(data["@id"], {"nome": "Outra"}, auth=outsider)
    assert response.status_code == 404, response.text


def test_classic_forms_render(site_url):
    html = {"Accept": "text/html"}
    folder = f"{site_url}/tabelas/tipos-processo"
    add = requests.get(
        f"{folder}/++add++TipoProcesso", headers=html, auth=OWNER, timeout=60
    )
    assert add.status_code == 200
    assert "Níveis de acesso permitidos" in add.text
    assert "Hipótese legal sugerida" in add.text
    edit = requests.get(
        f"{folder}/pessoal-processo-disciplinar/edit",
        headers=html,
        auth=OWNER,
        timeout=60,
    )
    assert edit.status_code == 200
    assert "Investigação de Responsabilidade de Servidor" in edit.text
    contato = requests.get(
        f"{site_url}/tabelas/contatos/++add++Contato",
        headers=html,
        auth=BASICO,
        timeout=60,
    )
    assert contato.status_code == 200
    assert "Tipo de pessoa" in contato.text
    page = requests.get(
        f"{site_url}/tabelas/tipos-documento/oficio", headers=html, timeout=60
    )
    assert page.status_code == 200
    assert "Atenciosamente" in page.text
