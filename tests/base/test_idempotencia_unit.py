"""The Idempotency-Key stores' semantics (memory and SQLite; the same tests
run against PostgreSQL in test_idempotencia_postgresql.py), the key's
syntax and the request fingerprint."""

from seimg.base import idempotencia
from seimg.base.idempotencia import CONCLUIDO
from seimg.base.idempotencia import EM_ANDAMENTO
from seimg.base.idempotencia import Identificacao
from seimg.base.idempotencia import Resposta
import io
import pytest
import threading


IDENT = Identificacao("carlos.mendes", "chave-1", "POST", "/plone/processos")
RESPOSTA = Resposta(
    201,
    {"Content-Type": "application/json", "Location": "http://x/plone/processos/p-1"},
    '{"numero": "2101.02.0000001/2026-07", "nome": "Conceição"}'.encode(),
)
T0 = 1_800_000_000.0


@pytest.fixture(params=["memoria", "sqlite"])
def store(request, tmp_path):
    if request.param == "memoria":
        yield idempotencia.MemoriaStore()
        return
    loja = idempotencia.SQLiteStore(tmp_path / "idempotencia" / "chaves.sqlite")
    yield loja
    loja.fechar()


def test_reserva_nova_e_em_andamento(store):
    assert store.reservar(IDENT, "h1", "dono-a", T0) is None
    outro = store.reservar(IDENT, "h1", "dono-b", T0 + 1)
    assert outro is not None
    assert (outro.estado, outro.impressao, outro.dono, outro.resposta) == (
        EM_ANDAMENTO,
        "h1",
        "dono-a",
        None,
    )


def test_a_propria_reserva_e_retomada(store):
    """The publisher's retry of the same request (same token) is not
    answered "in progress" by its own reservation."""
    assert store.reservar(IDENT, "h1", "dono-a", T0) is None
    assert store.reservar(IDENT, "h1", "dono-a", T0 + 1) is None


def test_concluida_guarda_a_resposta_exata(store):
    store.reservar(IDENT, "h1", "dono-a", T0)
    assert store.concluir(IDENT, "dono-a", RESPOSTA)
    registro = store.reservar(IDENT, "h1", "dono-b", T0 + 60)
    assert registro.estado == CONCLUIDO
    assert registro.resposta == RESPOSTA
    # the same token does not take a finished key over either
    assert store.reservar(IDENT, "h1", "dono-a", T0 + 60).estado == CONCLUIDO


def test_corpo_binario_e_grande(store):
    corpo = bytes(range(256)) * 4000
    store.reservar(IDENT, "h1", "dono-a", T0)
    store.concluir(IDENT, "dono-a", Resposta(200, {}, corpo))
    assert store.registro(IDENT).resposta.corpo == corpo


def test_liberada_pode_ser_reservada_de_novo(store):
    store.reservar(IDENT, "h1", "dono-a", T0)
    assert not store.liberar(IDENT, "dono-b")  # not its reservation
    assert store.liberar(IDENT, "dono-a")
    assert store.registro(IDENT) is None
    assert store.reservar(IDENT, "h2", "dono-b", T0 + 1) is None
    assert store.registro(IDENT).impressao == "h2"


def test_concluida_nao_e_liberada_nem_concluida_por_outro(store):
    store.reservar(IDENT, "h1", "dono-a", T0)
    assert not store.concluir(IDENT, "dono-b", RESPOSTA)
    assert store.concluir(IDENT, "dono-a", RESPOSTA)
    assert not store.liberar(IDENT, "dono-a")  # done: kept
    assert store.registro(IDENT).estado == CONCLUIDO


def test_chaves_por_usuario_metodo_e_caminho(store):
    store.reservar(IDENT, "h1", "dono-a", T0)
    for outra in (
        IDENT._replace(usuario="daniel.souza"),
        IDENT._replace(caminho="/plone/processos/p-1/@duplicar"),
        IDENT._replace(chave="chave-2"),
    ):
        assert store.reservar(outra, "h1", "dono-b", T0) is None


def test_expira_depois_das_horas(store, monkeypatch):
    monkeypatch.setenv("SEIMG_IDEMPOTENCIA_HORAS", "1")
    store.reservar(IDENT, "h1", "dono-a", T0)
    store.concluir(IDENT, "dono-a", RESPOSTA)
    assert store.reservar(IDENT, "h2", "dono-b", T0 + 3599).estado == CONCLUIDO
    assert store.reservar(IDENT, "h2", "dono-b", T0 + 3601) is None
    novo = store.registro(IDENT)
    assert (novo.estado, novo.impressao, novo.resposta) == (EM_ANDAMENTO, "h2", None)


def test_reserva_abandonada_e_tomada(store):
    store.reservar(IDENT, "h1", "dono-a", T0)
    espera = idempotencia.ABANDONO
    assert store.reservar(IDENT, "h1", "dono-b", T0 + espera - 1) is not None
    assert store.reservar(IDENT, "h1", "dono-b", T0 + espera + 1) is None
    assert store.registro(IDENT).dono == "dono-b"
    assert not store.concluir(IDENT, "dono-a", RESPOSTA)  # the old one lost it


