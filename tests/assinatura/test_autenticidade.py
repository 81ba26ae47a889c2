"""Conferir autenticidade: the check, the public page, REST and the rate limit.

Documents are signed with the real core (``seimg.assinatura.api.assinar``)
by carlos.mendes acting for CMVS/SECRETARIA.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.assinatura import autenticidade
from seimg.assinatura.autenticidade import JanelaDeslizante
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from zope.annotation.interfaces import IAnnotations
import pytest
import requests
import transaction


SENHA = "Demo@2026"
CARGO = "Secretário-Geral"
CARLOS = ("carlos.mendes", "cmvs/secretaria")
TEXTO = "Solicitamos a cópia integral do contrato nº 12/2026."


@pytest.fixture(autouse=True)
def _janela_limpa():
    autenticidade.JANELA.limpar()
    yield
    autenticidade.JANELA.limpar()


def assinado(portal, nivel="publico", texto=TEXTO):
    """A new ofício signed by carlos.mendes; returns it."""
    from seimg.assinatura import api as assinatura

    with como(portal, *CARLOS):
        processo = novo_processo(portal, nivel=nivel)
        documento = novo_oficio(
            processo,
            nivel=nivel,
            texto=RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe"),
        )
        assinatura.assinar(documento, SENHA, CARGO)
    return documento


def codigos(documento) -> tuple[str, str]:
    from seimg.assinatura import api as assinatura

    return assinatura.codigo_verificador(documento), assinatura.crc(documento)


def cancelar(portal, documento):
    from seimg.processos import acoes

    with como(portal, *CARLOS):
        acoes.cancelar(documento, "Emitido por engano")


def adulterar(documento):
    from seimg.assinatura.api import ANNOTATION_KEY

    dados = IAnnotations(documento)[ANNOTATION_KEY]
    dados["html"] = dados["html"].replace("contrato", "convênio")


# --- unit: the sliding window and the client address -----------------------


def test_janela_deslizante_conta_por_cliente_e_esquece_o_antigo():
    janela = JanelaDeslizante()
    assert all(janela.permitir("a", 3, 60, agora=t) for t in (0, 1, 2))
    assert not janela.permitir("a", 3, 60, agora=3)
    assert janela.permitir("b", 3, 60, agora=3)  # another client
    assert janela.permitir("a", 3, 60, agora=60.5)  # the first one expired
    assert not janela.permitir("a", 3, 60, agora=60.6)


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.environ = {"REMOTE_ADDR": remote}
        self.forwarded = forwarded

    def getHeader(self, name, default=None):
        return self.forwarded if name == "X-Forwarded-For" else default


def test_x_forwarded_for_so_de_proxy_confiavel():
    cliente = autenticidade.endereco_cliente
    forjado = FakeRequest("198.51.100.7", "203.0.113.9")
    assert cliente(forjado, proxies=[]) == "198.51.100.7"
    assert cliente(forjado, proxies=["10.0.0.0/8"]) == "198.51.100.7"
    proxy = FakeRequest("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.5")
    # From the right: 10.0.0.5 is a proxy, 203.0.113.9 is the client; the
    # leftmost entry is whatever the client claimed.
    assert cliente(proxy, proxies=["10.0.0.0/8"]) == "203.0.113.9"


# --- integration: conferir() --------------------------------------------------


def test_documento_assinado_confere(portal):
    documento = assinado(portal)
    cv, crc = codigos(documento)
    assert len(crc) == 8
    resultado = autenticidade.conferir(cv, crc)
    assert resultado.resultado == autenticidade.AUTENTICO
    assert resultado.publico
    [assinatura] = resultado.assinaturas
    assert assinatura["cargo"] == CARGO
    assert assinatura["unidade"] == "CMVS/PRESIDENCIA/SECRETARIA"
    dados = autenticidade.como_json(resultado)
    assert TEXTO in dados["documento"]["html"]
    assert dados["documento"]["numero_sei"] == cv
    assert "cpf" not in dados["assinaturas"][0]
    # Codes are read as people type them.
    assert autenticidade.conferir(f" {cv} ", crc.lower()).resultado == "autentico"


def test_crc_errado_codigo_desconhecido_e_minuta_nao_conferem(portal):
    documento = assinado(portal)
    cv, crc = codigos(documento)
    outro_crc = f"{(int(crc, 16) + 1) % (1 << 32):08X}"
    for codigo, soma in (
        (cv, outro_crc),
        ("9999999", crc),
        (cv, "XYZ"),
        ("", ""),
        ("abc", crc),
    ):
        resultado = autenticidade.conferir(codigo, soma)
        assert resultado.resultado == autenticidade.NAO_CONFERE, (codigo, soma)
        assert autenticidade.como_json(resultado) == {
            "resultado": "nao_confere",
            "documento": None,
            "assinaturas": [],
        }
    with como(portal, *CARLOS):
        minuta = novo_oficio(documento.aq_parent)
    assert autenticidade.conferir(minuta.numero_sei, crc).resultado == "nao_confere"


def test_renderizacao_adulterada_nao_confere(portal):
    documento = assinado(portal)
    cv, crc = codigos(documento)
    assert autenticidade.conferir(cv, crc).resultado == "autentico"
    adulterar(documento)
    assert autenticidade.conferir(cv, crc).resultado == "nao_confere"


def test_documento_cancelado(portal):
    documento = assinado(portal)
    cv, crc = codigos(documento)
    cancelar(portal, documento)
    resultado = autenticidade.conferir(cv, crc)
    assert resultado.resultado == autenticidade.CANCELADO
    assert resultado.data_cancelamento == documento.data_cancelamento
    dados = autenticidade.como_json(resultado)
    assert dados["documento"]["data_cancelamento"].endswith("-03:00")
    assert dados["assinaturas"]


def test_sigiloso_da_a_resposta_neutra(portal):
    from plone.app.testing import logout

    documento = assinado(portal, nivel="sigiloso")
    cv, crc = codigos(documento)
    logout()
    assert autenticidade.conferir(cv, crc).resultado == "nao_confere"
    assert autenticidade.conferir(cv, "0" * len(crc)).resultado == "nao_confere"
    with como(portal, *CARLOS):  # holds the credencial
        assert autenticidade.conferir(cv, crc).resultado == "autentico"


def test_restrito_mostra_assinaturas_mas_nao_o_conteudo(portal):
    documento = assinado(portal, nivel="restrito")
    cv, crc = codigos(documento)
    resultado = autenticidade.conferir(cv, crc)
    assert resultado.resultado == "autentico"
    assert not resultado.publico
    dados = autenticidade.como_json(resultado)
    assert "html" not in dados["documento"]
    assert TEXTO not in str(dados)
    assert dados["assinaturas"][0]["cargo"] == CARGO
    assert dados["documento"]["titulo"].startswith("Ofício")


# --- HTTP: the public page and REST ------------------------------------------


@pytest.fixture
def http_docs(acceptance_portal):
    portal = acceptance_portal
    docs = {
        "publico": assinado(portal),
        "restrito": assinado(portal, nivel="restrito", texto="Dados pessoais"),
        "cancelado": assinado(portal),
        "adulterado": assinado(portal),
    }
    cancelar(portal, docs["cancelado"])
    codes = {nome: codigos(doc) for nome, doc in docs.items()}
    adulterar(docs["adulterado"])
    transaction.commit()
    return codes


def _rest(site_url, **params):
    return requests.get(
        f"{site_url}/@autenticidade",
        params=params,
        headers={"Accept": "application/json"},
        timeout=60,
    )


def test_rest_anonimo(site_url, http_docs):
    cv, crc = http_docs["publico"]
    response = _rest(site_url, cv=cv, crc=crc)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["resultado"] == "autentico"
    assert TEXTO in data["documento"]["html"]
    assert data["assinaturas"][0]["nome"] == "Carlos Mendes"
    assert "autêntico" in data["mensagem"]

    cv, crc = http_docs["restrito"]
    data = _rest(site_url, cv=cv, crc=crc).json()
    assert data["resultado"] == "autentico"
    assert "html" not in data["documento"]
    assert "Dados pessoais" not in response.text + str(data)

    cv, crc = http_docs["cancelado"]
    data = _rest(site_url, cv=cv, crc=crc).json()
    assert data["resultado"] == "cancelado"
    assert data["documento"]["data_cancelamento"]
    assert "cancelado em" in data["mensagem"]

    for cv, crc in (
        http_docs["adulterado"],
        (http_docs["publico"][0], "00000000"),
        ("8888888", http_docs["publico"][1]),
    ):
        data = _rest(site_url, cv=cv, crc=crc).json()
        assert data["resultado"] == "nao_confere"
        assert data["documento"] is None
        assert "não confere" in data["mensagem"].lower()


def test_rest_parametro_faltando(site_url):
    response = _rest(site_url, cv="1234567")
    assert response.status_code == 400
    error = response.json()["error"]
    assert [c["campo"] for c in error["campos"]] == ["crc"]
    assert "crc" in error["message"]
    assert "obrigatório" in error["message"]
    response = _rest(site_url, crc="ABCDEF01")
    assert response.status_code == 400
    assert [c["campo"] for c in response.json()["error"]["campos"]] == ["cv"]
    response = _rest(site_url)
    assert [c["campo"] for c in response.json()["error"]["campos"]] == ["cv", "crc"]


def _pagina(site_url, **params):
    return requests.get(
        f"{site_url}/@@conferir-autenticidade", params=params, timeout=60
    )


def test_pagina_publica(site_url, http_docs):
    vazia = _pagina(site_url)
    assert vazia.status_code == 200
    assert "Conferir autenticidade" in vazia.text
    assert 'name="cv"' in vazia.text
    assert 'name="crc"' in vazia.text

    cv, crc = http_docs["publico"]
    page = _pagina(site_url, cv=cv, crc=crc)
    assert page.status_code == 200
    assert 'data-resultado="autentico"' in page.text
    assert "Documento autêntico" in page.text
    assert "Carlos Mendes" in page.text
    assert TEXTO in page.text

    cv, crc = http_docs["restrito"]
    page = _pagina(site_url, cv=cv, crc=crc)
    assert 'data-resultado="autentico"' in page.text
    assert "Dados pessoais" not in page.text
    assert "restrito por lei" in page.text

    cv, crc = http_docs["cancelado"]
    page = _pagina(site_url, cv=cv, crc=crc)
    assert 'data-resultado="cancelado"' in page.text
    assert "cancelado em" in page.text

    for cv, crc in (http_docs["adulterado"], ("7777777", "ABCDEF01")):
        page = _pagina(site_url, cv=cv, crc=crc)
        assert 'data-resultado="nao_confere"' in page.text
        assert "Não confere" in page.text
        assert TEXTO not in page.text


def test_limite_de_consultas(site_url, acceptance_portal):
    prefix = autenticidade.REGISTRY_PREFIX
    api.portal.set_registry_record(f"{prefix}.limite", 5)
    api.portal.set_registry_record(f"{prefix}.proxies_confiaveis", ["127.0.0.1"])
    transaction.commit()
    try:
        de = {"X-Forwarded-For": "203.0.113.50"}
        for _ in range(3):
            response = requests.get(
                f"{site_url}/@autenticidade",
                params={"cv": "1", "crc": "00000000"},
                headers={"Accept": "application/json", **de},
                timeout=60,
            )
            assert response.status_code == 200
        for _ in range(2):
            page = requests.get(
                f"{site_url}/@@conferir-autenticidade",
                params={"cv": "1", "crc": "00000000"},
                headers=de,
                timeout=60,
            )
            assert page.status_code == 200
        response = requests.get(
            f"{site_url}/@autenticidade",
            params={"cv": "1", "crc": "00000000"},
            headers={"Accept": "application/json", **de},
            timeout=60,
        )
        assert response.status_code == 429
        assert response.headers["Retry-After"]
        assert "Muitas consultas" in response.json()["error"]["message"]
        page = requests.get(
            f"{site_url}/@@conferir-autenticidade",
            params={"cv": "1", "crc": "00000000"},
            headers=de,
            timeout=60,
        )
        assert page.status_code == 429
        assert "Muitas consultas" in page.text
        # Another client (through the trusted proxy) is not limited.
        other = requests.get(
            f"{site_url}/@autenticidade",
            params={"cv": "1", "crc": "00000000"},
            headers={"Accept": "application/json", "X-Forwarded-For": "203.0.113.51"},
            timeout=60,
        )
        assert other.status_code == 200
    finally:
        api.portal.set_registry_record(f"{prefix}.limite", 30)
        api.portal.set_registry_record(f"{prefix}.proxies_confiaveis", [])
        transaction.commit()
