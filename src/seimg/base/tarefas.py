"""The job API: background work ("tarefas") that outlives the request.

One API for every kind of background work (today the process PDF; OCR and
exports next):

- :func:`criar` records a job of a ``tipo`` for its owner, after the limits
  (:func:`por_usuario` unfinished jobs per user, :func:`por_endereco` per
  client address) and the retention (:func:`limpar_antigas`);
- :func:`seimg.base.trabalhador.rodar` runs the job's function in a worker
  thread acting as the owner (:data:`SINCRONO`: in the calling thread, for
  integration tests, whose DemoStorage data another connection would not
  see);
- :func:`obter`, :func:`listar`, :func:`atualizar`, :func:`resultado`,
  :func:`progresso`, :func:`titulo_estado` read and report it. A job is
  visible only to its owner.

Storage is a backend, chosen on every call (:func:`armazenamento`):

- :class:`PastaLocal` (the embedded default): each job is a folder ``<id>/``
  under ``$SEIMG_DATA/geracao/tarefas`` (or a private temporary folder when
  ``SEIMG_DATA`` is unset) with ``tarefa.json`` (estado ``pendente`` /
  ``executando`` / ``concluido`` / ``erro``, total, concluidos, mensagem in
  Portuguese, the result's file name) and the result. Files, not memory, so
  that every Zope thread and process sharing the folder sees the same jobs.
- :class:`~seimg.base.tarefas_banco.BancoPostgres` when
  ``SEIMG_POSTGRESQL_DSN`` is set (a cluster, :mod:`seimg.base.postgresql`):
  the records are rows of ``seimg_tarefas`` (``jsonb``, updated under
  ``SELECT … FOR UPDATE``) and the result is stored in
  ``seimg_tarefas_arquivos`` (1 MiB ``bytea`` parts) in the same transaction
  that marks the job ``concluido``, so **any** instance lists a job,
  reports its state and serves its download. The local folder
  (:func:`pasta_tarefa`, under the instance's own ``$SEIMG_DATA``) is only
  the working folder of the instance that runs the job and a download
  cache: :func:`resultado` on another instance copies the file there first.
  Limits count every instance's jobs (one SQL query under an advisory lock,
  so two instances cannot both take the last place).

Callers never touch job files but through this API: the result is the file
named by the record's ``resultado`` in :func:`pasta_tarefa`, written before
the update that sets ``concluido``; :func:`reivindicar` claims a job for one
worker among all processes (and instances).

Jobs not updated for ``SEIMG_TAREFAS_RETENCAO_HORAS`` (24) are deleted
whenever a new one starts. A job whose process died (same host, its pid
gone) is reported as an error when read.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from seimg import _
from seimg.base import postgresql
from zExceptions import BadRequest
from zope.i18n import translate
import json
import logging
import os
import re
import secrets
import shutil
import socket
import tempfile
import threading
import time


logger = logging.getLogger(__name__)

LANGUAGE = "pt_BR"
PENDENTE = "pendente"
EXECUTANDO = "executando"
CONCLUIDO = "concluido"
ERRO = "erro"
ATIVOS = (PENDENTE, EXECUTANDO)

ESTADOS = {
    PENDENTE: _("tarefa_estado_pendente", default="waiting"),
    EXECUTANDO: _("tarefa_estado_executando", default="running"),
    CONCLUIDO: _("tarefa_estado_concluido", default="finished"),
    ERRO: _("tarefa_estado_erro", default="failed"),
}

ARQUIVO_TAREFA = "tarefa.json"
#: The claim file of :func:`reivindicar` in a local job folder.
REIVINDICACAO = "executor"
ID = re.compile(r"[0-9a-f]{32}")

#: Run jobs in the calling thread (tests); normally False.
SINCRONO = False

_TRAVA = threading.Lock()


class TarefaNaoEncontrada(Exception):
    """No such job (or not of this object): 404."""


class TarefaProibida(Exception):
    """A job of another user: 403."""


class TarefasDemais(BadRequest):
    """Too many unfinished jobs for this user or address: 429."""

    status = 429
    retry_after = 30  # seconds: a job usually finishes within this


def _t(message) -> str:
    return translate(message, target_language=LANGUAGE)


def _inteiro(variavel: str, padrao: int) -> int:
    return max(1, int(os.environ.get(variavel, str(padrao)) or padrao))


def por_usuario() -> int:
    """Unfinished jobs one user may have (``SEIMG_TAREFAS_POR_USUARIO``, 3)."""
    return _inteiro("SEIMG_TAREFAS_POR_USUARIO", 3)


def por_endereco() -> int:
    """Unfinished jobs one client address may have (``SEIMG_TAREFAS_POR_ENDERECO``,
    10): many accounts behind one address cannot fill the workers."""
    return _inteiro("SEIMG_TAREFAS_POR_ENDERECO", 10)


def retencao() -> timedelta:
    horas = float(os.environ.get("SEIMG_TAREFAS_RETENCAO_HORAS", "24") or 24)
    return timedelta(hours=horas)


def _agora() -> str:
    return datetime.now(UTC).isoformat()


# --- storage ---------------------------------------------------------------------


def _id_valido(tarefa_id) -> bool:
    return isinstance(tarefa_id, str) and ID.fullmatch(tarefa_id) is not None


def _nome_valido(nome) -> bool:
    """A result is a plain file name in the job's folder."""
    return (
        isinstance(nome, str)
        and nome not in ("", ".", "..")
        and "/" not in nome
        and "\\" not in nome
        and "\0" not in nome
    )


