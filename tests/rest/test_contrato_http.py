"""The REST contract under schemathesis (issue 13), in the suite.

Every operation of ``docs/openapi.yaml`` is one test item, so each runs on
a fresh database (the acceptance layer stacks a DemoStorage per test):
fixtures made for it (a process with a signed ofício, a sigiloso process, a
bloco, a service account) are mapped to its path parameters. Examples are
derandomised (fixed seed), at most 5 per operation, as carlos.mendes acting
for CMVS/PRESIDENCIA/SECRETARIA.

Checked: no answer is a 5xx, and every status answered is documented for
its operation (an undocumented status fails). The per-operation status
histogram is kept in :data:`HISTOGRAMA` and written to
``$SEIMG_CONTRATO_RELATORIO`` when set.
"""

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from pathlib import Path
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import SECRETARIA
import collections
import json
import os
import pytest
import schemathesis
import transaction


SPEC = Path(__file__).parents[2] / "docs" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SPEC)
HISTOGRAMA: dict = collections.defaultdict(collections.Counter)


@pytest.fixture
def dados(acceptance):
    """Objects of a fresh database, by path parameter name."""
    from plone import api
    from tests.divulgacao.cenario import CARGO
    from tests.divulgacao.cenario import SENHA
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo
    from tests.processos.conftest import unidade

    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Processo do contrato")
        oficio = novo_oficio(processo)
        from seimg.assinatura import api as assinatura

        assinatura.assinar(oficio, SENHA, CARGO)
        novo_oficio(processo)  # a minuta
        sigiloso = novo_processo(portal, nivel="sigiloso")
        from seimg.assinatura import blocos

        bloco = blocos.criar("assinatura", "Bloco do contrato")
        from seimg.acesso import servicos

        with api.env.adopt_roles(["Manager"]):
            conta, _segredo = servicos.criar(portal["orgaos"]["cmvs"], "ERP")
        unidade(portal, "cmvs/protocolo")
    transaction.commit()
    caminho = "/".join(processo.getPhysicalPath()[2:])
    return {
        "processo": caminho,
        "processo_ou_documento": caminho,
        "documento": "/".join(oficio.getPhysicalPath()[2:]),
        "orgao": "cmvs",
        "login": conta.login,
        "usuario": "carlos.mendes",
        "bloco": str(bloco.id),
        "uid": sigiloso.UID(),
        "tarefa": "inexistente",
        "id": "inexistente",
        "qualquer": "qualquer",
    }


def _chave(case) -> str:
    return f"{case.method.upper()} {case.path}"


@SCHEMA.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_operacao(case, site_url, dados):
    for nome in list(case.path_parameters or {}):
        if nome in dados:
            case.path_parameters[nome] = dados[nome]
    if "login" in (case.path_parameters or {}) and "@contas-servico" not in case.path:
        case.path_parameters["login"] = "carlos.mendes"  # a person, not a service
    resposta = case.call(
        base_url=site_url,
        headers={"Accept": "application/json", **SECRETARIA},
        auth=CARLOS,
    )
    if case.method.upper() == case.operation.method.upper():
        # (schemathesis also probes undocumented methods: not counted)
        HISTOGRAMA[_chave(case)][resposta.status_code] += 1
    case.validate_response(
        resposta, checks=[not_a_server_error, status_code_conformance]
    )


def teardown_module(module):
    relatorio = os.environ.get("SEIMG_CONTRATO_RELATORIO")
    if relatorio:
        Path(relatorio).write_text(
            json.dumps(
                {chave: dict(contagem) for chave, contagem in HISTOGRAMA.items()},
                indent=1,
                sort_keys=True,
            )
        )
