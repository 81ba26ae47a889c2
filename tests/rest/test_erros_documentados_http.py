"""Every documented error of every seimg endpoint, provoked and checked.

For each operation of ``docs/openapi.yaml`` the test provokes errors —
generically (a multipart body without boundary, an acting unit the user
does not hold, no login, a path naming nothing, a JSON array or an unknown
field as body) and, for the statuses only some endpoints have, on purpose
(a minuta's sealed PDF, a job still running, LibreOffice down, a type
without template, too many attempts). Every error answered must be:

- a status documented for that operation (an undocumented one fails);
- in the one error shape (``components/schemas/Error``), message and each
  field's message in Portuguese;
- 429 and 503 with ``Retry-After``.

And every documented error status must have been provoked at least once:
a status no request can produce is not documentation but noise.
"""

from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import SECRETARIA
from tests.rest.caminhos import login_para
from tests.rest.portugues import em_portugues
import collections
import dataclasses
import json
import jsonschema
import requests
import yaml


SPEC = yaml.safe_load(
    (Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text(encoding="utf-8")
)
ERRO = SPEC["components"]["schemas"]["Error"]
METODOS = ("get", "post", "put", "patch", "delete")
INEXISTENTE = "nao-existe-x"
ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
ACERVO = (matrix_login("sigilosos"), MATRIX_PASSWORD)  # CMVS/SECRETARIA
# Who provokes an operation's generic errors: carlos.mendes, but where he is
# refused (403) before anything else is looked at, someone who is not.
COMO_ADMIN = {"auth": ADMIN, "unidade": {}}
ATORES = {
    "GET /@seimg-status": COMO_ADMIN,
    "POST /@adesao": COMO_ADMIN,
    "GET /@users/{login}": COMO_ADMIN,
    "PATCH /@users/{login}": COMO_ADMIN,
    "DELETE /@users/{login}": COMO_ADMIN,
    "GET /@bloqueios": COMO_ADMIN,
    "DELETE /@bloqueios/{login}": COMO_ADMIN,
    "GET /@acervo-sigilosos": {"auth": ACERVO},
    "POST /@acervo-sigilosos/{uid}": {"auth": ACERVO},
}
# Path values deliberately not looked up (no telling which logins exist).
NAO_REVELA = {"POST /@users/{login}/reset-password"}


@dataclasses.dataclass
class Operacao:
    caminho: str
    metodo: str
    spec: dict
    parametros: list

    @property
    def chave(self) -> str:
        return f"{self.metodo.upper()} {self.caminho}"

    @property
    def documentados(self) -> set[int]:
        return {int(s) for s in self.spec["responses"] if s[0] in "45"}

    @property
    def corpo_json(self) -> bool:
        corpo = self.spec.get("requestBody", {}).get("content", {})
        return "application/json" in corpo


def _resolver(objeto: dict) -> dict:
    while "$ref" in objeto:
        no = SPEC
        for parte in objeto["$ref"].removeprefix("#/").split("/"):
            no = no[parte]
        objeto = no
    return objeto


def operacoes() -> list[Operacao]:
    resultado = []
    for caminho, item in SPEC["paths"].items():
        comuns = item.get("parameters", [])
        for metodo in METODOS:
            if metodo in item:
                op = item[metodo]
                parametros = [_resolver(p) for p in comuns + op.get("parameters", [])]
                resultado.append(Operacao(caminho, metodo, op, parametros))
    return resultado


def _valor(parametro: dict, dados: dict) -> str:
    nome = parametro["name"]
    if nome in dados:
        return str(dados[nome])
    esquema = parametro.get("schema", {})
    for fonte in (parametro, esquema):
        if "example" in fonte:
            return str(fonte["example"])
    if parametro.get("examples"):
        return str(next(iter(parametro["examples"].values()))["value"])
    if esquema.get("enum"):
        return str(esquema["enum"][0])
    return "x"


class Caminhante:
    """Makes the requests and keeps what each answered."""

    def __init__(self, site_url: str, dados: dict):
        self.site_url = site_url
        self.dados = dados
        self.problemas: list[str] = []
        self.provocados: dict[str, set[int]] = collections.defaultdict(set)

    def url(self, op: Operacao, trocar: str | None = None) -> str:
        caminho = op.caminho
        for parametro in op.parametros:
            if parametro["in"] != "path":
                continue
            nome = parametro["name"]
            if nome == trocar:
                inteiro = parametro.get("schema", {}).get("type") == "integer"
                valor = "999999" if inteiro else INEXISTENTE
            elif nome == "login":
                valor = login_para(op.caminho, self.dados)
            else:
                valor = _valor(parametro, self.dados)
            caminho = caminho.replace("{" + nome + "}", valor)
        return self.site_url + caminho

    def consulta(self, op: Operacao) -> dict:
        return {
            p["name"]: _valor(p, self.dados)
            for p in op.parametros
            if p["in"] == "query" and (p.get("required") or "example" in p)
        }

    def chamar(
        self,
        op: Operacao,
        provocacao: str,
        *,
        esperado=None,
        auth=CARLOS,
        unidade=SECRETARIA,
        trocar=None,
        **kwargs,
    ) -> requests.Response:
        headers = {"Accept": "application/json", **unidade}
        headers.update(kwargs.pop("headers", {}))
        resposta = requests.request(
            op.metodo.upper(),
            self.url(op, trocar),
            params=kwargs.pop("params", self.consulta(op)),
            headers=headers,
            auth=auth,
            timeout=120,
            allow_redirects=False,
            **kwargs,
        )
        self.conferir(op, provocacao, resposta, esperado)
        return resposta

    def conferir(self, op, provocacao, resposta, esperado) -> None:
        status = resposta.status_code
        onde = f"{op.chave} [{provocacao}] → {status}"
        if esperado is not None and status not in esperado:
            self.problemas.append(f"{onde}: esperado {sorted(esperado)}")
        if status < 400:
            return
        self.provocados[op.chave].add(status)
        if status not in op.documentados:
            self.problemas.append(f"{onde}: status não documentado")
        try:
            corpo = resposta.json()
            jsonschema.validate(corpo, ERRO)
        except (ValueError, jsonschema.ValidationError) as exc:
            self.problemas.append(f"{onde}: fora da forma de erro: {exc!s:.200}")
            return
        erro = corpo["error"]
        textos = [erro["message"]] + [c["mensagem"] for c in erro.get("campos", [])]
        for texto in textos:
            if not em_portugues(texto):
                self.problemas.append(f"{onde}: mensagem fora do português: {texto!r}")
        if status in (429, 503) and not resposta.headers.get("Retry-After"):
            self.problemas.append(f"{onde}: sem Retry-After")


def _genericas(caminhante: Caminhante, op: Operacao) -> None:
    sempre_405 = {405} & op.documentados
    quem = ATORES.get(op.chave, {})
    caminhante.chamar(
        op,
        "multipart sem fronteira",
        esperado={400} | sempre_405,
        data=b"x",
        headers={"Content-Type": "multipart/form-data"},
        **quem,
    )
    caminhante.chamar(
        op,
        "unidade alheia",
        esperado={403},
        unidade={"X-Unidade": "CMVS/NAO-EXISTE"},
    )
    caminhante.chamar(op, "anônimo", auth=None, unidade={})
    for parametro in op.parametros:
        if parametro["in"] == "path" and op.chave not in NAO_REVELA:
            # 400 when the made-up value is not even of the parameter's type
            caminhante.chamar(
                op,
                f"{parametro['name']} inexistente",
                esperado={400, 404} | sempre_405,
                trocar=parametro["name"],
                **quem,
            )
    if op.corpo_json:
        caminhante.chamar(
            op, "corpo é lista", esperado={400} | sempre_405, json=["x"], **quem
        )
        caminhante.chamar(
            op,
            "campo desconhecido",
            esperado={400} | sempre_405,
            json={"campo_que_nao_existe": 1},
            **quem,
        )


def _por_chave(chave: str) -> Operacao:
    return next(op for op in operacoes() if op.chave == chave)


def _ate_recusar(caminhante, op, provocacao, vezes=30, **kwargs):
    """Repeat a refused attempt until the throttle answers 429."""
    for _i in range(vezes):
        resposta = caminhante.chamar(op, provocacao, **kwargs)
        if resposta.status_code == 429:
            return
    caminhante.problemas.append(f"{op.chave} [{provocacao}]: nunca 429")


def _novos_limites():
    from seimg.acesso import limites

    limites.usar(limites.MemoriaStore())


def _especificas(caminhante: Caminhante, tarefa_pendente, monkeypatch) -> None:
    from plone import api

    dados = caminhante.dados
    # 409: a minuta has no sealed PDF; a job that has not finished.
    caminhante.dados = {**dados, "documento": dados["minuta"]}
    caminhante.chamar(
        _por_chave("GET /{documento}/@pdf-assinado"), "minuta", esperado={409}
    )
    caminhante.dados = dados
    caminhante.chamar(
        _por_chave("GET /{processo}/@pdf-processo/{tarefa}/download"),
        "tarefa pendente",
        esperado={409},
    )
    # 429: the user's unfinished jobs are at the limit (3, with dados's).
    processo = api.content.get(path="/" + dados["processo"])
    tarefa_pendente(processo)
    tarefa_pendente(processo)
    op = _por_chave("POST /{processo}/@pdf-processo")
    caminhante.chamar(op, "tarefas demais", esperado={429}, json={})
    # 404: no acting unit (the admin holds no perfil anywhere).
    caminhante.chamar(
        _por_chave("GET /@unidade-atual"), "sem unidade", esperado={404}, **COMO_ADMIN
    )
    # 429: throttled credentials and checks, each on fresh counters.
    _novos_limites()
    _ate_recusar(
        caminhante,
        _por_chave("POST /@login"),
        "senha errada",
        auth=None,
        unidade={},
        json={"login": "carlos.mendes", "password": "errada"},
    )
    _novos_limites()
    _ate_recusar(
        caminhante,
        _por_chave("POST /@users/{login}/reset-password"),
        "pedidos de senha",
        auth=None,
        unidade={},
        json={},
    )
    _novos_limites()
    _ate_recusar(
        caminhante,
        _por_chave("GET /@autenticidade"),
        "conferências",
        vezes=200,
        auth=None,
        unidade={},
        params={"cv": "1234567", "crc": "ABCDEF01"},
    )
    _novos_limites()
    # 429: the public portal's budget per address (a tiny bucket here).
    with monkeypatch.context() as baldes:
        baldes.setenv("SEIMG_BALDE_PAGINA", "3/1")
        for chave in (
            "GET /@transparencia",
            "GET /@transparencia/orgaos",
            "GET /@transparencia/processo/{nup}",
            "GET /@transparencia/documento/{numero_sei}",
        ):
            _novos_limites()
            _ate_recusar(
                caminhante, _por_chave(chave), "orçamento", auth=None, unidade={}
            )
    _novos_limites()
    # 503: every LibreOffice worker is busy (held here) past the queue's wait.
    from seimg.assinatura import pades
    from seimg.geracao import libreoffice
    from seimg.geracao import pool
    from zope.annotation.interfaces import IAnnotations
    import contextlib
    import transaction

    transaction.abort()  # see what the server committed
    oficio = api.content.get(path="/" + dados["documento"])
    IAnnotations(oficio).pop(pades.ANNOTATION_KEY, None)  # no sealed PDF cached
    transaction.commit()
    with monkeypatch.context() as fila, contextlib.ExitStack() as ocupados:
        fila.setenv("SEIMG_LIBREOFFICE_QUEUE_TIMEOUT", "0.2")
        for _i in range(libreoffice.workers()):
            ocupados.enter_context(pool.reservar(timeout=30))
        caminhante.chamar(
            _por_chave("GET /{documento}/@gerar"),
            "LibreOffice ocupado",
            esperado={503},
            params={"formato": "pdf"},
        )
        caminhante.chamar(
            _por_chave("GET /{documento}/@pdf-assinado"),
            "LibreOffice ocupado",
            esperado={503},
        )
    # 422: no template for the document's type, nor the default one.
    from seimg.geracao.documentos import modelo_do_documento

    documento = api.content.get(path="/" + dados["documento"])
    with api.env.adopt_roles(["Manager"]):
        while (modelo := modelo_do_documento(documento)) is not None:
            api.content.delete(modelo, check_linkintegrity=False)
    transaction.commit()
    caminhante.chamar(
        _por_chave("GET /{documento}/@gerar"),
        "sem modelo",
        esperado={422},
        params={"formato": "pdf"},
    )


class _PedidoJson(dict):
    """What the server's Idempotency-Key fingerprint reads of a request."""

    def __init__(self, dados, cabecalhos):
        super().__init__(BODY=json.dumps(dados).encode())
        self.cabecalhos = {"Content-Type": "application/json", **cabecalhos}
        self.form = {}

    def getHeader(self, nome):
        return self.cabecalhos.get(nome)


def _idempotencia(caminhante: Caminhante) -> None:
    """409 and 422 of the operations taking an Idempotency-Key: the key
    held by a request still running, or used by another request."""
    from seimg.base import idempotencia

    store = idempotencia.loja()
    for op in operacoes():
        if not any(p.get("name") == idempotencia.CABECALHO for p in op.parametros):
            continue
        quem = ATORES.get(op.chave, {})
        unidade = quem.get("unidade", SECRETARIA)
        usuario = quem.get("auth", CARLOS)[0]
        caminho = "/plone" + caminhante.url(op).removeprefix(caminhante.site_url)
        metodo = op.metodo.upper()
        impressao = idempotencia.impressao(_PedidoJson({}, unidade))
        for chave, assinatura, status in (
            ("em-andamento", impressao, 409),
            ("de-outro-pedido", "outra", 422),
        ):
            ident = idempotencia.Identificacao(usuario, chave, metodo, caminho)
            store.reservar(ident, assinatura, "outro pedido", idempotencia.relogio())
            caminhante.chamar(
                op,
                f"Idempotency-Key {chave}",
                esperado={status},
                headers={idempotencia.CABECALHO: chave},
                json={},
                **quem,
            )


def test_erros_documentados(site_url, dados, tarefa_pendente, monkeypatch):
    caminhante = Caminhante(site_url, dados)
    for op in operacoes():
        _genericas(caminhante, op)
    _idempotencia(caminhante)
    _especificas(caminhante, tarefa_pendente, monkeypatch)
    faltam = [
        f"{op.chave}: {status} documentado e nunca provocado"
        for op in operacoes()
        for status in sorted(op.documentados - caminhante.provocados[op.chave])
    ]
    assert not caminhante.problemas + faltam, "\n".join(caminhante.problemas + faltam)
