"""A person in Chromium: sending a process to two units; the other side's inbox.

carlos.mendes sends a process to the Protocolo and the Arquivo with the
``@@enviar`` form; beatriz.lima logs in, lands on the Controle de Processos,
sees it flagged as not received, opens it, and back in the Controle it shows
as received.
"""

from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
import pytest
import requests


pytestmark = pytest.mark.browser

PROTOCOLO = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
ARQUIVO = "CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def _novo_processo(site_url) -> dict:
    """The process itself is created over REST; the sending is the UI under test."""
    carlos = ("carlos.mendes", DEMO_PASSWORD)
    tipos = requests.get(
        f"{site_url}/@vocabularies/seimg.TiposProcesso",
        params={"title": "Acesso à Informação: Pedido", "b_size": 200},
        headers=JSON,
        auth=carlos,
        timeout=60,
    ).json()["items"]
    response = requests.post(
        f"{site_url}/processos",
        json={
            "@type": "Processo",
            "tipo_processo": tipos[0]["token"],
            "especificacao": "Pedido de cópia do contrato de merenda",
            "nivel_acesso": "publico",
        },
        headers={**JSON, "X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"},
        auth=carlos,
        timeout=120,
    )
    assert response.status_code == 201, response.text
    return response.json()


def _linha(page, numero):
    return page.locator(f"#seimg-controle-tabela tr[data-numero='{numero}']")


def test_enviar_para_duas_unidades_e_receber(page, site_url, chromium):
    processo = _novo_processo(site_url)
    numero, url = processo["numero"], processo["@id"]

    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    assert "@@controle-processos" in page.url, "users with a unit land on it"
    page.goto(f"{url}/@@enviar")
    page.wait_for_selector("#seimg-enviar-form")
    # The select is enhanced by select2: choose the options on the select itself.
    escolhidas = page.eval_on_selector(
        "#seimg-destinos",
        """(select, siglas) => {
            const escolhidas = [];
            for (const option of select.options) {
                const texto = option.textContent.trim();
                option.selected = siglas.some((s) => texto.startsWith(s + " "));
                if (option.selected) escolhidas.push(texto);
            }
            select.dispatchEvent(new Event("change", {bubbles: true}));
            return escolhidas;
        }""",
        [PROTOCOLO, ARQUIVO],
    )
    assert len(escolhidas) == 2, escolhidas
    page.uncheck("#seimg-notificar")
    page.click("#seimg-enviar-form button[name='form.buttons.enviar']")
    page.wait_for_load_state()
    assert page.locator("#seimg-tramitacao-erro").count() == 0

    chromium.clear_cookies()
    log_in(page, site_url, "beatriz.lima", DEMO_PASSWORD)
    assert "@@controle-processos" in page.url
    linha = _linha(page, numero)
    assert linha.count() == 1
    assert "seimg-nao-recebido" in (linha.get_attribute("class") or "")
    assert linha.locator(".seimg-flag-nao-recebido").is_visible()
    assert "Não recebido" in linha.inner_text()

    linha.locator("a.seimg-nup").click()
    page.wait_for_selector("#seimg-nup")
    assert page.locator("#seimg-nup").inner_text().strip() == numero

    page.goto(f"{site_url}/@@controle-processos")
    linha = _linha(page, numero)
    assert linha.count() == 1
    assert "seimg-nao-recebido" not in (linha.get_attribute("class") or "")
    assert linha.locator(".seimg-flag-nao-recebido").count() == 0

    # Still not received in the Arquivo: each unit receives it on its own.
    response = requests.get(
        f"{site_url}/@controle-processos",
        headers={"Accept": "application/json", "X-Unidade": ARQUIVO},
        auth=("fabio.nunes", DEMO_PASSWORD),
        timeout=60,
    )
    arquivo = {i["numero"]: i for i in response.json()["items"]}
    assert arquivo[numero]["recebido"] is False
