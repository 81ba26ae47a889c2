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

Storage is a backend (:class:`PastaLocal` today): each job is a folder
``<id>/`` under ``$SEIMG_DATA/geracao/tarefas`` (or a private temporary folder
when ``SEIMG_DATA`` is unset) with ``tarefa.json`` (estado ``pendente`` /
``executando`` / ``concluido`` / ``erro``, total, concluidos, mensagem in
Portuguese, the result's file name) and the result. Files, not memory, so
that every Zope thread and process sharing the folder sees the same jobs.
Jobs older than ``SEIMG_TAREFAS_RETENCAO_HORAS`` (24) are deleted whenever a
new one starts. A database backend (several Zope instances, issue 20) goes
behind the same functions.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from seimg import _
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
        if not isinstance(tarefa_id, str) or not ID.fullmatch(tarefa_id):
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


ARMAZENAMENTO = PastaLocal()


def pasta() -> Path:
    """The jobs folder of the local backend (created, private to the Zope user)."""
    return ARMAZENAMENTO.pasta()


def pasta_tarefa(tarefa_id: str) -> Path:
    """The job's own folder: where its function writes the result."""
    return ARMAZENAMENTO.pasta_tarefa(tarefa_id)


# --- records ---------------------------------------------------------------------


def ler(tarefa_id: str) -> dict | None:
    """The job's record, or None; a job whose process died is an error."""
    dados = ARMAZENAMENTO.ler(tarefa_id)
    if dados is not None and dados.get("estado") in ATIVOS and _interrompida(dados):
        dados = atualizar(
            tarefa_id,
            estado=ERRO,
            mensagem=_t(
                _(
                    "tarefa_interrompida",
                    default="The generation was interrupted (the server "
                    "restarted). Start it again.",
                )
            ),
        )
    return dados


def _interrompida(dados: dict) -> bool:
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
    with _TRAVA:
        dados = ARMAZENAMENTO.ler(tarefa_id)
        if dados is None:
            raise TarefaNaoEncontrada(tarefa_id)
        dados.update(campos)
        dados["atualizado_em"] = _agora()
        ARMAZENAMENTO.gravar(dados)
        return dados


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
    result = []
    for tarefa_id in ARMAZENAMENTO.ids():
        dados = ler(tarefa_id)
        if dados is None or (dono is not None and dados.get("usuario") != dono):
            continue
        if any(dados.get(campo) != valor for campo, valor in filtros.items()):
            continue
        result.append(dados)
    return sorted(result, key=lambda d: d.get("criado_em", ""), reverse=True)


def resultado(dados: dict) -> Path | None:
    """The finished result of a job, or None."""
    if dados.get("estado") != CONCLUIDO or not dados.get("resultado"):
        return None
    caminho = pasta_tarefa(dados["id"]) / dados["resultado"]
    return caminho if caminho.is_file() else None


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


def _exigir_vaga(dono: str, endereco: str | None, demais) -> None:
    abertas = [d for d in listar() if d.get("estado") in ATIVOS]
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
    _exigir_vaga(
        dono,
        endereco,
        demais
        or (
            lambda n: _(
                "tarefa_demais_geral",
                default="You already have ${quantidade} jobs running. Wait for "
                "one to finish and try again.",
                mapping={"quantidade": n},
            )
        ),
    )
    tarefa_id = ARMAZENAMENTO.novo()
    dados = {
        "id": tarefa_id,
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
    ARMAZENAMENTO.gravar(dados)
    return dados
