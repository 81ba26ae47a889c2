"""The REST contract under schemathesis (issue 13), in the suite.

Every operation of ``docs/openapi.yaml`` is one test item, so each runs on
a fresh database (the acceptance layer stacks a DemoStorage per test):
fixtures made for it (a process with a signed ofício, a sigiloso process, a
bloco, a service account) are mapped to its path parameters. Examples are
derandomised (fixed seed), at most 5 per operation, as carlos.mendes acting
for CMVS/PRESIDENCIA/SECRETARIA.

Checked: no answer is a 5xx; every status answered is documented for its
operation (an undocumented status fails); every response matches its
documented schema (errors: the one error shape); error messages are
Portuguese. The per-operation status
histogram is kept in :data:`HISTOGRAMA` and written to
``$SEIMG_CONTRATO_RELATORIO`` when set.
"""

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from pathlib import Path
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import SECRETARIA
from tests.rest.caminhos import login_para
from tests.rest.portugues import em_portugues
import collections
import json
import os
import schemathesis


SPEC = Path(__file__).parents[2] / "docs" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SPEC)
HISTOGRAMA: dict = collections.defaultdict(collections.Counter)


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
    if "login" in (case.path_parameters or {}):
        case.path_parameters["login"] = login_para(case.path, dados)
    resposta = case.call(
        base_url=site_url,
        headers={"Accept": "application/json", **SECRETARIA},
        auth=CARLOS,
    )
    if case.method.upper() == case.operation.method.upper():
        # (schemathesis also probes undocumented methods: not counted)
        HISTOGRAMA[_chave(case)][resposta.status_code] += 1
    if resposta.status_code >= 400 and resposta.headers.get(
        "Content-Type", ""
    ).startswith("application/json"):
        erro = resposta.json().get("error", {})
        for texto in [erro.get("message", "")] + [
            c.get("mensagem", "") for c in erro.get("campos", [])
        ]:
            assert em_portugues(texto), f"{_chave(case)}: {texto!r}"
    case.validate_response(
        resposta,
        checks=[
            not_a_server_error,
            status_code_conformance,
            response_schema_conformance,
        ],
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
