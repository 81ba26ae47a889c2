"""Every seimg workflow is complete and plone.restapi's @workflow works on it.

Before upgrade 1011, five workflows had no ``review_history``: ``@workflow``
answered 400 after the transition had happened. Here each content type's
``@workflow`` is read by its users, an administrator runs a transition of a
table item and of a unit through ``@workflow``, and a user's attempt at a
system transition (the access level of a process) is refused in Portuguese
with nothing changed.
"""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.upgrades import v1011
import pytest
import requests


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
CARLOS = ("carlos.mendes", "Demo@2026")
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}
VARIAVEIS = {"action", "actor", "comments", "review_history", "time"}


def test_every_workflow_has_the_standard_variables(acceptance):
    wtool = acceptance["portal"].portal_workflow
    for wid in v1011.WORKFLOWS:
        wf = wtool.getWorkflowById(wid)
        assert set(wf.variables.objectIds()) >= VARIAVEIS, wid


def _primeiro(site_url, tipo, auth, headers=None):
    if tipo == "Contato":  # the demo has none: one made for the test
        criado = requests.post(
            f"{site_url}/tabelas/contatos",
            json={
                "@type": "Contato",
                "tipo_pessoa": "juridica",
                "nome": "Fluxo Serviços Ltda",
                "cnpj": "11.222.333/0001-81",
            },
            headers=JSON,
            auth=OWNER,
            timeout=60,
        )
        assert criado.status_code == 201, criado.text
        return criado.json()["@id"]
    resposta = requests.get(
        f"{site_url}/@search",
        params={"portal_type": tipo, "b_size": 1},
        headers={**JSON, **(headers or {})},
        auth=auth,
        timeout=60,
    )
    assert resposta.status_code == 200, resposta.text
    return resposta.json()["items"][0]["@id"]


@pytest.mark.parametrize(
    ("tipo", "auth", "headers"),
    [
        ("Processo", CARLOS, SECRETARIA),
        ("Documento", CARLOS, SECRETARIA),
        ("DocumentoExterno", CARLOS, SECRETARIA),
        ("Orgao", OWNER, None),
        ("Unidade", OWNER, None),
        ("TipoProcesso", OWNER, None),
        ("Contato", OWNER, None),
    ],
)
def test_workflow_info_reads(site_url, tipo, auth, headers):
    url = _primeiro(site_url, tipo, auth, headers)
    resposta = requests.get(
        f"{url}/@workflow", headers={**JSON, **(headers or {})}, auth=auth, timeout=60
    )
    assert resposta.status_code == 200, resposta.text
    assert "history" in resposta.json()


def test_admin_runs_transitions_through_workflow(site_url):
    url = _primeiro(site_url, "TipoProcesso", OWNER)
    for transicao, estado in (("desativar", "inativo"), ("reativar", "ativo")):
        resposta = requests.post(
            f"{url}/@workflow/{transicao}", headers=JSON, auth=OWNER, timeout=60
        )
        assert resposta.status_code == 200, resposta.text
        assert resposta.json()["review_state"] == estado
        atual = requests.get(url, headers=JSON, auth=OWNER, timeout=60).json()
        assert atual["review_state"] == estado


def test_system_transitions_are_refused_to_users(site_url):
    url = _primeiro(site_url, "Processo", CARLOS, SECRETARIA)
    antes = requests.get(url, headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60)
    resposta = requests.post(
        f"{url}/@workflow/classificar_sigiloso",
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert 400 <= resposta.status_code < 500, resposta.text
    erro = resposta.json()["error"]
    assert erro["message"]
    depois = requests.get(url, headers={**JSON, **SECRETARIA}, auth=CARLOS, timeout=60)
    assert depois.json()["review_state"] == antes.json()["review_state"]


def test_upgrade_1011_adds_only_the_missing_variables(acceptance):
    import transaction

    portal = acceptance["portal"]
    wf = portal.portal_workflow.getWorkflowById("seimg_processo_workflow")
    wf.variables.manage_delObjects(["review_history", "comments"])
    estados = sorted(wf.states.objectIds())
    try:
        adicionadas = v1011.adicionar_variaveis(portal.portal_workflow)
        assert adicionadas == [
            "seimg_processo_workflow.comments",
            "seimg_processo_workflow.review_history",
        ]
        assert set(wf.variables.objectIds()) >= VARIAVEIS
        assert sorted(wf.states.objectIds()) == estados
        assert v1011.adicionar_variaveis(portal.portal_workflow) == []
    finally:
        transaction.abort()
