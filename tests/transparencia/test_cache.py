"""HTTP caching of the public pages (seimg.transparencia.cache), over HTTP.

Anonymous 200 answers of the portal, its REST API and the authenticity page
may be kept by a caching proxy (``s-maxage``); signed-in users, errors, 429
answers and the views' own ``no-store`` are kept out; every other page
answers with the headers it had with caching off.
"""

from plone import api
from Products.GenericSetup.tool import UNKNOWN
from seimg.transparencia import cache
from seimg.upgrades import v1023
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
import pytest
import requests
import transaction


CARLOS = ("carlos.mendes", "Demo@2026")
GERADOR = ("carlos.mendes", "cmvs/secretaria")
JSON = {"Accept": "application/json"}
CABECALHOS = (
    "Cache-Control",
    "Expires",
    "ETag",
    "Last-Modified",
    "Vary",
    "X-Cache-Rule",
    "X-Cache-Operation",
)
MAPEAMENTO = "plone.caching.interfaces.ICacheSettings.operationMapping"
LIGADO = "plone.caching.interfaces.ICacheSettings.enabled"


def _get(url, **kwargs):
    kwargs.setdefault("timeout", 60)
    kwargs.setdefault("allow_redirects", False)
    return requests.get(url, **kwargs)


def _publica(resposta) -> bool:
    """Whether shared caches may keep the answer."""
    valor = resposta.headers.get("Cache-Control", "")
    return (
        "s-maxage=300" in valor
        and "private" not in valor
        and "no-store" not in valor
        and resposta.headers.get("X-Cache-Operation") == cache.OPERACAO
    )


def _privada(resposta) -> bool:
    valor = resposta.headers.get("Cache-Control", "")
    return "s-maxage" not in valor and ("private" in valor or "no-store" in valor)


@pytest.fixture
def processo(acceptance):
    portal = acceptance["portal"]
    with como(portal, *GERADOR):
        obj = novo_processo(portal, especificacao="Reforma dos bebedouros cacheados")
    transaction.commit()
    return obj


def _nup(processo) -> str:
    return "".join(c for c in processo.numero if c.isdigit())


def test_anonymous_portal_pages_are_cacheable(site_url, processo):
    for url in (
        site_url,  # the portal is the site's home page
        f"{site_url}/transparencia",
        f"{site_url}/transparencia/pesquisa?q=bebedouros",
        f"{site_url}/transparencia/processo/{_nup(processo)}",
    ):
        resposta = _get(url)
        assert resposta.status_code == 200, url
        assert _publica(resposta), (url, resposta.headers)
        assert resposta.headers["Cache-Control"].startswith("max-age=0,"), url
        assert "Set-Cookie" not in resposta.headers, url


def test_signed_in_users_get_private_answers(site_url, processo):
    for url in (
        f"{site_url}/transparencia",
        f"{site_url}/transparencia/processo/{_nup(processo)}",
        f"{site_url}/@@conferir-autenticidade",
    ):
        resposta = _get(url, auth=CARLOS)
        assert resposta.status_code == 200, url
        assert _privada(resposta), (url, resposta.headers)


def test_errors_are_not_cached(site_url):
    for url, status in (
        (f"{site_url}/transparencia/processo/00000000000000000000", 404),
        (f"{site_url}/transparencia/documento/99999999", 404),
        (f"{site_url}/transparencia/nada-aqui", 404),
        (f"{site_url}/transparencia/pesquisa?de=31/02/2020", 400),
    ):
        resposta = _get(url)
        assert resposta.status_code == status, url
        assert _privada(resposta), (url, resposta.headers)


def test_429_keeps_its_no_store(site_url, monkeypatch):
    from seimg.acesso import baldes

    monkeypatch.setattr(baldes, "consumir", lambda *_args: 30.0)
    resposta = _get(f"{site_url}/transparencia")
    assert resposta.status_code == 429
    assert resposta.headers["Cache-Control"] == "no-store"
    assert resposta.headers["Retry-After"] == "30"
    resposta = _get(f"{site_url}/@transparencia?q=bebedouros", headers=JSON)
    assert resposta.status_code == 429
    assert _privada(resposta), resposta.headers


