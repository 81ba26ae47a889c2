"""Every credential path over HTTP, against the demo site served by WSGI.

The store and the clock are the test's (see conftest): the served site runs
in this process, so moving the clock moves it for the server too. Nothing
sleeps.
"""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.acesso import api as acesso
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import logging
import pytest
import re
import requests
import ZPublisher.HTTPRequest


SENHA = "Demo@2026"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
ADMIN_CMVS = (matrix_login("administrador"), MATRIX_PASSWORD)
BASICO_CMVS = (matrix_login("basico"), MATRIX_PASSWORD)
CARLOS = ("carlos.mendes", SENHA)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA"}


@pytest.fixture
def site(site_url, loja, relogio):
    return site_url


def _login_form(site_url, login, senha, session=None):
    session = session or requests.Session()
    pagina = session.get(f"{site_url}/login", timeout=60)
    botao = re.search(r'name="([^"]*buttons\.login)"', pagina.text).group(1)
    resposta = session.post(
        f"{site_url}/login",
        data={"__ac_name": login, "__ac_password": senha, botao: "Entrar"},
        allow_redirects=False,
        timeout=60,
    )
    return session, resposta


def _logado(session, resposta) -> bool:
    return "__ac" in session.cookies or "__ac" in resposta.cookies


def _mensagens(session, site_url, resposta) -> str:
    """The status messages shown (in the answer, or on the next page)."""
    texto = resposta.text
    if resposta.is_redirect:
        texto += session.get(f"{site_url}/login", timeout=60).text
    return texto


def test_formulario_de_login(site):
    for _i in range(4):
        session, resposta = _login_form(site, "carlos.mendes", "errada")
        assert not _logado(session, resposta)
    session, resposta = _login_form(site, "carlos.mendes", SENHA)
    assert not _logado(session, resposta)
    assert "Muitas tentativas de acesso sem sucesso" in _mensagens(
        session, site, resposta
    )
    assert resposta.headers["Retry-After"] == "2"
    acesso.limites.relogio.avancar(2)
    session, resposta = _login_form(site, "carlos.mendes", SENHA)
    assert _logado(session, resposta)


def _login_rest(site_url, login, senha, **headers):
    return requests.post(
        f"{site_url}/@login",
        json={"login": login, "password": senha},
        headers={**JSON, **headers},
        timeout=60,
    )


def test_login_rest(site):
    for _i in range(4):
        assert _login_rest(site, "carlos.mendes", "errada").status_code == 401
    recusa = _login_rest(site, "carlos.mendes", SENHA)
    assert recusa.status_code == 429
    assert recusa.headers["Retry-After"] == "2"
    erro = recusa.json()["error"]
    assert erro["type"] == "TentativasDemais"
    assert "Muitas tentativas de acesso sem sucesso" in erro["message"]
    acesso.limites.relogio.avancar(2)
    ok = _login_rest(site, "carlos.mendes", SENHA)
    assert ok.status_code == 200, ok.text
    assert ok.json()["token"]


def test_login_rest_inexistente_conta_igual(site):
    """A login the site does not know is limited exactly like a real one."""
    respostas = [_login_rest(site, "nao.existe", "x").status_code for _i in range(5)]
    assert respostas == [401, 401, 401, 401, 429]


def _basic(site_url, auth, **headers):
    return requests.get(
        f"{site_url}/@minhas-unidades",
        headers={"Accept": "application/json", **headers},
        auth=auth,
        timeout=60,
    )


def test_http_basic(site):
    assert _basic(site, BASICO_CMVS).status_code == 200
    # Another login, never used from here: wrong passwords, then the right one.
    for _i in range(4):
        assert _basic(site, ("carlos.mendes", "errada")).status_code == 401
    recusa = _basic(site, ("carlos.mendes", SENHA))
    assert recusa.status_code == 401
    assert recusa.headers["Retry-After"] == "2"
    acesso.limites.relogio.avancar(2)
    assert _basic(site, ("carlos.mendes", SENHA)).status_code == 200


def test_x_forwarded_for_forjado_nao_escapa_do_limite(site):
    """An untrusted client cannot pick its address with X-Forwarded-For."""
    assert ZPublisher.HTTPRequest.trusted_proxies == []
    for i in range(4):
        forjado = {"X-Forwarded-For": f"198.51.100.{i}"}
        assert _basic(site, ("carlos.mendes", "errada"), **forjado).status_code == 401
    outro = {"X-Forwarded-For": "198.51.100.99"}
    recusa = _basic(site, ("carlos.mendes", SENHA), **outro)
    assert recusa.status_code == 401
    assert "Retry-After" in recusa.headers
    assert acesso.verificar("carlos.mendes", "127.0.0.1") is not None


