"""Helpers of ``make fuzz`` (scripts/fuzz.sh).

``fuzz_fixtures.py BASE DIR``: create fixtures on the running site over REST
and write a schemathesis.toml mapping them to the path parameters of
docs/openapi.yaml; prints the file's path.

``fuzz_fixtures.py --histograma REPORT.ndjson``: the status histogram per
operation of a schemathesis run, and the share of requests that reached a
handler (not 401/404).
"""

from pathlib import Path
import collections
import json
import sys

import requests


CARLOS = ("carlos.mendes", "Demo@2026")
JSON = {
    "Accept": "application/json",
    "Content-Type": "application/json",
    "X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA",
}


def _post(url, dados, auth=CARLOS):
    resposta = requests.post(url, json=dados, headers=JSON, auth=auth, timeout=120)
    resposta.raise_for_status()
    return resposta.json()


def _vocabulario(base, nome, titulo):
    itens = requests.get(
        f"{base}/@vocabularies/{nome}",
        params={"title": titulo, "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    ).json()["items"]
    return next(i["token"] for i in itens if i["title"].startswith(titulo))


XUNIDADE = {"$ref": "#/components/parameters/XUnidade"}
OUTRA_PESSOA = "daniel.souza"  # CMVS/PROCURADORIA, in no fixture


def _spec_sem_unidade(destino: Path) -> None:
    """docs/openapi.yaml without the X-Unidade parameter: the run fixes the
    acting unit with -H (a generated one is a 403 everywhere, and the config
    file's value reaches the explicit examples only)."""
    import yaml

    spec = yaml.safe_load(
        (Path(__file__).parents[1] / "docs" / "openapi.yaml").read_text("utf-8")
    )
    for item in spec["paths"].values():
        for alvo in [item, *(v for v in item.values() if isinstance(v, dict))]:
            if isinstance(alvo.get("parameters"), list):
                alvo["parameters"] = [p for p in alvo["parameters"] if p != XUNIDADE]
    destino.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))


def fixtures(base: str, pasta: str) -> Path:
    lai = _vocabulario(base, "seimg.TiposProcesso", "Acesso à Informação: Pedido")
    oficio_tipo = _vocabulario(base, "seimg.TiposDocumentoInterno", "Ofício")
    processo = _post(
        f"{base}/processos",
        {
            "@type": "Processo",
            "tipo_processo": lai,
            "especificacao": "Processo do fuzz",
            "nivel_acesso": "publico",
        },
    )
    oficio = _post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": oficio_tipo,
            "nivel_acesso": "publico",
            # Written over the model: signing refuses its untouched fields.
            "texto": {"data": "<p>Ofício do fuzz.</p>", "content-type": "text/html"},
        },
    )
    _post(
        f"{oficio['@id']}/@assinar", {"senha": CARLOS[1], "cargo": "Secretário-Geral"}
    )
    minuta = _post(
        processo["@id"],
        {"@type": "Documento", "tipo_documento": oficio_tipo},
    )
    disciplinar = _vocabulario(
        base, "seimg.TiposProcesso", "Pessoal: Processo Disciplinar"
    )
    investigacao = _vocabulario(
        base, "seimg.HipotesesLegais", "Investigação de Responsabilidade"
    )
    sigiloso = _post(
        f"{base}/processos",
        {
            "@type": "Processo",
            "tipo_processo": disciplinar,
            "especificacao": "Sigiloso do fuzz",
            "nivel_acesso": "sigiloso",
            "hipotese_legal": investigacao,
            "grau_sigilo": "reservado",
        },
    )
    bloco = _post(f"{base}/@blocos", {"tipo": "assinatura", "descricao": "Fuzz"})
    marcador = _post(f"{base}/@marcadores", {"nome": "Fuzz", "cor": "azul"})
    marcador_id = next(m["id"] for m in marcador["items"] if m["nome"] == "Fuzz")
    conta = _post(f"{base}/orgaos/cmvs/@contas-servico", {"nome": "Fuzz"})
    caminho = processo["@id"].split("/seimg/", 1)[1]
    valores = {
        "processo": caminho,
        "processo_ou_documento": caminho,
        "documento": oficio["@id"].split("/seimg/", 1)[1],
        "minuta": minuta["@id"].split("/seimg/", 1)[1],
        "orgao": "cmvs",
        "login": conta["login"],
        "usuario": "carlos.mendes",
        "bloco": str(bloco["id"]),
        "uid": sigiloso["UID"],
        "tarefa": "inexistente",
        "id": marcador_id,
        "qualquer": "qualquer",
    }
    _spec_sem_unidade(Path(pasta) / "openapi.yaml")
    config = Path(pasta) / "schemathesis.toml"
    servico = {**valores, "login": conta["login"]}
    valores["login"] = "carlos.mendes"  # a person, but for @contas-servico
    linhas = ["[parameters]"] + [
        f'"path.{nome}" = {json.dumps(valor)}' for nome, valor in valores.items()
    ]
    # The acting unit is the fuzzing user's, not a generated one (any other
    # unit answers 403 on every endpoint); admin acts for none.
    linhas.append('"header.X-Unidade" = "UNIDADE"')
    linhas += [
        "",
        "[[operations]]",
        'include-path-regex = "@contas-servico"',
        "[operations.parameters]",
        f'"path.login" = {json.dumps(servico["login"])}',
        # Removing perfis or users, or changing a password, of the fuzzing
        # user would turn the rest of the run into 401/403: another person.
        "",
        "[[operations]]",
        'include-path-regex = "@usuarios/|@users/"',
        "[operations.parameters]",
        f'"path.login" = {json.dumps(OUTRA_PESSOA)}',
    ]
    texto = "\n".join(linhas) + "\n"
    config.write_text(texto.replace("UNIDADE", "CMVS/PRESIDENCIA/SECRETARIA"))
    (Path(pasta) / "schemathesis-admin.toml").write_text(texto.replace("UNIDADE", ""))
    return config


def histograma(relatorio: str) -> None:
    por_operacao = collections.defaultdict(collections.Counter)
    for linha in Path(relatorio).read_text().splitlines():
        evento = json.loads(linha)
        fim = evento.get("ScenarioFinished")
        if not fim:
            continue
        rotulo = fim["recorder"]["label"]
        metodo = rotulo.split(" ", 1)[0]
        for interacao in fim["recorder"].get("interactions", {}).values():
            if interacao["request"]["method"] != metodo:
                continue  # schemathesis's probes of undocumented methods
            por_operacao[rotulo][interacao["response"]["status_code"]] += 1
    total = alcancaram = 0
    for rotulo, contagem in sorted(por_operacao.items()):
        n = sum(contagem.values())
        dentro = sum(c for s, c in contagem.items() if s not in (401, 404))
        total += n
        alcancaram += dentro
        estados = ", ".join(f"{s}: {c}" for s, c in sorted(contagem.items()))
        print(
            f"{rotulo:60} {n:5} pedidos, "
            f"{100 * dentro / n:5.1f}% no handler | {estados}"
        )
    if total:
        print(
            f"{len(por_operacao)} operações, {total} pedidos, "
            f"{100 * alcancaram / total:.1f}% chegaram a um handler"
        )


if __name__ == "__main__":
    if sys.argv[1] == "--histograma":
        histograma(sys.argv[2])
    else:
        print(fixtures(sys.argv[1], sys.argv[2]))