def test_reserva_de_processo_morto_e_tomada(store):
    """An instance killed mid-request (kill -9) never released its key: its
    clients' retries take it at once instead of waiting for ABANDONO."""
    import os
    import socket
    import subprocess

    morto = subprocess.Popen(["true"])
    morto.wait()
    host = socket.gethostname()
    store.reservar(IDENT, "h1", f"{host}:{morto.pid}:x", T0)
    assert store.reservar(IDENT, "h1", "dono-b", T0 + 1) is None
    assert store.registro(IDENT).dono == "dono-b"
    # a live process (this one) or another host keeps its reservation
    outra = IDENT._replace(chave="outra")
    store.reservar(outra, "h1", f"{host}:{os.getppid()}:x", T0)
    assert store.reservar(outra, "h1", "dono-b", T0 + 1) is not None
    terceira = IDENT._replace(chave="terceira")
    store.reservar(terceira, "h1", f"outro-host:{morto.pid}:x", T0)
    assert store.reservar(terceira, "h1", "dono-b", T0 + 1) is not None


def test_poda(store, monkeypatch):
    monkeypatch.setenv("SEIMG_IDEMPOTENCIA_HORAS", "1")
    velha = IDENT._replace(chave="velha")
    store.reservar(velha, "h1", "dono-a", T0)
    store.reservar(IDENT, "h1", "dono-a", T0 + 1800)
    assert store.podar(T0 + 3700) == 1
    assert store.registro(velha) is None
    assert store.registro(IDENT) is not None
    store.limpar()
    assert store.registro(IDENT) is None


def test_reservas_simultaneas_so_uma_vence(store):
    vencedores, barreira = [], threading.Barrier(6)

    def reservar(n):
        barreira.wait()
        if store.reservar(IDENT, "h1", f"dono-{n}", T0) is None:
            vencedores.append(n)
        fechar = getattr(store, "fechar", None)
        if fechar is not None:
            fechar()

    threads = [threading.Thread(target=reservar, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(vencedores) == 1


# --- the key and the fingerprint (no store) -----------------------------------


@pytest.mark.parametrize(
    ("valor", "chave"),
    [
        ("abc", "abc"),
        (
            "8e03978e-40d5-43e8-bc93-6894a57f9324",
            "8e03978e-40d5-43e8-bc93-6894a57f9324",
        ),
        ('"sf-string"', "sf-string"),  # the draft's Structured Field form
        ("a b~!", "a b~!"),
        ("x" * 255, "x" * 255),
        ("", None),
        ('""', None),
        ("x" * 256, None),
        ("ção", None),
        ("a\tb", None),
        ("a\x7fb", None),
    ],
)
def test_chave_valida(valor, chave):
    assert idempotencia.chave_valida(valor) == chave


def test_validade(monkeypatch):
    monkeypatch.delenv("SEIMG_IDEMPOTENCIA_HORAS", raising=False)
    assert idempotencia.validade() == 24 * 3600
    monkeypatch.setenv("SEIMG_IDEMPOTENCIA_HORAS", "0.5")
    assert idempotencia.validade() == 1800
    for ruim in ("abc", "0", "-3"):
        monkeypatch.setenv("SEIMG_IDEMPOTENCIA_HORAS", ruim)
        assert idempotencia.validade() == 24 * 3600


class Upload(io.BytesIO):
    def __init__(self, dados, filename="a.pdf", tipo="application/pdf"):
        super().__init__(dados)
        self.filename = filename
        self.headers = {"content-type": tipo}


class Pedido(dict):
    """Just what the fingerprint reads of a Zope request."""

    def __init__(self, corpo=b"", tipo="application/json", unidade=None, form=None):
        super().__init__(BODY=corpo)
        self.cabecalhos = {"Content-Type": tipo, "X-Unidade": unidade}
        self.form = form or {}

    def getHeader(self, nome):
        return self.cabecalhos.get(nome)


def test_impressao_de_json():
    base = idempotencia.impressao(Pedido(b'{"a": 1, "b": [1, 2]}'))
    # the same JSON, keys in another order and other spacing: the same request
    assert base == idempotencia.impressao(Pedido(b'{"b":[1,2],"a":1}'))
    assert base == idempotencia.impressao(
        Pedido(b'{"a": 1, "b": [1, 2]}', tipo="application/json; charset=utf-8")
    )
    for outro in (
        Pedido(b'{"a": 2, "b": [1, 2]}'),
        Pedido(b'{"a": 1, "b": [1, 2]}', unidade="CMVS/PROTOCOLO"),
        Pedido(b'{"a": 1, "b": [1, 2]}', tipo="text/plain"),
    ):
        assert idempotencia.impressao(outro) != base
    assert idempotencia.impressao(Pedido(b"{nao json")) != idempotencia.impressao(
        Pedido(b"{nao json ")
    )


def test_impressao_de_formulario_ignora_a_fronteira():
    def pedido(dados=b"%PDF-1.4", fronteira="abc", **form):
        upload = Upload(dados)
        pedido = Pedido(
            b"",
            tipo=f"multipart/form-data; boundary={fronteira}",
            form={"arquivo": upload, "interessados": ["a", "b"], **form},
        )
        return pedido, upload

    base, upload = pedido()
    impressao = idempotencia.impressao(base)
    assert upload.tell() == 0  # the upload is read again by the service
    assert impressao == idempotencia.impressao(pedido(fronteira="outra")[0])
    assert impressao != idempotencia.impressao(pedido(dados=b"%PDF-1.5")[0])
    assert impressao != idempotencia.impressao(pedido(numero="1")[0])