class PastaLocal:
    """Jobs as folders of one directory shared by the Zope processes of a host."""

    def pasta(self) -> Path:
        dados = os.environ.get("SEIMG_DATA")
        if dados:
            base = Path(dados).resolve() / "geracao" / "tarefas"
        else:
            base = Path(tempfile.gettempdir()) / f"seimg-tarefas-{os.getuid()}"
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        return base

    def pasta_tarefa(self, tarefa_id: str) -> Path:
        if not _id_valido(tarefa_id):
            raise TarefaNaoEncontrada(tarefa_id)
        return self.pasta() / tarefa_id

    def novo(self) -> str:
        tarefa_id = secrets.token_hex(16)
        self.pasta_tarefa(tarefa_id).mkdir(mode=0o700)
        return tarefa_id

    def gravar(self, dados: dict) -> None:
        destino = self.pasta_tarefa(dados["id"]) / ARQUIVO_TAREFA
        temporario = destino.with_name(f".{ARQUIVO_TAREFA}.{threading.get_ident()}")
        temporario.write_text(json.dumps(dados, ensure_ascii=False), encoding="utf-8")
        os.replace(temporario, destino)

    def ler(self, tarefa_id: str) -> dict | None:
        try:
            arquivo = self.pasta_tarefa(tarefa_id) / ARQUIVO_TAREFA
            return json.loads(arquivo.read_text(encoding="utf-8"))
        except (TarefaNaoEncontrada, OSError, ValueError):
            return None

    def ids(self) -> list[str]:
        return [item.name for item in self.pasta().iterdir() if ID.fullmatch(item.name)]

    def registros(self, filtros: dict) -> list[dict]:
        """Every job's record (``filtros`` are applied by the caller)."""
        return [d for d in (self.ler(i) for i in self.ids()) if d is not None]

    def inserir(self, dados: dict, vaga) -> dict:
        """Record a new job after ``vaga(unfinished records)`` (which raises
        :class:`TarefasDemais`); the record with its id."""
        vaga([d for d in listar() if d.get("estado") in ATIVOS])
        dados = {"id": self.novo(), **dados}
        self.gravar(dados)
        return dados

    def atualizar(self, tarefa_id: str, campos: dict) -> dict:
        with _TRAVA:
            dados = self.ler(tarefa_id)
            if dados is None:
                raise TarefaNaoEncontrada(tarefa_id)
            dados.update(campos)
            dados["atualizado_em"] = _agora()
            self.gravar(dados)
            return dados

    def reivindicar(self, tarefa_id: str) -> bool:
        try:
            caminho = self.pasta_tarefa(tarefa_id) / REIVINDICACAO
            descritor = os.open(caminho, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except (OSError, TarefaNaoEncontrada):
            return False
        os.close(descritor)
        return True

    def resultado(self, dados: dict) -> Path | None:
        nome = dados.get("resultado")
        if not _nome_valido(nome):
            return None
        caminho = self.pasta_tarefa(dados["id"]) / nome
        return caminho if caminho.is_file() else None

    def remover_antigas(self, limite: float) -> int:
        removidas = 0
        for item in self.pasta().iterdir():
            if not item.is_dir() or not ID.fullmatch(item.name):
                continue
            registro = item / ARQUIVO_TAREFA
            try:
                momento = (registro if registro.exists() else item).stat().st_mtime
            except OSError:
                continue
            if momento < limite:
                shutil.rmtree(item, ignore_errors=True)
                removidas += 1
        return removidas


_LOCAL = PastaLocal()


def armazenamento() -> PastaLocal:
    """The backend of this call: PostgreSQL when it is on (:class:`seimg.
    base.tarefas_banco.BancoPostgres`), else the folder."""
    if postgresql.ativo():
        from seimg.base.tarefas_banco import BANCO

        return BANCO
    return _LOCAL


class _Escolhido:
    """:data:`ARMAZENAMENTO`: the backend :func:`armazenamento` picks, on
    every use (the DSN may be set after import, e.g. by a test)."""

    def __getattr__(self, nome):
        return getattr(armazenamento(), nome)

    def __repr__(self):
        return f"<ARMAZENAMENTO {armazenamento()!r}>"


ARMAZENAMENTO = _Escolhido()


def pasta() -> Path:
    """The local jobs folder (created, private to the Zope user)."""
    return armazenamento().pasta()


def pasta_tarefa(tarefa_id: str) -> Path:
    """The job's own local folder: where its function writes the result."""
    return armazenamento().pasta_tarefa(tarefa_id)


# --- records ---------------------------------------------------------------------


def ler(tarefa_id: str) -> dict | None:
    """The job's record, or None; a job whose process died is an error."""
    return _verificar(armazenamento().ler(tarefa_id))


def _campos_interrompida() -> dict:
    return {
        "estado": ERRO,
        "mensagem": _t(
            _(
                "tarefa_interrompida",
                default="The generation was interrupted (the server "
                "restarted). Start it again.",
            )
        ),
        "atualizado_em": _agora(),
    }


def _verificar(dados: dict | None) -> dict | None:
    if dados is not None and dados.get("estado") in ATIVOS and _interrompida(dados):
        dados = atualizar(dados["id"], **_campos_interrompida())
    return dados


def _interrompida(dados: dict) -> bool:
    """Whether the job's process (``host`` + ``pid``) is gone: only known on
    its own host (instances on one host share the table: each sees the
    others' pids alive; a job of another host is left as it is)."""
    if dados.get("host") != socket.gethostname():
        return False
    pid = dados.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def atualizar(tarefa_id: str, **campos) -> dict:
    """Merge ``campos`` into the job's record (atomically); the record.

    When it becomes ``concluido`` with a ``resultado``, that file of
    :func:`pasta_tarefa` is stored with the record (PostgreSQL backend).
    """
    return armazenamento().atualizar(tarefa_id, campos)


def reivindicar(tarefa_id: str) -> bool:
    """Claim the job for this worker: True once, among every thread,
    process and instance; False for the others (or no such job)."""
    return armazenamento().reivindicar(tarefa_id)


def obter(tarefa_id: str, dono: str | None, **filtros) -> dict:
    """The job ``tarefa_id`` of ``dono`` whose record matches ``filtros``.

    Raises :class:`TarefaNaoEncontrada` or :class:`TarefaProibida`.
    """
    dados = ler(tarefa_id)
    if dados is None:
        raise TarefaNaoEncontrada(tarefa_id)
    if any(dados.get(campo) != valor for campo, valor in filtros.items()):
        raise TarefaNaoEncontrada(tarefa_id)
    if not dono or dados.get("usuario") != dono:
        raise TarefaProibida(tarefa_id)
    return dados


def listar(dono: str | None = None, **filtros) -> list[dict]:
    """The jobs of ``dono`` (all, when None) matching ``filtros``, newest first."""
    procura = dict(filtros)
    if dono is not None:
        procura["usuario"] = dono
    result = []
    for registro in armazenamento().registros(procura):
        dados = _verificar(registro)
        if dono is not None and dados.get("usuario") != dono:
            continue
        if any(dados.get(campo) != valor for campo, valor in filtros.items()):
            continue
        result.append(dados)
    return sorted(result, key=lambda d: d.get("criado_em", ""), reverse=True)


def resultado(dados: dict) -> Path | None:
    """The finished result of a job (a local file: on another instance of a
    cluster, copied from the database first), or None."""
    if dados.get("estado") != CONCLUIDO or not dados.get("resultado"):
        return None
    return armazenamento().resultado(dados)


def titulo_estado(dados: dict):
    """The job's state as a message (translate it for people)."""
    estado = dados.get("estado") or ""
    return ESTADOS.get(estado, estado)


def progresso(dados: dict) -> int:
    total = dados.get("total") or 0
    if dados.get("estado") == CONCLUIDO:
        return 100
    if not total:
        return 0
    return max(0, min(100, int(100 * (dados.get("concluidos") or 0) / total)))


def limpar_antigas(agora: float | None = None) -> int:
    """Delete jobs (and their files) older than :func:`retencao`; how many."""
    limite = (agora or time.time()) - retencao().total_seconds()
    return ARMAZENAMENTO.remover_antigas(limite)


def _exigir_vaga(abertas: list[dict], dono: str, endereco: str | None, demais):
    minhas = [d for d in abertas if d.get("usuario") == dono]
    if len(minhas) >= por_usuario():
        raise TarefasDemais(_t(demais(len(minhas))))
    if endereco and (
        sum(1 for d in abertas if d.get("endereco") == endereco) >= por_endereco()
    ):
        raise TarefasDemais(
            _t(
                _(
                    "tarefa_demais_endereco",
                    default="Too many jobs are running for your network address. "
                    "Wait for some to finish and try again.",
                )
            )
        )


def criar(tipo: str, dono: str, endereco: str | None = None, demais=None, **campos):
    """Record a new ``pendente`` job of ``tipo`` for ``dono``; its record.

    ``demais(n)``: the message when ``dono`` already has ``n`` unfinished
    jobs (a generic one by default). Raises :class:`TarefasDemais`.
    """
    limpar_antigas()
    demais = demais or (
        lambda n: _(
            "tarefa_demais_geral",
            default="You already have ${quantidade} jobs running. Wait for "
            "one to finish and try again.",
            mapping={"quantidade": n},
        )
    )
    dados = {
        "tipo": tipo,
        "usuario": dono,
        "endereco": endereco,
        "estado": PENDENTE,
        "total": 1,
        "concluidos": 0,
        "mensagem": "",
        "criado_em": _agora(),
        "atualizado_em": _agora(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        **campos,
    }
    return armazenamento().inserir(
        dados, lambda abertas: _exigir_vaga(abertas, dono, endereco, demais)
    )
