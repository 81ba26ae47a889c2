"""The upgrade lock of ``make atualizar`` (seimg.operacao.atualizacao), on a
real PostgreSQL: an upgrade holds it exclusively, a second upgrade waits for
the first, starting instances wait while it is held and pass at once when it
is free (any number of them together)."""

from seimg.operacao import atualizacao
import logging
import threading
import time


def test_instancias_esperam_a_atualizacao(banco_postgresql, caplog):
    dsn = banco_postgresql
    # nobody upgrading: instances start at once, several together
    assert atualizacao.em_andamento(dsn) is False
    inicio = time.monotonic()
    assert atualizacao.esperar(dsn) == 0.0 or time.monotonic() - inicio < 0.5

    ordem: list[str] = []
    segurando = threading.Event()
    soltar = threading.Event()

    def atualizar():
        with atualizacao.trava(dsn) as travada:
            assert travada is True
            ordem.append("atualização 1")
            segurando.set()
            soltar.wait(10)
            ordem.append("atualização 1 concluída")

    def segunda():
        with atualizacao.trava(dsn, avisar=ordem.append):
            ordem.append("atualização 2")

    esperas: list[float] = []

    def instancia():
        esperas.append(atualizacao.esperar(dsn, intervalo=0.05, aviso=0.1))
        ordem.append("instância iniciou")

    primeira = threading.Thread(target=atualizar)
    primeira.start()
    assert segurando.wait(10)
    assert atualizacao.em_andamento(dsn) is True
    caplog.set_level(logging.INFO, logger="seimg.atualizacao")
    outras = [threading.Thread(target=segunda)] + [
        threading.Thread(target=instancia) for _ in range(2)
    ]
    for outra in outras:
        outra.start()
    time.sleep(0.6)
    assert "instância iniciou" not in ordem
    assert "atualização 2" not in ordem
    soltar.set()
    for thread in [primeira, *outras]:
        thread.join(10)
        assert not thread.is_alive()

    assert ordem[:3] == [
        "atualização 1",
        "outra atualização do banco está em andamento; aguardando…",
        "atualização 1 concluída",
    ]
    assert sorted(ordem[3:]) == [
        "atualização 2",
        "instância iniciou",
        "instância iniciou",
    ]
    assert all(espera >= 0.5 for espera in esperas)
    assert "aguardando a atualização do banco…" in caplog.text
    assert atualizacao.em_andamento(dsn) is False


def test_sem_postgresql_nada_espera(monkeypatch):
    monkeypatch.delenv("SEIMG_POSTGRESQL_DSN", raising=False)
    with atualizacao.trava() as travada:
        assert travada is False
    assert atualizacao.esperar() == 0.0
    atualizacao.ao_abrir_banco(None)  # the embedded mode: returns at once
