"""Service accounts of an órgão, over HTTP: created by its administrators,
HTTP Basic only, never interactive, counted apart from people."""

from seimg.acesso import api as acesso
from seimg.acesso import servicos
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import pytest
import re
import requests


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
ADMIN_CMVS = (matrix_login("administrador"), MATRIX_PASSWORD)
BASICO_CMVS = (matrix_login("basico"), MATRIX_PASSWORD)
ADMIN_PMVS = ("helena.prado", "Demo@2026")  # administrador of PMVS in the demo


@pytest.fixture
def site(site_url, loja, relogio):
    return site_url


def _criar(site, nome="ERP da Câmara", **extra):
    return requests.post(
        f"{site}/orgaos/cmvs/@contas-servico",
        json={"nome": nome, **extra},
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )


def _unidades(site, auth):
    return requests.get(
        f"{site}/@minhas-unidades",
        headers={"Accept": "application/json"},
        auth=auth,
        timeout=60,
    )


def test_criar_usar_renovar_remover(site):
    criada = _criar(
        site, unidade="CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO", perfil="basico"
    )
    assert criada.status_code == 201, criada.text
    assert criada.headers["Cache-Control"] == "no-store"
    conta = criada.json()
    login, segredo = conta["login"], conta["segredo"]
    assert login.startswith(servicos.PREFIXO)
    assert len(segredo) >= 40
    assert conta["lotacoes"] == [
        {
            "unidade": "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
            "UID": conta["lotacoes"][0]["UID"],
            "perfis": ["basico"],
        }
    ]
    # It acts through HTTP Basic, with the perfil it was given.
    assert _unidades(site, (login, segredo)).status_code == 200
    # The secret is never shown again.
    lista = requests.get(
        f"{site}/orgaos/cmvs/@contas-servico",
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    ).json()
    assert [i["login"] for i in lista["items"]] == [login]
    assert "segredo" not in lista["items"][0]
    # A new secret: the old one stops working.
    nova = requests.post(
        f"{site}/orgaos/cmvs/@contas-servico/{login}/segredo",
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )
    assert nova.status_code == 200
    assert _unidades(site, (login, segredo)).status_code == 401
    assert _unidades(site, (login, nova.json()["segredo"])).status_code == 200
    removida = requests.delete(
        f"{site}/orgaos/cmvs/@contas-servico/{login}",
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )
    assert removida.status_code == 204
    assert _unidades(site, (login, nova.json()["segredo"])).status_code == 401


def test_sem_login_interativo(site):
    conta = _criar(site).json()
    credenciais = {"login": conta["login"], "password": conta["segredo"]}
    rest = requests.post(f"{site}/@login", json=credenciais, headers=JSON, timeout=60)
    assert rest.status_code == 401
    session = requests.Session()
    pagina = session.get(f"{site}/login", timeout=60)
    botao = re.search(r'name="([^"]*buttons\.login)"', pagina.text).group(1)
    form = session.post(
        f"{site}/login",
        data={
            "__ac_name": conta["login"],
            "__ac_password": conta["segredo"],
            botao: "Entrar",
        },
        allow_redirects=False,
        timeout=60,
    )
    assert "__ac" not in session.cookies
    assert "__ac" not in form.cookies
    # Refused without being counted: the integration is not slowed down.
    assert acesso.verificar(conta["login"], "127.0.0.1") is None


def test_falhas_contadas_a_parte(site, monkeypatch):
    monkeypatch.setenv("SEIMG_ACESSO_MAX_SERVICO_POR_ENDERECO", "5")
    monkeypatch.setenv("SEIMG_ACESSO_MAX_POR_ENDERECO", "3")
    conta = _criar(site).json()
    for _i in range(5):
        assert _unidades(site, (conta["login"], "errado")).status_code == 401
    recusa = _unidades(site, (conta["login"], conta["segredo"]))
    assert recusa.status_code == 401
    assert int(recusa.headers["Retry-After"]) > 0
    # People at the same address are not touched: neither the address's cap
    # across human logins nor any lock.
    assert _unidades(site, BASICO_CMVS).status_code == 200
    assert acesso.bloqueios() == []
    assert acesso.verificar("carlos.mendes", "127.0.0.1") is None
    acesso.limites.relogio.avancar(15 * 60 + 1)
    assert _unidades(site, (conta["login"], conta["segredo"])).status_code == 200


