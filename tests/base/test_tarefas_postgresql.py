"""The job API on its PostgreSQL backend (seimg.base.tarefas_banco): the
behaviour of the local one, and two instances (two local folders, one
database) serving each other's jobs."""

from seimg.base import postgresql
from seimg.base import tarefas
from seimg.base import tarefas_banco
from seimg.base.tarefas_banco import BancoPostgres
from tests.base import test_tarefas_unit as local
import os
import pytest
import threading


# the local backend's tests, on PostgreSQL
test_a_job_is_recorded_pending_and_seen_by_its_owner_only = (
    local.test_a_job_is_recorded_pending_and_seen_by_its_owner_only
)
test_limits_per_user_and_per_address = local.test_limits_per_user_and_per_address
test_progress_result_and_states = local.test_progress_result_and_states
test_run_synchronously = local.test_run_synchronously


@pytest.fixture(autouse=True)
def dados(tmp_path, banco_postgresql, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path / "a"))
    monkeypatch.setenv(postgresql.VARIAVEL, banco_postgresql)
    monkeypatch.setenv("SEIMG_TAREFAS_POR_USUARIO", "2")
    monkeypatch.setenv("SEIMG_TAREFAS_POR_ENDERECO", "3")
    return tmp_path


def _sql(consulta, parametros=()):
    with postgresql.transacao() as cursor:
        cursor.execute(consulta, parametros)
        return cursor.fetchall() if cursor.description else None


def test_o_backend_e_escolhido_a_cada_chamada(monkeypatch, tmp_path):
    assert isinstance(tarefas.armazenamento(), BancoPostgres)
    assert isinstance(tarefas.ARMAZENAMENTO.ler, type(BancoPostgres().ler))
    dados = tarefas.criar("exportar", "ana")
    assert _sql("SELECT id FROM seimg_tarefas") == [(dados["id"],)]
    assert not (tarefas.pasta_tarefa(dados["id"]) / tarefas.ARQUIVO_TAREFA).exists()
    monkeypatch.delenv(postgresql.VARIAVEL)
    assert type(tarefas.armazenamento()) is tarefas.PastaLocal
    assert tarefas.listar("ana") == []  # the local folder has no records


def test_outra_instancia_lista_le_e_baixa(dados, monkeypatch):
    """A job created and finished with SEIMG_DATA=a is listed, read and its
    result downloaded with SEIMG_DATA=b (another instance)."""
    monkeypatch.setattr(tarefas_banco, "PARTE", 1000)
    job = tarefas.criar("exportar", "ana", endereco="10.0.0.1", total=2)
    conteudo = os.urandom(2500)  # three parts
    (tarefas.pasta_tarefa(job["id"]) / "saida.pdf").write_bytes(conteudo)
    tarefas.atualizar(job["id"], estado=tarefas.EXECUTANDO, concluidos=1)
    tarefas.atualizar(job["id"], estado=tarefas.CONCLUIDO, resultado="saida.pdf")
    assert _sql(
        "SELECT count(*), sum(octet_length(conteudo)) FROM seimg_tarefas_arquivos"
    ) == [(3, 2500)]

    monkeypatch.setenv("SEIMG_DATA", str(dados / "b"))
    assert not (dados / "b" / "geracao" / "tarefas" / job["id"]).exists()
    [visto] = tarefas.listar("ana", tipo="exportar")
    assert visto["estado"] == tarefas.CONCLUIDO
    assert tarefas.progresso(visto) == 100
    lido = tarefas.obter(job["id"], "ana")
    caminho = tarefas.resultado(lido)
    assert caminho == dados / "b" / "geracao" / "tarefas" / job["id"] / "saida.pdf"
    assert caminho.read_bytes() == conteudo
    assert [p.name for p in caminho.parent.iterdir()] == ["saida.pdf"]
    assert tarefas.resultado(lido) == caminho  # the cached copy
    with pytest.raises(tarefas.TarefaProibida):
        tarefas.obter(job["id"], "bruno")
    # a forged record names no file of the database
    assert tarefas.resultado({**lido, "resultado": "outro.pdf"}) is None
    assert tarefas.resultado({**lido, "resultado": "../tarefa.json"}) is None