def test_x_forwarded_for_de_proxy_confiavel(site, monkeypatch):
    """Behind a trusted proxy (zope.conf trusted-proxy) each client counts apart."""
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", ["127.0.0.1"])
    for _i in range(4):
        cliente = {"X-Forwarded-For": "198.51.100.1"}
        assert _basic(site, ("carlos.mendes", "errada"), **cliente).status_code == 401
    refusal = _basic(
        site, ("carlos.mendes", SENHA), **{"X-Forwarded-For": "198.51.100.1"}
    )
    assert refusal.status_code == 401
    outro = _basic(
        site, ("carlos.mendes", SENHA), **{"X-Forwarded-For": "198.51.100.2"}
    )
    assert outro.status_code == 200
    assert acesso.verificar("carlos.mendes", "127.0.0.1") is None


def test_bloqueio_nao_tranca_o_dono(site, monkeypatch):
    """Many addresses guessing lock the login for them, not for its owner."""
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", ["127.0.0.1"])
    casa = {"X-Forwarded-For": "198.51.100.10"}
    assert _basic(site, ("carlos.mendes", SENHA), **casa).status_code == 200
    for i in range(acesso.politica().max_por_login):
        atacante = {"X-Forwarded-For": f"192.0.2.{i}"}
        assert _basic(site, ("carlos.mendes", "errada"), **atacante).status_code == 401
    novo = {"X-Forwarded-For": "192.0.2.200"}
    assert _basic(site, ("carlos.mendes", SENHA), **novo).status_code == 401
    assert _basic(site, ("carlos.mendes", SENHA), **casa).status_code == 200


# --- password reset -----------------------------------------------------------


def _pedir_senha(site_url, login):
    return requests.post(
        f"{site_url}/mail_password", data={"userid": login}, timeout=60
    )


def _corpo(texto: str) -> str:
    """The page without what changes on every request (tokens, ids)."""
    principal = re.search(r'<main id="main".*</main>', texto, re.S)
    return re.sub(r'value="[0-9a-f]{20,}"', "", principal.group(0) if principal else "")


def test_pedido_de_senha_classico(site, acceptance):
    sink = acceptance["smtp"]
    antes = len(sink.received)
    existe = _pedir_senha(site, "carlos.mendes")
    nao_existe = _pedir_senha(site, "nao.existe")
    assert existe.status_code == nao_existe.status_code == 200
    assert _corpo(existe.text) == _corpo(nao_existe.text)
    assert len(sink.received) == antes + 1  # only the real user got a mail
    for _i in range(3):
        assert _pedir_senha(site, "nao.existe").status_code == 200
    recusa = _pedir_senha(site, "carlos.mendes")
    assert recusa.status_code == 429
    assert recusa.headers["Retry-After"]
    assert "Muitos pedidos de nova senha" in recusa.text
    assert len(sink.received) == antes + 1


def _pedir_senha_rest(site_url, login, dados=None):
    return requests.post(
        f"{site_url}/@users/{login}/reset-password",
        json=dados or {},
        headers=JSON,
        timeout=60,
    )


def test_pedido_de_senha_rest(site):
    existe = _pedir_senha_rest(site, "carlos.mendes")
    nao_existe = _pedir_senha_rest(site, "nao.existe")
    assert (existe.status_code, existe.text) == (
        nao_existe.status_code,
        nao_existe.text,
    )
    assert existe.status_code == 200
    token_existe = _pedir_senha_rest(
        site, "carlos.mendes", {"reset_token": "x", "new_password": "Nova@2026!"}
    )
    token_nao_existe = _pedir_senha_rest(
        site, "nao.existe", {"reset_token": "x", "new_password": "Nova@2026!"}
    )
    assert token_existe.status_code == token_nao_existe.status_code == 403
    assert token_existe.json() == token_nao_existe.json()
    for _i in range(1):
        assert _pedir_senha_rest(site, "nao.existe").status_code == 200
    recusa = _pedir_senha_rest(site, "carlos.mendes")
    assert recusa.status_code == 429
    assert "Muitos pedidos de nova senha" in recusa.json()["error"]["message"]


# --- locks: órgão administrators see and clear ---------------------------------


def _travar(login):
    for i in range(acesso.politica().max_por_login):
        acesso.falhou(login, f"192.0.2.{i}")


def test_bloqueios_rest(site, caplog):
    caplog.set_level(logging.WARNING, logger="seimg.acesso")
    _travar("carlos.mendes")
    _travar("nao.existe")
    url = f"{site}/orgaos/cmvs/@bloqueios"
    lista = requests.get(url, headers=JSON, auth=ADMIN_CMVS, timeout=60)
    assert lista.status_code == 200, lista.text
    [item] = lista.json()["items"]
    assert (item["login"], item["tipo"], item["nome"]) == (
        "carlos.mendes",
        "acesso",
        "Carlos Mendes",
    )
    assert requests.get(
        url, headers=JSON, auth=BASICO_CMVS, timeout=60
    ).status_code in (
        401,
        403,
    )
    outro_orgao = requests.delete(
        f"{site}/orgaos/pmvs/@bloqueios/carlos.mendes",
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )
    assert outro_orgao.status_code in (401, 403)
    apagar = requests.delete(
        f"{url}/carlos.mendes", headers=JSON, auth=ADMIN_CMVS, timeout=60
    )
    assert apagar.status_code == 204, apagar.text
    assert (
        requests.get(url, headers=JSON, auth=ADMIN_CMVS, timeout=60).json()["items"]
        == []
    )
    de_novo = requests.delete(
        f"{url}/carlos.mendes", headers=JSON, auth=ADMIN_CMVS, timeout=60
    )
    assert de_novo.status_code == 404
    assert "Não há bloqueio" in de_novo.json()["error"]["message"]
    assert any(
        "carlos.mendes" in r.getMessage() and ADMIN_CMVS[0] in r.getMessage()
        for r in caplog.records
    )
    # Site managers see every lock, also of logins that do not exist.
    todos = requests.get(
        f"{site}/@bloqueios",
        headers=JSON,
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=60,
    )
    assert [i["login"] for i in todos.json()["items"]] == ["nao.existe"]