def test_so_administradores_do_orgao(site):
    conta = _criar(site).json()
    url = f"{site}/orgaos/cmvs/@contas-servico"
    for auth in (BASICO_CMVS, ADMIN_PMVS, None):
        lista = requests.get(url, headers=JSON, auth=auth, timeout=60)
        assert lista.status_code in (401, 403), (auth, lista.status_code)
        assert conta["login"] not in lista.text
        criar = requests.post(
            url, json={"nome": "X"}, headers=JSON, auth=auth, timeout=60
        )
        assert criar.status_code in (401, 403)
    # Another órgão's administrator cannot give it perfis in his units.
    outro = requests.post(
        f"{site}/orgaos/pmvs/@usuarios",
        json={
            "login": conta["login"],
            "unidade": "PMVS/GABINETE/SEMAD",
            "perfil": "basico",
        },
        headers=JSON,
        auth=ADMIN_PMVS,
        timeout=60,
    )
    assert outro.status_code == 400
    assert "login" in [c["campo"] for c in outro.json()["error"]["campos"]]
    # Nor may its own órgão make it an administrator.
    admin = requests.post(
        f"{site}/orgaos/cmvs/@usuarios",
        json={
            "login": conta["login"],
            "unidade": "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
            "perfil": "administrador",
        },
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )
    assert admin.status_code == 400
    assert [c["campo"] for c in admin.json()["error"]["campos"]] == ["perfil"]


@pytest.mark.parametrize(
    ("corpo", "campo"),
    [
        ({}, "nome"),
        ({"nome": 7}, "nome"),
        ({"nome": "a\x00b"}, "nome"),
        ({"nome": "x" * 81}, "nome"),
        (
            {
                "nome": "ERP",
                "perfil": "administrador",
                "unidade": "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO",
            },
            "perfil",
        ),
        (
            {"nome": "ERP", "perfil": "basico", "unidade": "PMVS/GABINETE/SEMAD"},
            "unidade",
        ),
        ({"nome": "ERP", "senha": "minha"}, "senha"),
    ],
)
def test_dados_invalidos(site, corpo, campo):
    resposta = requests.post(
        f"{site}/orgaos/cmvs/@contas-servico",
        json=corpo,
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    )
    assert resposta.status_code == 400
    erro = resposta.json()["error"]
    assert erro["campos"][0]["campo"] == campo
    assert erro["message"]
    lista = requests.get(
        f"{site}/orgaos/cmvs/@contas-servico",
        headers=JSON,
        auth=ADMIN_CMVS,
        timeout=60,
    ).json()
    assert lista["items"] == []  # nothing half-written


def test_pagina(site):
    session = requests.Session()
    session.auth = ADMIN_CMVS
    orgao = session.get(f"{site}/orgaos/cmvs", timeout=60)
    assert 'id="seimg-contas-servico-link"' in orgao.text
    pagina = session.get(f"{site}/orgaos/cmvs/@@contas-servico", timeout=60)
    assert pagina.status_code == 200
    assert "Nenhuma conta de serviço" in pagina.text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina.text)
    token = token or re.search(
        r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', pagina.text
    )
    unidade = re.search(r'<option value="([0-9a-f]{32})"', pagina.text).group(1)
    criada = session.post(
        f"{site}/orgaos/cmvs/@@contas-servico",
        data={
            "acao": "criar",
            "nome": "Portal da Câmara",
            "unidade": unidade,
            "perfil": "colaborador",
            "_authenticator": token.group(1),
        },
        timeout=60,
    )
    assert criada.status_code == 200
    assert criada.headers["Cache-Control"] == "no-store"
    segredo = re.search(
        r'id="seimg-servico-segredo-valor"[^>]*>([^<]+)<', criada.text
    ).group(1)
    login = re.search(r'data-login="([^"]+)"', criada.text).group(1)
    assert _unidades(site, (login, segredo)).status_code == 200
    de_novo = session.get(f"{site}/orgaos/cmvs/@@contas-servico", timeout=60)
    assert segredo not in de_novo.text
    invalida = session.post(
        f"{site}/orgaos/cmvs/@@contas-servico",
        data={"acao": "criar", "nome": "", "_authenticator": token.group(1)},
        timeout=60,
    )
    assert invalida.status_code == 400
    assert "Informe o nome da integração" in invalida.text
    basico = requests.get(f"{site}/orgaos/cmvs", auth=BASICO_CMVS, timeout=60)
    assert 'id="seimg-contas-servico-link"' not in basico.text