def test_rest_answers_are_cacheable_and_vary_on_accept(site_url, processo):
    resposta = _get(f"{site_url}/@transparencia?q=bebedouros", headers=JSON)
    assert resposta.status_code == 200, resposta.text
    assert _publica(resposta), resposta.headers
    assert "Accept" in resposta.headers["Vary"]
    resposta = _get(f"{site_url}/@transparencia/processo/000000000", headers=JSON)
    assert resposta.status_code == 404
    assert _privada(resposta), resposta.headers
    resposta = _get(
        f"{site_url}/@transparencia?q=bebedouros", headers=JSON, auth=CARLOS
    )
    assert resposta.status_code == 200
    assert _privada(resposta), resposta.headers


def test_authenticity_form_is_cacheable(site_url):
    resposta = _get(f"{site_url}/@@conferir-autenticidade")
    assert resposta.status_code == 200
    assert _publica(resposta), resposta.headers


def test_authenticity_answers_keep_no_store(site_url):
    resposta = _get(f"{site_url}/@@conferir-autenticidade?cv=1234567&crc=ABCDEF12")
    assert resposta.status_code == 200
    assert resposta.headers["Cache-Control"] == "no-store"
    assert resposta.headers["X-Cache-Rule"] == cache.RULESET


def _cabecalhos(resposta) -> dict:
    return {nome: resposta.headers.get(nome) for nome in CABECALHOS}


def test_other_pages_answer_as_with_caching_off(site_url, acceptance, processo):
    """A staff page, its REST answer and a resource: headers unchanged."""
    pedidos = (
        (processo.absolute_url(), CARLOS, {}),
        (processo.absolute_url(), CARLOS, JSON),
        (f"{site_url}/++plone++seimg/seimg.css", None, {}),
    )
    ligado = [_get(url, auth=auth, headers=headers) for url, auth, headers in pedidos]
    api.portal.set_registry_record(LIGADO, False)
    transaction.commit()
    desligado = [
        _get(url, auth=auth, headers=headers) for url, auth, headers in pedidos
    ]
    for (url, *_), com, sem in zip(pedidos, ligado, desligado, strict=True):
        assert com.status_code == sem.status_code == 200, url
        assert "X-Cache-Operation" not in com.headers, url
        assert _cabecalhos(com) == _cabecalhos(sem), url


def test_profile_maps_only_the_public_ruleset(acceptance):
    from plone.base.utils import get_installer

    portal = acceptance["portal"]
    assert get_installer(portal).is_product_installed("plone.app.caching")
    assert api.portal.get_registry_record(LIGADO) is True
    assert api.portal.get_registry_record(MAPEAMENTO) == {cache.RULESET: cache.OPERACAO}
    assert api.portal.get_registry_record("seimg.caching.publico.smaxage") == 300


def test_upgrade_1023(acceptance):
    registro = api.portal.get_tool("portal_registry")
    api.portal.set_registry_record(LIGADO, False)
    api.portal.set_registry_record(
        MAPEAMENTO, {"plone.resource": "plone.app.caching.strongCaching"}
    )
    del registro.records["seimg.caching.publico.smaxage"]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(v1023.PERFIL_CACHING, UNKNOWN)
    v1023.upgrade(setup)
    assert setup.getLastVersionForProfile(v1023.PERFIL_CACHING) != UNKNOWN
    assert api.portal.get_registry_record(LIGADO) is True
    assert api.portal.get_registry_record(MAPEAMENTO) == {
        "plone.resource": "plone.app.caching.strongCaching",
        cache.RULESET: cache.OPERACAO,
    }
    assert api.portal.get_registry_record("seimg.caching.publico.smaxage") == 300
    transaction.abort()


def test_hidden_object_headers_as_a_missing_ones(site_url, acceptance):
    """With caching on, plone.caching named the ruleset of a hidden process
    reached over REST (X-Cache-Rule) and of no missing one."""
    portal = acceptance["portal"]
    with como(portal, *GERADOR):
        oculto = novo_processo(portal, nivel="sigiloso", especificacao="Cofre")
    transaction.commit()
    url = oculto.absolute_url().replace("http://nohost/plone", site_url)
    pai, nome = url.rsplit("/", 1)
    for headers in (JSON, {"Accept": "text/html"}):
        respostas = [
            _get(base, headers=headers) for base in (url, f"{pai}/{'x' * len(nome)}")
        ]
        a, b = ({k: v for k, v in r.headers.items() if k != "Date"} for r in respostas)
        assert [r.status_code for r in respostas] == [404, 404]
        assert a == b, headers
