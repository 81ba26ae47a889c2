"""seimg.acesso.api on a real store, without a site: the limits end to end."""

from seimg.acesso import api as acesso
from seimg.acesso import politica as pol
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse
import io
import logging
import pytest
import re
import ZPublisher.HTTPRequest


ANA = "ana.ribeiro"
CASA = "198.51.100.10"
OUTRO = "203.0.113.66"


def test_atraso_progressivo_e_acerto_limpa(loja, relogio):
    for _i in range(3):
        assert acesso.verificar(ANA, CASA) is None
        acesso.falhou(ANA, CASA)
    assert acesso.verificar(ANA, CASA) is None  # three free failures
    acesso.falhou(ANA, CASA)
    recusa = acesso.verificar(ANA, CASA)
    assert recusa.motivo == pol.ESPERA
    assert recusa.segundos(relogio()) == 2
    assert acesso.verificar(ANA, OUTRO) is None  # per pair
    relogio.avancar(2)
    assert acesso.verificar(ANA, CASA) is None
    acesso.falhou(ANA, CASA)
    assert acesso.verificar(ANA, CASA).segundos(relogio()) == 4
    relogio.avancar(4)
    acesso.acertou(ANA, CASA)
    for _i in range(3):
        acesso.falhou(ANA, CASA)
    assert acesso.verificar(ANA, CASA) is None  # the count started afresh


def test_login_maiusculo_conta_junto(loja):
    for login in ("Ana.Ribeiro", " ana.ribeiro", "ANA.RIBEIRO", "ana.ribeiro"):
        acesso.falhou(login, CASA)
    assert acesso.verificar(ANA, CASA) is not None


def test_bloqueio_so_contra_enderecos_desconhecidos(loja, relogio, caplog):
    caplog.set_level(logging.INFO, logger="seimg.acesso")
    acesso.acertou(ANA, CASA)  # Ana logged in from home before
    politica = acesso.politica()
    for i in range(politica.max_por_login):
        acesso.falhou(ANA, f"192.0.2.{i}")  # a botnet, one guess per address
    atacante = acesso.verificar(ANA, "192.0.2.200")
    assert atacante.motivo == pol.BLOQUEIO
    assert atacante.ate == pytest.approx(relogio() + politica.bloqueio_login)
    assert acesso.verificar(ANA, CASA) is None  # the owner still gets in
    [bloqueio] = acesso.bloqueios()
    assert (bloqueio.tipo, bloqueio.chave) == (acesso.TIPO_ACESSO, ANA)
    avisos = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("bloqueado" in aviso and ANA in aviso for aviso in avisos)
    # The lock expires by itself.
    relogio.avancar(politica.bloqueio_login)
    assert acesso.verificar(ANA, "192.0.2.200") is None
    assert acesso.bloqueios() == []


def test_liberar_registra_e_esquece(loja, caplog):
    caplog.set_level(logging.WARNING, logger="seimg.acesso")
    for i in range(acesso.politica().max_por_login):
        acesso.falhou(ANA, f"192.0.2.{i}")
    assert acesso.verificar(ANA, "192.0.2.200") is not None
    assert acesso.liberar(ANA, "ana", por="carlos.mendes")
    assert acesso.verificar(ANA, "192.0.2.200") is None
    assert acesso.bloqueios() == []
    assert not acesso.liberar(ANA, "ana", por="carlos.mendes")
    [registro] = [
        r.getMessage() for r in caplog.records if "liberado" in r.getMessage()
    ]
    assert ANA in registro
    assert "carlos.mendes" in registro
    # One more failure does not lock again: the old ones were forgotten.
    acesso.falhou(ANA, "192.0.2.201")
    assert acesso.verificar(ANA, "192.0.2.202") is None


