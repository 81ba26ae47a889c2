"""The job API: background work ("tarefas") that outlives the request.

One API for every kind of background work (today the process PDF; OCR and
exports next):

- :func:`criar` records a job of a ``tipo`` for its owner, after the limits
  (:func:`por_usuario` unfinished jobs per user, :func:`por_endereco` per
  client address) and the retention (:func:`limpar_antigas`);
- :func:`rodar` runs the job's function in a worker thread that opens its own
  ZODB connection, sets the site, logs in as the owner and acts for the same
  unit (:class:`Contexto`, :func:`ambiente`); at most
  ``SEIMG_TAREFAS_SIMULTANEAS`` (2) run at once per process, the others wait
  as ``pendente``. :data:`SINCRONO` runs it in the calling thread
  (integration tests: their DemoStorage data is not committed, so another
  connection would not see it);
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

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
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
import transaction


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

_LIMITE = threading.BoundedSemaphore(
    max(1, int(os.environ.get("SEIMG_TAREFAS_SIMULTANEAS", "2") or 2))
)
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


# --- running ---------------------------------------------------------------------


@dataclass(frozen=True)
class Contexto:
    """What the worker thread needs to act as the request did."""

    db: object
    site: tuple[str, ...]
    alvo: tuple[str, ...]
    userid: str
    unidade: str | None
    server_url: str
    script: tuple[str, ...]
    raiz_virtual: tuple[str, ...] | None
    idioma: str

    @classmethod
    def capturar(cls, alvo, request, userid: str, unidade_uid: str | None):
        from plone import api

        portal = api.portal.get()
        raiz = request.other.get("VirtualRootPhysicalPath") if request else None
        return cls(
            db=alvo._p_jar.db(),
            site=tuple(portal.getPhysicalPath()),
            alvo=tuple(alvo.getPhysicalPath()),
            userid=userid,
            unidade=unidade_uid,
            server_url=(request.get("SERVER_URL", "") if request else "") or "",
            script=tuple(getattr(request, "_script", ()) or ()) if request else (),
            raiz_virtual=tuple(raiz) if raiz else None,
            idioma=(request.get("HTTP_ACCEPT_LANGUAGE", "") if request else "") or "",
        )


def _usuario(app, site, userid: str):
    for pasta_usuarios in (site.acl_users, app.acl_users):
        usuario = pasta_usuarios.getUserById(userid)
        if usuario is not None:
            return usuario.__of__(pasta_usuarios)
    return None


@contextmanager
def ambiente(conexao, contexto: Contexto):
    """Site, request, user and acting unit of ``contexto`` on ``conexao``.

    Yields the job's object (as seen through ``conexao``).
    """
    from AccessControl.SecurityManagement import getSecurityManager
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import setSecurityManager
    from Testing.makerequest import makerequest
    from urllib.parse import urlsplit
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite
    from zope.event import notify
    from zope.globalrequest import clearRequest
    from zope.globalrequest import getRequest
    from zope.globalrequest import setRequest
    from zope.traversing.interfaces import BeforeTraverseEvent

    environ = {"REQUEST_METHOD": "GET"}
    partes = urlsplit(contexto.server_url or "http://localhost")
    environ["SERVER_NAME"] = partes.hostname or "localhost"
    environ["SERVER_PORT"] = str(
        partes.port or (443 if partes.scheme == "https" else 80)
    )
    if partes.scheme == "https":
        environ["HTTPS"] = "on"
    if contexto.idioma:
        environ["HTTP_ACCEPT_LANGUAGE"] = contexto.idioma
    if contexto.unidade:
        environ["HTTP_X_UNIDADE"] = contexto.unidade
    anterior_site, anterior_request = getSite(), getRequest()
    anterior_seguranca = getSecurityManager()
    app = makerequest(conexao.root()["Application"], environ=environ)
    request = app.REQUEST
    if contexto.server_url:
        request.other["SERVER_URL"] = contexto.server_url
    request._script = list(contexto.script)
    if contexto.raiz_virtual:
        request.other["VirtualRootPhysicalPath"] = contexto.raiz_virtual
    try:
        site = app.unrestrictedTraverse("/".join(contexto.site))
        setSite(site)
        setRequest(request)
        notify(BeforeTraverseEvent(site, request))  # browser layers, as a request gets
        usuario = _usuario(app, site, contexto.userid)
        if usuario is None:
            raise TarefaProibida(contexto.userid)
        newSecurityManager(request, usuario)
        yield app.unrestrictedTraverse("/".join(contexto.alvo))
    finally:
        setSecurityManager(anterior_seguranca)
        transaction.abort()
        setSite(anterior_site)
        if anterior_request is not None:
            setRequest(anterior_request)
        else:
            clearRequest()
        request.close()


def _em_segundo_plano(contexto: Contexto, tarefa_id: str, funcao, erro) -> None:
    try:
        with _LIMITE:
            conexao = contexto.db.open()
            try:
                with ambiente(conexao, contexto) as alvo:
                    funcao(tarefa_id, alvo)
            finally:
                conexao.close()
    except Exception as error:
        logger.exception("Job %s could not run", tarefa_id)
        try:
            atualizar(tarefa_id, estado=ERRO, mensagem=erro(error))
        except Exception:  # pragma: no cover (the storage vanished)
            logger.exception("Could not record the failure of job %s", tarefa_id)


def rodar(
    dados: dict,
    alvo,
    funcao: Callable[[str, object], dict],
    request,
    erro: Callable[[Exception], str],
    unidade_uid: str | None = None,
) -> dict:
    """Run ``funcao(tarefa_id, alvo)`` for the job ``dados``; its record now.

    In a worker thread acting as the current user for ``unidade_uid``
    (:data:`SINCRONO`: here, at once). ``erro(exception)`` is the
    Portuguese message recorded when the job cannot run at all.
    """
    if SINCRONO:
        return funcao(dados["id"], alvo)
    from plone import api

    contexto = Contexto.capturar(
        alvo, request, api.user.get_current().getId(), unidade_uid
    )
    worker = threading.Thread(
        target=_em_segundo_plano,
        args=(contexto, dados["id"], funcao, erro),
        name=f"seimg-{dados['tipo']}-{dados['id'][:8]}",
        daemon=True,
    )
    worker.start()
    return dados
