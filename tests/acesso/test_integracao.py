"""The PAS plugin on the demo site, and password re-entry (signing, credenciais)."""

from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from seimg.acesso import api as acesso
from seimg.acesso import pas
from seimg.acesso import politica as pol
from seimg.assinatura import api as assinatura
from seimg.assinatura import falhas
from seimg.processos import credenciais
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
import pytest


SENHA = "Demo@2026"
CARLOS = ("carlos.mendes", "cmvs/secretaria")
ENDERECO = "203.0.113.20"


@pytest.fixture
def request_(portal, loja):
    """The test request, coming from ENDERECO; forgets what it already checked."""
    request = portal.REQUEST
    anterior = getattr(request, "_client_addr", None)
    request._client_addr = ENDERECO
    yield request
    request._client_addr = anterior
    IAnnotations(request).pop("seimg.acesso.tentativas", None)


def nova_tentativa(request):
    """One request per attempt: the plugin counts each credential once per request."""
    IAnnotations(request).pop("seimg.acesso.tentativas", None)


def _ids(acl):
    return list(acl.plugins.listPluginIds(IAuthenticationPlugin))


def test_plugin_embrulha_source_users(portal):
    acl = portal.acl_users
    ids = _ids(acl)
    assert ids[0] == pas.PLUGIN_ID
    assert "source_users" not in ids
    assert acl[pas.PLUGIN_ID].delegados == ("source_users",)


def test_desinstalar_e_instalar_de_novo(portal):
    from seimg.upgrades import v1007

    acl = portal.acl_users
    pas.desinstalar(portal)
    assert pas.PLUGIN_ID not in acl.objectIds()
    assert "source_users" in _ids(acl)
    v1007.upgrade(None)
    v1007.upgrade(None)  # idempotent
    assert _ids(acl)[0] == pas.PLUGIN_ID
    assert "source_users" not in _ids(acl)
    assert acl[pas.PLUGIN_ID].delegados == ("source_users",)


def test_authenticate_conta_e_recusa_sem_verificar_a_senha(portal, request_, relogio):
    acl = portal.acl_users
    for _i in range(4):
        nova_tentativa(request_)
        assert acl.authenticate("carlos.mendes", "errada", request_) is None
    nova_tentativa(request_)
    # Refused without asking source_users: even the right password fails now.
    assert acl.authenticate("carlos.mendes", SENHA, request_) is None
    assert request_.response.getHeader("Retry-After") == "2"
    relogio.avancar(2)
    nova_tentativa(request_)
    assert acl.authenticate("carlos.mendes", SENHA, request_) is not None
    assert acesso.verificar("carlos.mendes", ENDERECO) is None


def test_uma_requisicao_conta_uma_vez(portal, request_):
    acl = portal.acl_users
    for _i in range(6):
        assert acl.authenticate("carlos.mendes", "errada", request_) is None
    assert acesso.verificar("carlos.mendes", ENDERECO) is None


def test_reentrada_de_senha_da_credencial(portal, request_, relogio):
    with como(portal, *CARLOS):
        for _i in range(4):
            nova_tentativa(request_)
            with pytest.raises(Forbidden, match="Senha"):
                credenciais.verificar_senha("carlos.mendes", "errada", request_)
        nova_tentativa(request_)
        with pytest.raises(acesso.TentativasDemais, match="Aguarde 2 segundos"):
            credenciais.verificar_senha("carlos.mendes", SENHA, request_)
        relogio.avancar(2)
        nova_tentativa(request_)
        credenciais.verificar_senha("carlos.mendes", SENHA, request_)


def test_reentrada_de_senha_ao_assinar(portal, request_, relogio):
    falhas.limpar()
    with como(portal, *CARLOS):
        oficio = novo_oficio(novo_processo(portal, nivel="restrito"))
        for _i in range(4):
            nova_tentativa(request_)
            with pytest.raises(Forbidden, match=r"[Ss]enha"):
                assinatura.assinar(oficio, "errada", "Secretário-Geral")
        nova_tentativa(request_)
        with pytest.raises(acesso.TentativasDemais, match="tentativas"):
            assinatura.assinar(oficio, SENHA, "Secretário-Geral")
        # Refused before checking the password: not one more signing failure.
        assert falhas.bloqueado_ate("carlos.mendes") is None
        assert (
            len(acesso.limites.loja().momentos(acesso.ASSINATURA, "carlos.mendes")) == 4
        )
        relogio.avancar(2)
        nova_tentativa(request_)
        assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    assert api.content.get_state(oficio) == "assinado"
    assert "carlos.mendes" not in falhas._falhas


def test_bloqueio_de_assinatura_no_armazenamento(portal, loja, relogio):
    """The signing lockout lives in the store: it survives a restart, it expires."""
    from seimg.acesso import limites

    for _i in range(falhas.max_falhas()):
        falhas.falhou("carlos.mendes")
    assert falhas.bloqueado_ate("carlos.mendes") is not None
    limites.usar(limites.SQLiteStore(loja.caminho))  # a restart
    assert falhas.bloqueado_ate("carlos.mendes") is not None
    [bloqueio] = acesso.bloqueios()
    assert (bloqueio.tipo, bloqueio.chave) == (acesso.TIPO_ASSINATURA, "carlos.mendes")
    relogio.avancar(60 * falhas.bloqueio_minutos())
    assert falhas.bloqueado_ate("carlos.mendes") is None
    assert "carlos.mendes" not in falhas._falhas


def test_bloqueios_do_orgao(portal, loja):
    for i in range(acesso.politica().max_por_login):
        acesso.falhou("carlos.mendes", f"192.0.2.{i}")
        acesso.falhou("nao.existe", f"192.0.2.{i}")
    falhas_ = falhas.max_falhas()
    for _i in range(falhas_):
        falhas.falhou("daniel.souza")
    cmvs = portal["orgaos"]["cmvs"]
    itens = acesso.bloqueios_de(acesso.usuarios_do_orgao(cmvs))
    assert [(i["login"], i["bloqueio"].tipo) for i in itens] == [
        ("carlos.mendes", acesso.TIPO_ACESSO),
        ("daniel.souza", acesso.TIPO_ASSINATURA),
    ]
    todos = acesso.bloqueios_de()
    assert {i["login"] for i in todos} == {
        "carlos.mendes",
        "daniel.souza",
        "nao.existe",
    }
    assert acesso.verificar("nao.existe", "192.0.2.99").motivo == pol.BLOQUEIO