def test_limites_contam_as_outras_instancias(dados, monkeypatch):
    tarefas.criar("exportar", "ana", endereco="10.0.0.1")
    monkeypatch.setenv("SEIMG_DATA", str(dados / "b"))
    tarefas.criar("exportar", "ana", endereco="10.0.0.1")
    with pytest.raises(tarefas.TarefasDemais):
        tarefas.criar("exportar", "ana")


def test_criacao_concorrente_respeita_o_limite(dados):
    criadas, recusadas = [], []
    barreira = threading.Barrier(4)

    def criar():
        barreira.wait()
        try:
            criadas.append(tarefas.criar("exportar", "ana"))
        except tarefas.TarefasDemais:
            recusadas.append(1)
        finally:
            postgresql.fechar()

    threads = [threading.Thread(target=criar) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert (len(criadas), len(recusadas)) == (2, 2)


def test_atualizar_concorrente_nao_perde_campos(dados):
    job = tarefas.criar("exportar", "ana")

    def marcar(campo):
        for i in range(10):
            tarefas.atualizar(job["id"], **{campo: i})
        postgresql.fechar()

    threads = [threading.Thread(target=marcar, args=(c,)) for c in "xyz"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    lido = tarefas.ler(job["id"])
    assert (lido["x"], lido["y"], lido["z"]) == (9, 9, 9)


def test_antigas_removidas_e_processo_morto(dados, monkeypatch):
    velha = tarefas.criar("exportar", "ana")
    (tarefas.pasta_tarefa(velha["id"]) / "r.csv").write_text("x")
    tarefas.atualizar(velha["id"], estado=tarefas.CONCLUIDO, resultado="r.csv")
    _sql(
        "UPDATE seimg_tarefas SET atualizado_em = now() - interval '3 days' "
        "WHERE id = %s",
        (velha["id"],),
    )
    nova = tarefas.criar("exportar", "ana")  # cleans up first
    assert tarefas.ler(velha["id"]) is None
    assert not (dados / "a" / "geracao" / "tarefas" / velha["id"]).exists()
    assert _sql("SELECT count(*) FROM seimg_tarefas_arquivos") == [(0,)]
    # a job whose process is gone is an error on the next read, and does not
    # count against the limit
    tarefas.atualizar(nova["id"], estado=tarefas.EXECUTANDO, pid=2**22 + 12345)
    outra = tarefas.criar("exportar", "ana")
    tarefas.atualizar(outra["id"], pid=2**22 + 12346)
    tarefas.criar("exportar", "ana")  # both dead ones are not counted
    assert tarefas.ler(nova["id"])["estado"] == tarefas.ERRO
    assert tarefas.ler(outra["id"])["estado"] == tarefas.ERRO
    # a live process of the same host (another instance) is not interrupted
    viva = tarefas.criar("exportar", "bruno")
    tarefas.atualizar(viva["id"], pid=os.getppid())
    assert tarefas.ler(viva["id"])["estado"] == tarefas.PENDENTE


def test_reivindicar_uma_vez_entre_instancias(dados, monkeypatch):
    job = tarefas.criar("pdf-assinado", "pdf:x")
    assert tarefas.reivindicar(job["id"])
    monkeypatch.setenv("SEIMG_DATA", str(dados / "b"))
    assert not tarefas.reivindicar(job["id"])
    assert not tarefas.reivindicar("0" * 32)
    assert not tarefas.reivindicar("../x")


def test_ids_invalidos(dados):
    for ruim in ("0" * 32, "../../etc/passwd", "", None, 42):
        assert tarefas.ler(ruim) is None
        with pytest.raises(tarefas.TarefaNaoEncontrada):
            tarefas.atualizar(ruim, estado=tarefas.ERRO)
