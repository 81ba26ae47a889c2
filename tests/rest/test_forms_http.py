"""The reader's text rules in the Classic UI forms of seimg sites."""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import contar_processos
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import re
import requests


@pytest.mark.parametrize("texto", ["Pedido\x00 nulo", "Pedido \x07 sino"])
def test_formulario_recusa_caracteres_de_controle(site_url, uids, texto):  # noqa: F811
    sessao = requests.Session()
    sessao.auth = CARLOS
    sessao.headers.update(SECRETARIA)
    url = f"{site_url}/processos/++add++Processo"
    pagina = sessao.get(url, timeout=60).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina).group(1)
    antes = contar_processos(site_url)
    resposta = sessao.post(
        url,
        data={
            "form.widgets.tipo_processo:list": uids["lai"],
            "form.widgets.especificacao": texto,
            "form.widgets.nivel_acesso:list": "publico",
            "form.buttons.save": "Salvar",
            "_authenticator": token,
        },
        timeout=60,
    )
    assert resposta.status_code == 200
    assert "caracteres de controle" in resposta.text
    assert contar_processos(site_url) == antes


def _andamentos(site_url, processo_url):
    resposta = requests.get(
        f"{processo_url}/@andamentos",
        headers={"Accept": "application/json", **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    return resposta.json()["items_total"]


@pytest.mark.parametrize("texto", ["Andamento\x00 nulo", "Andamento \x1b[31m"])
def test_formulario_de_acao_recusa_caracteres_de_controle(
    site_url,
    uids,  # noqa: F811
    texto,
):
    """An action form that reads request.form itself (andamento, immutable
    once written) gets the same rule, before its view runs."""
    from tests.processos.test_rest import novo_processo

    processo = novo_processo(site_url, uids)["@id"]
    sessao = requests.Session()
    sessao.auth = CARLOS
    sessao.headers.update({**SECRETARIA, "Accept": "text/html"})
    pagina = sessao.get(f"{processo}/@@andamentos", timeout=60).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina).group(1)
    antes = _andamentos(site_url, processo)
    resposta = sessao.post(
        f"{processo}/@@andamentos",
        data={"texto": texto, "_authenticator": token},
        timeout=60,
    )
    assert resposta.status_code == 400
    assert "caracteres não permitidos" in resposta.text
    assert "texto" in resposta.text
    assert _andamentos(site_url, processo) == antes
    resposta = sessao.post(
        f"{processo}/@@andamentos",
        data={"texto": "Linha um\r\n\tLinha dois", "_authenticator": token},
        timeout=60,
    )
    assert resposta.status_code == 200
    assert _andamentos(site_url, processo) == antes + 1


def test_formulario_multipart_completo_continua_lido(site_url, uids):  # noqa: F811
    """The truncated-multipart check reads the body's tail: a whole
    multipart form is parsed as before."""
    from tests.processos.test_rest import novo_processo

    processo = novo_processo(site_url, uids)["@id"]
    sessao = requests.Session()
    sessao.auth = CARLOS
    sessao.headers.update({**SECRETARIA, "Accept": "text/html"})
    pagina = sessao.get(f"{processo}/@@andamentos", timeout=60).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina).group(1)
    antes = _andamentos(site_url, processo)
    resposta = sessao.post(
        f"{processo}/@@andamentos",
        files={
            "texto": (None, "Enviado como multipart"),
            "_authenticator": (None, token),
        },
        timeout=60,
    )
    assert resposta.status_code == 200, resposta.text[:500]
    assert _andamentos(site_url, processo) == antes + 1
