"""Retorno programado over HTTP: one row per owing unit in *aguardando*,
conclusion without return, fulfilment and cancellation (andamentos)."""

from tests.tramitacao.test_rest_acoes import _pedir
from tests.tramitacao.test_rest_acoes import _tipos
from tests.tramitacao.test_rest_acoes import A
from tests.tramitacao.test_rest_acoes import B
from tests.tramitacao.test_rest_acoes import C
from tests.tramitacao.test_rest_acoes import processo  # noqa: F401 (fixture)
from tests.tramitacao.test_rest_acoes import uids  # noqa: F401 (fixture)


def _aguardando(site_url, url) -> dict:
    resposta = _pedir(
        "GET",
        f"{site_url}/@controle-processos?lista=retornos_aguardando&b_size=0",
        A,
    )
    assert resposta.status_code == 200, resposta.text
    corpo = resposta.json()
    linhas = [i for i in corpo["items"] if i["@id"] == url]
    return {i["retorno_unidade"]: i for i in linhas}


def test_retorno_de_duas_unidades(site_url, processo):  # noqa: F811
    url = processo
    resposta = _pedir(
        "POST",
        f"{url}/@enviar",
        A,
        {"destinos": [B, C], "retorno_programado": {"dias_corridos": 3}},
    )
    assert resposta.status_code == 200, resposta.text
    linhas = _aguardando(site_url, url)
    assert set(linhas) == {B, C}
    assert all(
        x["retorno_data"] and x["retorno_atrasado"] is False for x in linhas.values()
    )

    # C concludes without returning it: still owed, andamento says so.
    assert _pedir("POST", f"{url}/@concluir", C).status_code == 200
    assert _tipos(url)[-2:] == ["processo_concluido", "retorno_nao_devolvido"]
    assert set(_aguardando(site_url, url)) == {B, C}

    # B sends it back: fulfilled.
    assert _pedir("POST", f"{url}/@enviar", B, {"destinos": [A]}).status_code == 200
    assert _tipos(url)[-2:] == ["processo_remetido", "retorno_cumprido"]
    assert set(_aguardando(site_url, url)) == {C}

    # A cancels C's: refused bodies first, nothing written.
    for corpo in ({}, {"unidade": 7}, {"unidade": "NAO/EXISTE"}, {"unidade": B}):
        resposta = _pedir("POST", f"{url}/@cancelar-retorno", A, corpo)
        assert resposta.status_code == 400, (corpo, resposta.text)
    resposta = _pedir("POST", f"{url}/@cancelar-retorno", C, {"unidade": C})
    assert resposta.status_code == 400  # C awaits nothing
    resposta = _pedir("POST", f"{url}/@cancelar-retorno", A, {"unidade": C})
    assert resposta.status_code == 200, resposta.text
    assert _tipos(url)[-1] == "retorno_cancelado"
    assert _aguardando(site_url, url) == {}