def test_bloqueios_pagina(site):
    _travar("carlos.mendes")
    session = requests.Session()
    session.auth = ADMIN_CMVS
    orgao = session.get(f"{site}/orgaos/cmvs", timeout=60)
    assert 'id="seimg-bloqueios-link"' in orgao.text
    pagina = session.get(f"{site}/orgaos/cmvs/@@bloqueios", timeout=60)
    assert pagina.status_code == 200
    assert "Bloqueios de acesso" in pagina.text
    assert 'data-login="carlos.mendes"' in pagina.text
    token = re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', pagina.text
    )
    token = token or re.search(
        r'name="_authenticator"[^>]*value="([^"]+)"', pagina.text
    )
    liberar = session.post(
        f"{site}/orgaos/cmvs/@@bloqueios",
        data={"login": "carlos.mendes", "_authenticator": token.group(1)},
        timeout=60,
    )
    assert liberar.status_code == 200
    assert "Nenhum bloqueio em vigor" in liberar.text
    assert acesso.bloqueios() == []
    basico = requests.get(f"{site}/orgaos/cmvs", auth=BASICO_CMVS, timeout=60)
    assert 'id="seimg-bloqueios-link"' not in basico.text


def test_usuario_da_raiz_nao_conta_como_falha(site, loja):
    """Zope-root users (admin) are authenticated there, not by this PAS."""
    dono = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    for _i in range(5):
        resposta = requests.get(
            f"{site}/@bloqueios", headers=JSON, auth=dono, timeout=60
        )
        assert resposta.status_code == 200
        assert _login_rest(site, *dono).status_code == 200
    assert loja.momentos(acesso.FALHA_PAR, f"{SITE_OWNER_NAME}\n127.0.0.1") == []
    assert _login_rest(site, SITE_OWNER_NAME, "errada").status_code == 401
    assert len(loja.momentos(acesso.FALHA_PAR, f"{SITE_OWNER_NAME}\n127.0.0.1")) == 1


def test_usuario_da_raiz_nao_escapa_do_limite_por_http_basic(site):
    """The Zope root's user folder checks Basic credentials after PAS: refused
    ones are dropped before traversal, so guessing ``admin`` is throttled."""
    painel = f"{site}/@@overview-controlpanel"
    dono = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert requests.get(painel, auth=dono, timeout=60).status_code == 200
    errada = (SITE_OWNER_NAME, "errada")
    for _i in range(4):
        resposta = requests.get(painel, auth=errada, timeout=60, allow_redirects=False)
        assert resposta.status_code in (302, 401), resposta.status_code
    recusa = requests.get(painel, auth=dono, timeout=60, allow_redirects=False)
    assert recusa.status_code in (302, 401), recusa.status_code
    assert recusa.headers["Retry-After"] == "2"
    acesso.limites.relogio.avancar(2)
    assert requests.get(painel, auth=dono, timeout=60).status_code == 200


@pytest.mark.parametrize(
    "dados",
    [
        {"cargos": "Prefeito Municipal"},
        {"cpf": "111.444.777-35"},
        {"fullname": "Outra Pessoa"},
        {"email": "carlos@example.org", "cargos": "Prefeito Municipal"},
    ],
)
def test_dados_da_assinatura_nao_sao_autoatendimento(site, dados):
    """Name, CPF and cargos go into every signature stamp: a user cannot
    change their own through PATCH @users (plone.restapi allowed any
    property), and nothing is changed when one of them is asked."""
    from plone import api
    from seimg.assinatura import api as assinatura

    resposta = requests.patch(
        f"{site}/@users/carlos.mendes",
        json=dados,
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 403, resposta.text
    erro = resposta.json()["error"]
    proibidos = sorted(set(dados) - {"email"})
    assert [c["campo"] for c in erro["campos"]] == proibidos
    assert "administração do órgão" in erro["campos"][0]["mensagem"]
    import transaction

    transaction.begin()
    usuario = api.user.get(userid="carlos.mendes")
    assert "Prefeito Municipal" not in assinatura.cargos("carlos.mendes")
    assert usuario.getProperty("fullname") != "Outra Pessoa"
    assert usuario.getProperty("email") != "carlos@example.org"


def test_email_proprio_e_autoatendimento(site):
    resposta = requests.patch(
        f"{site}/@users/carlos.mendes",
        json={"email": "carlos.novo@example.org"},
        headers={**JSON, **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 204, resposta.text
