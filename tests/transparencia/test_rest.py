"""``GET /@transparencia`` over HTTP (issue 19): the public search, one
process, one document, the órgãos; 404 alike for hidden and unknown; bad
input 400 in Portuguese; 429 with Retry-After over budget."""

from tests.pesquisa.test_rest import _tipo_lai
from tests.pesquisa.test_rest import CARLOS
from tests.pesquisa.test_rest import SECRETARIA
import requests


JSON = {"Accept": "application/json"}


def _hipotese(site_url, titulo="Informação Pessoal") -> str:
    resposta = requests.get(
        f"{site_url}/@vocabularies/seimg.HipotesesLegais",
        params={"title": titulo, "b_size": 200},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    return resposta.json()["items"][0]["token"]


def _criar(site_url, especificacao, nivel="publico") -> dict:
    corpo = {
        "@type": "Processo",
        "tipo_processo": _tipo_lai(site_url),
        "especificacao": especificacao,
        "nivel_acesso": nivel,
    }
    if nivel != "publico":
        corpo["hipotese_legal"] = _hipotese(site_url)
    if nivel == "sigiloso":
        corpo["grau_sigilo"] = "reservado"
    resposta = requests.post(
        f"{site_url}/processos",
        json=corpo,
        headers={**JSON, "Content-Type": "application/json", **SECRETARIA},
        auth=CARLOS,
        timeout=120,
    )
    assert resposta.status_code == 201, resposta.text
    return resposta.json()


def _get(site_url, caminho="", auth=None, **params):
    return requests.get(
        f"{site_url}/@transparencia{caminho}",
        params=params,
        headers=JSON,
        auth=auth,
        timeout=120,
    )


def _digitos(numero):
    return "".join(c for c in numero if c.isdigit())


def test_search_process_and_orgaos(site_url):
    publico = _criar(site_url, "Compra de tamancos holandeses")
    restrito = _criar(site_url, "Tamancos do servidor Beltrano", nivel="restrito")
    resposta = _get(site_url, q="tamancos")
    assert resposta.status_code == 200, resposta.text
    dados = resposta.json()
    numeros = {item["numero"]: item for item in dados["items"]}
    assert publico["numero"] in numeros
    # Rp (personal information): listed by number, never matched by its words
    assert restrito["numero"] not in numeros
    assert dados["items_total"] == len(dados["items"])
    # any NUP format opens the same process
    processo = _get(site_url, f"/processo/{_digitos(publico['numero'])}")
    assert processo.status_code == 200
    assert processo.json()["numero"] == publico["numero"]
    assert processo.json()["especificacao"] == "Compra de tamancos holandeses"
    # Rp: the process exists for the public, its especificação does not
    rp = _get(site_url, f"/processo/{_digitos(restrito['numero'])}").json()
    assert rp["especificacao"] is None
    assert "Beltrano" not in str(rp)
    orgaos = _get(site_url, "/orgaos").json()["items"]
    assert {o["id"] for o in orgaos} >= {"cmvs", "pmvs"}


def test_logged_in_callers_get_the_public_answer(site_url):
    restrito = _criar(site_url, "Tamancos da servidora Sicrana", nivel="restrito")
    caminho = f"/processo/{_digitos(restrito['numero'])}"
    assert _get(site_url, caminho, auth=CARLOS).json()["especificacao"] is None


def test_hidden_and_unknown_answer_the_same_404(site_url, acceptance):
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_processo
    import transaction

    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        numero = novo_processo(portal, nivel="sigiloso").numero
    transaction.commit()
    oculto = _get(site_url, f"/processo/{_digitos(numero)}")
    desconhecido = _get(site_url, "/processo/99999999999999999")
    assert oculto.status_code == desconhecido.status_code == 404
    assert oculto.json() == desconhecido.json()
    assert _get(site_url, "/nada/disso").status_code == 404


def test_bad_input_is_a_400_in_portuguese(site_url):
    for params in (
        {"b_size": "1000"},
        {"b_start": "-3"},
        {"de": "ontem"},
        {"q": "x" * 10_000},
        {"orgao": "orgao-que-nao-existe"},
        {"nivel": "publico"},
    ):
        resposta = _get(site_url, **params)
        assert resposta.status_code == 400, (params, resposta.text)
        assert resposta.json()["error"]["message"], params
