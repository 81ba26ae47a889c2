"""One error shape, in Portuguese, for seimg's REST endpoints (issue 13)."""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import contar_processos
from tests.processos.test_rest import JSON
from tests.processos.test_rest import SECRETARIA
import pytest
import requests


def _forma(resposta) -> dict:
    dados = resposta.json()
    assert set(dados) == {"error"}, dados
    erro = dados["error"]
    assert set(erro) <= {"type", "message", "campos"}, erro
    assert erro["type"]
    assert erro["message"]
    return erro


@pytest.mark.parametrize(
    "corpo",
    ['{"@type": "Processo", ', "[1, 2]", "nulo", '"texto"'],
    ids=["truncado", "lista", "nao-json", "string"],
)
def test_corpo_que_nao_e_objeto_json(site_url, corpo):
    resposta = requests.post(
        f"{site_url}/processos",
        data=corpo.encode(),
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 400, resposta.text
    erro = _forma(resposta)
    assert "JSON" in erro["message"] or "corpo" in erro["message"].lower()


def test_metodo_nao_permitido(site_url):
    resposta = requests.put(
        f"{site_url}/@andamentos-inexistente",
        json={},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code in (404, 405)
    _forma(resposta)


def test_site_sem_seimg_mantem_a_forma_do_plone_rest(acceptance, site_url):
    """A vanilla Plone site in the same Zope keeps plone.rest's error shape."""
    from Products.CMFPlone.factory import addPloneSite
    import transaction

    app = acceptance["app"]
    if "vanilla" not in app.objectIds():
        addPloneSite(app, "vanilla", setup_content=False)
        transaction.commit()
    base = site_url.rsplit("/", 1)[0]
    resposta = requests.post(
        f"{base}/vanilla",
        data=b"[1, 2",
        headers=JSON,
        auth=("admin", "secret"),
        timeout=60,
    )
    dados = resposta.json()
    assert resposta.status_code in (400, 500)
    assert set(dados) >= {"type", "message", "context"}, dados
    seimg = requests.post(
        f"{site_url}/processos",
        data=b"[1, 2",
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert seimg.status_code == 400
    _forma(seimg)


@pytest.mark.parametrize("valor", [-138, None, ["x"], {"a": 1}, "a\x00b"])
def test_unidade_atual_com_tipo_errado(site_url, valor):
    resposta = requests.post(
        f"{site_url}/@unidade-atual",
        json={"unidade": valor},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 400, resposta.text
    erro = _forma(resposta)
    assert erro["campos"][0]["campo"] == "unidade"


def test_modelo_que_nao_e_odt(site_url):
    """A template upload that is not an ODT: 400 naming the field (was 500)."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD
    import base64

    dono = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    for dados in (b"%PDF-1.4 nada", b"PK\x03\x04 quebrado"):
        resposta = requests.post(
            f"{site_url}/modelos",
            json={
                "@type": "ConfigurablePODTemplate",
                "id": "modelo-invalido",
                "title": "Modelo inválido",
                "odt_file": {
                    "data": base64.b64encode(dados).decode(),
                    "encoding": "base64",
                    "filename": "modelo.odt",
                    "content-type": "application/vnd.oasis.opendocument.text",
                },
            },
            headers=JSON,
            auth=dono,
            timeout=60,
        )
        assert resposta.status_code == 400, resposta.text
        assert _forma(resposta)["campos"][0]["campo"] == "odt_file"
        assert (
            requests.get(
                f"{site_url}/modelos/modelo-invalido", headers=JSON, auth=dono
            ).status_code
            == 404
        )


@pytest.mark.parametrize("aceita", ["application/json", "*/*"])
def test_multipart_sem_boundary(site_url, aceita):
    resposta = requests.post(
        f"{site_url}/processos",
        data=b'{"@type": "Processo"}',
        headers={
            **SECRETARIA,
            "Accept": aceita,
            "Content-Type": "multipart/form-data",
        },
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 400, resposta.text
    assert _forma(resposta)["campos"][0]["campo"] == "Content-Type"


@pytest.mark.parametrize("metodo", ["QUERY", "FOO", "SEARCH"])
def test_metodo_desconhecido(site_url, metodo):
    resposta = requests.request(
        metodo, f"{site_url}/@seimg-status", headers=JSON, auth=CARLOS, timeout=60
    )
    assert resposta.status_code == 404
    _forma(resposta)


@pytest.mark.parametrize("metodo", ["PUT", "PATCH", "DELETE"])
def test_escrita_fora_da_api_responde_como_inexistente(site_url, metodo):
    """Without Accept: application/json these are WebDAV to Zope (a null
    resource, or a 500): on seimg sites, one fixed 404."""
    resposta = requests.request(
        metodo, f"{site_url}/@seimg-status", auth=CARLOS, timeout=60
    )
    assert resposta.status_code == 404


@pytest.mark.parametrize("metodo", ["POST", "PUT", "PATCH", "DELETE"])
def test_escrita_abaixo_de_caminho_inexistente(site_url, metodo):
    """A write below a missing path answers as the missing path itself
    (a hidden one answers the same: no oracle)."""
    ausente = requests.get(
        f"{site_url}/processos/nao-existe-x", headers=JSON, auth=CARLOS, timeout=60
    )
    resposta = requests.request(
        metodo,
        f"{site_url}/processos/nao-existe-x/@assinar",
        json={"senha": "x"},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 404
    assert resposta.content == ausente.content


@pytest.mark.parametrize(
    "texto", ["\x01\U000f7e51", "a\x00b", '"aspas sem fim', "AND", "NOT OR"]
)
def test_busca_com_texto_invalido(site_url, texto):
    resposta = requests.get(
        f"{site_url}/@search",
        params={"SearchableText": texto},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code in (200, 400), resposta.text
    if resposta.status_code == 400:
        assert _forma(resposta)["campos"][0]["campo"] == "SearchableText"


@pytest.mark.parametrize(
    "params",
    [{"x-desconhecido": "42"}, {"SearchableText": "", "portal_tipe": "Processo"}],
)
def test_busca_com_parametro_desconhecido(site_url, params):
    """The catalog ignored unknown parameters and answered a bare list."""
    resposta = requests.get(
        f"{site_url}/@search", params=params, headers=JSON, auth=CARLOS, timeout=60
    )
    assert resposta.status_code == 400, resposta.text
    desconhecido = next(nome for nome in params if nome != "SearchableText")
    assert [c["campo"] for c in _forma(resposta)["campos"]] == [desconhecido]


@pytest.mark.parametrize(
    "params",
    [
        {"created.range": "min"},
        {"created.query": "ontem", "created.range": "min"},
        {"b_size": "muitos"},
        {"b_start": "-1"},
        {"sort_on": "naoexiste"},
        {"sort_order": "\x01"},
        {"metadata_fields": "naoexiste"},
        {"is_folderish": "talvez"},
        {"path.depth": "fundo"},
    ],
)
def test_busca_com_valor_invalido(site_url, params):
    """plone.restapi's query parser failed on these (500)."""
    resposta = requests.get(
        f"{site_url}/@search", params=params, headers=JSON, auth=CARLOS, timeout=60
    )
    assert resposta.status_code in (200, 400), resposta.text
    if resposta.status_code == 400:
        assert _forma(resposta)["campos"]


def test_busca_com_indices_e_paginacao(site_url):
    resposta = requests.get(
        f"{site_url}/@search",
        params={
            "portal_type": "Processo",
            "b_size": "2",
            "created.query": "2020-01-01",
            "created.range": "min",
        },
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 200, resposta.text
    assert isinstance(resposta.json()["items"], list)


def test_patch_de_usuario_sem_corpo(site_url):
    resposta = requests.patch(
        f"{site_url}/@users/carlos.mendes", headers=JSON, auth=CARLOS, timeout=60
    )
    assert resposta.status_code == 204


@pytest.mark.parametrize("valor", [None, False, {}, 3])
def test_patch_de_usuario_com_valor_que_nao_e_texto(site_url, valor):
    """plone.restapi failed on these (500); the admin's PATCH too."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    for auth in (CARLOS, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
        resposta = requests.patch(
            f"{site_url}/@users/carlos.mendes",
            json={"email": valor, "fullname": ""},
            headers=JSON,
            auth=auth,
            timeout=60,
        )
        assert resposta.status_code == 400, resposta.text
        assert _forma(resposta)["campos"][0]["campo"] == "email"


TRUNCADO = b'--XYZ\r\nContent-Disposition: form-data; name="texto"\r\n\r\nabc'


@pytest.mark.parametrize("aceita", ["application/json", "*/*", "text/html"])
def test_multipart_truncado(site_url, aceita):
    """ZPublisher's parser failed before traversal: plone.rest's English
    JSON, or Zope's English page."""
    antes = contar_processos(site_url)
    resposta = requests.post(
        f"{site_url}/processos",
        data=TRUNCADO,
        headers={
            **SECRETARIA,
            "Accept": aceita,
            "Content-Type": "multipart/form-data; boundary=XYZ",
        },
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 400, resposta.text
    if aceita == "text/html":
        assert "Corpo multipart incompleto" in resposta.text
        assert 'lang="pt-BR"' in resposta.text or "pt-br" in resposta.text.lower()
    else:
        assert _forma(resposta)["campos"][0]["campo"] == "corpo"
    assert contar_processos(site_url) == antes
