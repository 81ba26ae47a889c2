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
