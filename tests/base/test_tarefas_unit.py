"""The job API (seimg.base.tarefas) on its local backend, without Zope."""

from seimg.base import tarefas
from seimg.base import trabalhador
import os
import pytest
import time


@pytest.fixture(autouse=True)
def dados(tmp_path, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    monkeypatch.setenv("SEIMG_TAREFAS_POR_USUARIO", "2")
    monkeypatch.setenv("SEIMG_TAREFAS_POR_ENDERECO", "3")
    return tmp_path


def test_a_job_is_recorded_pending_and_seen_by_its_owner_only():
    dados = tarefas.criar("exportar", "ana", endereco="10.0.0.1", alvo="x")
    assert dados["estado"] == tarefas.PENDENTE
    assert tarefas.pasta_tarefa(dados["id"]).is_dir()
    assert tarefas.obter(dados["id"], "ana")["alvo"] == "x"
    assert tarefas.obter(dados["id"], "ana", alvo="x")["id"] == dados["id"]
    with pytest.raises(tarefas.TarefaNaoEncontrada):
        tarefas.obter(dados["id"], "ana", alvo="y")
    with pytest.raises(tarefas.TarefaProibida):
        tarefas.obter(dados["id"], "bruno")
    with pytest.raises(tarefas.TarefaProibida):
        tarefas.obter(dados["id"], None)
    for ruim in ("0" * 32, "../../etc/passwd", "", None, 42):
        with pytest.raises(tarefas.TarefaNaoEncontrada):
            tarefas.obter(ruim, "ana")
    assert [d["id"] for d in tarefas.listar("ana")] == [dados["id"]]
    assert tarefas.listar("bruno") == []
    assert tarefas.listar("ana", tipo="outro") == []


def test_progress_result_and_states():
    dados = tarefas.criar("exportar", "ana", total=4)
    assert tarefas.progresso(dados) == 0
    dados = tarefas.atualizar(dados["id"], estado=tarefas.EXECUTANDO, concluidos=2)
    assert tarefas.progresso(dados) == 50
    assert tarefas.resultado(dados) is None
    (tarefas.pasta_tarefa(dados["id"]) / "saida.csv").write_text("a;b\n")
    dados = tarefas.atualizar(
        dados["id"], estado=tarefas.CONCLUIDO, resultado="saida.csv"
    )
    assert tarefas.progresso(dados) == 100
    assert tarefas.resultado(dados).read_text() == "a;b\n"
    assert tarefas.titulo_estado(dados).default == "finished"


def test_limits_per_user_and_per_address():
    tarefas.criar("exportar", "ana", endereco="10.0.0.1")
    tarefas.criar("exportar", "ana", endereco="10.0.0.1")
    with pytest.raises(tarefas.TarefasDemais) as erro:
        tarefas.criar("exportar", "ana", endereco="10.0.0.9")
    assert erro.value.status == 429
    assert erro.value.retry_after
    assert "2" in str(erro.value)
    # another user behind the same address: the address limit (3)
    tarefas.criar("exportar", "bruno", endereco="10.0.0.1")
    with pytest.raises(tarefas.TarefasDemais) as erro:
        tarefas.criar("exportar", "carla", endereco="10.0.0.1")
    assert "endereço" in str(erro.value) or "address" in str(erro.value)
    # finished jobs do not count
    for dados in tarefas.listar("ana"):
        tarefas.atualizar(dados["id"], estado=tarefas.CONCLUIDO)
    tarefas.criar("exportar", "carla", endereco="10.0.0.1")


def test_old_jobs_are_deleted_and_dead_workers_reported():
    velha = tarefas.criar("exportar", "ana")
    antigo = time.time() - 3 * 24 * 3600
    registro = tarefas.pasta_tarefa(velha["id"]) / tarefas.ARQUIVO_TAREFA
    os.utime(registro, (antigo, antigo))
    nova = tarefas.criar("exportar", "ana")  # cleans up first
    assert not tarefas.pasta_tarefa(velha["id"]).exists()
    # a job whose process is gone is an error on the next read
    tarefas.atualizar(nova["id"], estado=tarefas.EXECUTANDO, pid=2**22 + 12345)
    assert tarefas.ler(nova["id"])["estado"] == tarefas.ERRO


def test_run_synchronously(monkeypatch):
    monkeypatch.setattr(tarefas, "SINCRONO", True)
    dados = tarefas.criar("exportar", "ana")

    def funcao(tarefa_id, alvo):
        return tarefas.atualizar(tarefa_id, estado=tarefas.CONCLUIDO, alvo=alvo)

    feito = trabalhador.rodar(dados, "objeto", funcao, None, str)
    assert feito["estado"] == tarefas.CONCLUIDO
    assert feito["alvo"] == "objeto"