def test_teto_por_endereco_entre_logins(loja, relogio):
    politica = acesso.politica()
    acesso.acertou("carlos.mendes", OUTRO)  # OUTRO knows carlos.mendes
    for i in range(politica.max_por_endereco):
        acesso.falhou(f"usuario{i}", OUTRO)
    recusa = acesso.verificar("mais.um", OUTRO)
    assert recusa.motivo == pol.ENDERECO
    assert acesso.verificar("mais.um", CASA) is None  # another address
    assert acesso.verificar("carlos.mendes", OUTRO) is None  # a login it knows
    relogio.avancar(politica.janela_endereco)
    assert acesso.verificar("mais.um", OUTRO) is None


def test_pedidos_de_nova_senha_por_endereco(loja, relogio):
    politica = acesso.politica()
    for _i in range(politica.max_resets_por_endereco):
        assert acesso.pedido_de_senha(CASA) is None
    recusa = acesso.pedido_de_senha(CASA)
    assert recusa.motivo == pol.PEDIDOS
    assert recusa.ate == pytest.approx(relogio() + politica.janela_reset)
    assert acesso.pedido_de_senha(OUTRO) is None
    relogio.avancar(politica.janela_reset)
    assert acesso.pedido_de_senha(CASA) is None


def test_bloqueio_sobrevive_a_reinicio(loja, relogio):
    """A restarted Zope (a new store object on the same file) keeps the lock."""
    from seimg.acesso import limites

    for i in range(acesso.politica().max_por_login):
        acesso.falhou(ANA, f"192.0.2.{i}")
    limites.usar(limites.SQLiteStore(loja.caminho))
    assert acesso.verificar(ANA, "192.0.2.200").motivo == pol.BLOQUEIO
    assert [b.chave for b in acesso.bloqueios()] == [ANA]


def test_armazenamento_quebrado_nao_tranca_ninguem(tmp_path, relogio, caplog):
    from seimg.acesso import limites

    pasta = tmp_path / "nao-e-pasta"
    pasta.write_text("")  # a file where the folder should be
    anterior = limites.usar(limites.SQLiteStore(pasta / "limites.sqlite"))
    try:
        acesso.falhou(ANA, CASA)
        assert acesso.verificar(ANA, CASA) is None
    finally:
        limites.usar(anterior)
    assert any(r.levelname == "ERROR" for r in caplog.records)


def test_mensagens_em_portugues(relogio):
    from zope.i18n import translate

    agora = relogio()
    curta = acesso.mensagem(pol.Recusa(pol.ESPERA, agora + 8), agora)
    assert "Aguarde 8 segundos" in translate(curta)
    longa = acesso.mensagem(pol.Recusa(pol.BLOQUEIO, agora + 1800), agora)
    assert re.search(r"Tente novamente a partir das \d\d:\d\d", translate(longa))
    pedidos = acesso.mensagem(pol.Recusa(pol.PEDIDOS, agora + 60), agora)
    assert "Muitos pedidos de nova senha" in translate(pedidos)


# --- the client address -------------------------------------------------------


def _request(remote, forwarded=None):
    environ = {"REMOTE_ADDR": remote, "SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    if forwarded:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    return HTTPRequest(io.BytesIO(), environ, HTTPResponse())


def test_x_forwarded_for_forjado_e_ignorado(monkeypatch):
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", [])
    assert acesso.endereco(_request(OUTRO, "10.9.9.9")) == OUTRO


def test_x_forwarded_for_de_proxy_confiavel(monkeypatch):
    monkeypatch.setattr(ZPublisher.HTTPRequest, "trusted_proxies", ["10.0.0.2"])
    assert acesso.endereco(_request("10.0.0.2", f"1.2.3.4, {OUTRO}")) == OUTRO
    # A client that is not the proxy still cannot choose its address.
    assert acesso.endereco(_request(CASA, "10.0.0.2")) == CASA


def test_enderecos_normalizados():
    assert acesso.normalizar_endereco("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert acesso.normalizar_endereco("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert acesso.normalizar_endereco("::ffff:203.0.113.66") == OUTRO
    assert acesso.normalizar_endereco("") == acesso.DESCONHECIDO
    assert acesso.endereco(None) == acesso.DESCONHECIDO
