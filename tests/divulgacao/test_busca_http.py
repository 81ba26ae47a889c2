"""Plone's search surfaces order full-text results by date, never relevance.

Relevance is computed over the whole index, hidden entries included: it
could reveal that a hidden document holds a word (divulgacao.md, "no oracle").
"""

from DateTime import DateTime
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import requests
import transaction


def _datar(acceptance, processo, quando):
    """Set the modification date (the index has minute resolution)."""
    transaction.begin()  # see what the server committed
    obj = acceptance["portal"].unrestrictedTraverse(
        processo["@id"].split("/plone/", 1)[1]
    )
    obj.setModificationDate(DateTime(quando))
    obj.reindexObject(idxs=["modified"])
    transaction.commit()


def test_full_text_results_newest_first(site_url, uids, acceptance):  # noqa: F811
    # The most relevant one (the word 4 times) is the oldest.
    relevante = novo_processo(
        site_url, uids, especificacao="MRKORDEM MRKORDEM MRKORDEM MRKORDEM antigo"
    )
    recente = novo_processo(site_url, uids, especificacao="MRKORDEM recente")
    _datar(acceptance, recente, "2026/06/01 10:00 GMT-3")
    _datar(acceptance, relevante, "2026/01/01 10:00 GMT-3")
    esperado = [recente["@id"], relevante["@id"]]

    busca = requests.get(
        f"{site_url}/@search",
        params={"SearchableText": "MRKORDEM"},
        headers=JSON,
        timeout=60,
    ).json()
    assert [item["@id"] for item in busca["items"]] == esperado
    relevancia = requests.get(
        f"{site_url}/@search",
        params={"SearchableText": "MRKORDEM", "sort_on": "relevance"},
        headers=JSON,
        timeout=60,
    ).json()
    assert [item["@id"] for item in relevancia["items"]] == esperado

    # Every full-text index ranks by relevance: Description (the
    # especificação) too.
    descricao = requests.get(
        f"{site_url}/@search",
        params={"Description": "MRKORDEM", "sort_on": "relevance"},
        headers=JSON,
        timeout=60,
    ).json()
    assert [item["@id"] for item in descricao["items"]] == esperado
    por_descricao = requests.post(
        f"{site_url}/@querystring-search",
        json={
            "query": [
                {
                    "i": "Description",
                    "o": "plone.app.querystring.operation.string.contains",
                    "v": "MRKORDEM",
                }
            ]
        },
        headers=JSON,
        timeout=60,
    ).json()
    assert [item["@id"] for item in por_descricao["items"]] == esperado

    consulta = requests.post(
        f"{site_url}/@querystring-search",
        json={
            "query": [
                {
                    "i": "SearchableText",
                    "o": "plone.app.querystring.operation.string.contains",
                    "v": "MRKORDEM",
                }
            ]
        },
        headers=JSON,
        timeout=60,
    ).json()
    assert [item["@id"] for item in consulta["items"]] == esperado

    for params in ({}, {"sort_on": "relevance"}):
        pagina = requests.get(
            f"{site_url}/@@search",
            params={"SearchableText": "MRKORDEM", **params},
            timeout=60,
        ).text
        assert pagina.index(recente["@id"]) < pagina.index(relevante["@id"])
    ao_vivo = requests.get(
        f"{site_url}/@@ajax-search",
        params={"SearchableText": "MRKORDEM", "sort_on": "relevance"},
        timeout=60,
    ).text
    assert ao_vivo.index(recente["@id"]) < ao_vivo.index(relevante["@id"])
