"""seimg.operacao.criacao: creations take turns, nothing else waits."""

from seimg.operacao import criacao
import pytest
import threading
import time
import types


class Pedido(dict):
    def __init__(self, metodo, caminho, **cabecalhos):
        super().__init__(REQUEST_METHOD=metodo, PATH_INFO=caminho)
        self.cabecalhos = cabecalhos
        self.other = {}

    def getHeader(self, nome, padrao=None):
        return self.cabecalhos.get(nome, padrao)


class Evento:
    def __init__(self, request):
        self.request = request


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("metodo", "caminho", "cabecalhos", "esperado"),
    [
        ("POST", "/seimg/processos", JSON, True),  # a process
        ("POST", "/seimg/processos/2101-02-0000001-2026-07", JSON, True),  # a document
        ("POST", "/seimg/processos/x/@documento-externo", {}, True),
        ("POST", "/seimg/processos/x/@duplicar", JSON, True),
        ("POST", "/seimg/processos/++add++Processo", {}, True),  # Classic UI
        ("GET", "/seimg/processos", JSON, False),
        ("PATCH", "/seimg/processos/x", JSON, False),
        ("POST", "/seimg/processos/x/@assinar", JSON, False),  # an action
        ("POST", "/seimg/processos/x/@@edit", {}, False),  # a form
        ("POST", "/seimg/login_form", {}, False),
    ],
)
def test_o_que_e_criacao(metodo, caminho, cabecalhos, esperado):
    assert criacao.e_criacao(Pedido(metodo, caminho, **cabecalhos)) is esperado


@pytest.fixture
def sem_banco(monkeypatch):
    monkeypatch.delenv("SEIMG_POSTGRESQL_DSN", raising=False)
    inicios = []
    gerente = types.SimpleNamespace(begin=lambda: inicios.append(time.monotonic()))
    monkeypatch.setattr(criacao, "transaction", types.SimpleNamespace(manager=gerente))
    return inicios


def test_criacoes_esperam_a_vez_e_recomecam_a_transacao(sem_banco):
    primeira = Pedido("POST", "/seimg/processos", **JSON)
    segunda = Pedido("POST", "/seimg/processos", **JSON)
    criacao.ao_iniciar(Evento(primeira))
    entrou = threading.Event()

    def outra():
        criacao.ao_iniciar(Evento(segunda))
        entrou.set()

    fio = threading.Thread(target=outra)
    fio.start()
    assert not entrou.wait(0.3)  # waits for the first one's commit
    liberada = time.monotonic()
    criacao.ao_terminar(Evento(primeira))
    assert entrou.wait(5)
    fio.join()
    # the second began its transaction again after the first ended
    assert sem_banco[-1] >= liberada
    criacao.ao_terminar(Evento(segunda))
    assert not criacao._trava.locked()


def test_leituras_e_outras_escritas_nao_esperam(sem_banco):
    criacao.ao_iniciar(Evento(Pedido("POST", "/seimg/processos", **JSON)))
    try:
        inicio = time.monotonic()
        leitura = Pedido("GET", "/seimg/processos", **JSON)
        criacao.ao_iniciar(Evento(leitura))
        criacao.ao_terminar(Evento(leitura))
        assert time.monotonic() - inicio < 0.1
    finally:
        criacao._trava.release()


def test_espera_limitada(sem_banco, monkeypatch):
    monkeypatch.setattr(criacao, "ESPERA", 0.2)
    criacao._trava.acquire()
    try:
        pedido = Pedido("POST", "/seimg/processos", **JSON)
        criacao.ao_iniciar(Evento(pedido))  # gives up waiting, runs unlocked
        assert criacao._MARCA not in pedido.other
        criacao.ao_terminar(Evento(pedido))  # releases nothing it does not hold
        assert criacao._trava.locked()
    finally:
        criacao._trava.release()
