"""Background jobs ("tarefas") that generate process PDFs.

:func:`iniciar` records a job and returns at once; a worker thread opens its
own ZODB connection, sets the site, logs in as the requesting user, acts for
the same unit (the ``X-Unidade`` header a request would carry) and runs
:func:`seimg.exportacao.processo_pdf.montar_pdf`, reporting progress.

Each job is a folder ``<id>/`` under :func:`pasta` (``$SEIMG_DATA/geracao/
tarefas``, or a private temporary folder when ``SEIMG_DATA`` is unset) with
``tarefa.json`` (estado ``pendente``/``executando``/``concluido``/``erro``,
total, concluidos, mensagem in Portuguese, the result's file name), the
result and a work folder removed at the end. Files, not memory, so that every
Zope thread and process sharing the folder sees the same jobs. A job is
visible only to the user who started it. Jobs older than
``SEIMG_TAREFAS_RETENCAO_HORAS`` (24) are deleted whenever a new one
starts; at most ``SEIMG_TAREFAS_SIMULTANEAS`` (2) run at once per process,
the others wait as ``pendente``.

:data:`SINCRONO` runs the same code in the calling thread (integration tests
use it: their DemoStorage data is not committed, so another connection would
not see it).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from plone import api
from seimg import _
from seimg.geracao.rendering import GeracaoError
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
RESULTADO = "processo.pdf"
ID = re.compile(r"[0-9a-f]{32}")

#: Run jobs in the calling thread (tests); normally False.
SINCRONO = False

_LIMITE = threading.BoundedSemaphore(
    max(1, int(os.environ.get("SEIMG_TAREFAS_SIMULTANEAS", "2") or 2))
)
_TRAVA = threading.Lock()


class TarefaNaoEncontrada(Exception):
    """No such job (or not of this process): 404."""


class TarefaProibida(Exception):
    """A job of another user: 403."""


class TarefasDemais(BadRequest):
    """The user already has too many unfinished jobs: 429."""

    status = 429
    retry_after = 30  # seconds: a process PDF usually finishes within this


def por_usuario() -> int:
    """How many unfinished jobs one user may have (``SEIMG_TAREFAS_POR_USUARIO``)."""
    return max(1, int(os.environ.get("SEIMG_TAREFAS_POR_USUARIO", "3") or 3))


def _exigir_vaga(userid: str) -> None:
    abertas = [d for d in listar(userid) if d.get("estado") in (PENDENTE, EXECUTANDO)]
    if len(abertas) >= por_usuario():
        raise TarefasDemais(
            _t(
                _(
                    "tarefa_demais",
                    default="You already have ${quantidade} process PDFs being "
                    "generated. Wait for one to finish and try again.",
                    mapping={"quantidade": len(abertas)},
                )
            )
        )


def _t(message) -> str:
    return translate(message, target_language=LANGUAGE)


def retencao() -> timedelta:
    horas = float(os.environ.get("SEIMG_TAREFAS_RETENCAO_HORAS", "24") or 24)
    return timedelta(hours=horas)


def pasta() -> Path:
    """The jobs folder (created, private to the Zope user)."""
    dados = os.environ.get("SEIMG_DATA")
    if dados:
        base = Path(dados).resolve() / "geracao" / "tarefas"
    else:
        base = Path(tempfile.gettempdir()) / f"seimg-tarefas-{os.getuid()}"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base


def _pasta_tarefa(tarefa_id: str) -> Path:
    if not isinstance(tarefa_id, str) or not ID.fullmatch(tarefa_id):
        raise TarefaNaoEncontrada(tarefa_id)
    return pasta() / tarefa_id


def _agora() -> str:
    return datetime.now(UTC).isoformat()


def _gravar(dados: dict) -> None:
    destino = _pasta_tarefa(dados["id"]) / ARQUIVO_TAREFA
    temporario = destino.with_name(f".{ARQUIVO_TAREFA}.{threading.get_ident()}")
    temporario.write_text(json.dumps(dados, ensure_ascii=False), encoding="utf-8")
    os.replace(temporario, destino)


def ler(tarefa_id: str) -> dict | None:
    """The job's record, or None; a job whose process died is an error."""
    try:
        arquivo = _pasta_tarefa(tarefa_id) / ARQUIVO_TAREFA
        dados = json.loads(arquivo.read_text(encoding="utf-8"))
    except (TarefaNaoEncontrada, FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError):
        return None
    if dados.get("estado") in ATIVOS and _interrompida(dados):
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
    if not isinstance(pid, int):
        return False
    if pid == os.getpid():
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
        arquivo = _pasta_tarefa(tarefa_id) / ARQUIVO_TAREFA
        dados = json.loads(arquivo.read_text(encoding="utf-8"))
        dados.update(campos)
        dados["atualizado_em"] = _agora()
        _gravar(dados)
        return dados


def obter(tarefa_id: str, userid: str | None, processo_uid: str | None = None) -> dict:
    """The job ``tarefa_id`` of ``userid`` (of ``processo_uid``, when given).

    Raises :class:`TarefaNaoEncontrada` or :class:`TarefaProibida`.
    """
    dados = ler(tarefa_id)
    if dados is None:
        raise TarefaNaoEncontrada(tarefa_id)
    if processo_uid is not None and dados.get("processo") != processo_uid:
        raise TarefaNaoEncontrada(tarefa_id)
    if not userid or dados.get("usuario") != userid:
        raise TarefaProibida(tarefa_id)
    return dados


def listar(userid: str, processo_uid: str | None = None) -> list[dict]:
    """The jobs of ``userid`` (of one process), newest first."""
    result = []
    for item in pasta().iterdir():
        if not ID.fullmatch(item.name):
            continue
        dados = ler(item.name)
        if dados is None or dados.get("usuario") != userid:
            continue
        if processo_uid is not None and dados.get("processo") != processo_uid:
            continue
        result.append(dados)
    return sorted(result, key=lambda d: d.get("criado_em", ""), reverse=True)


def resultado(dados: dict) -> Path | None:
    """The finished PDF of a job, or None."""
    if dados.get("estado") != CONCLUIDO:
        return None
    caminho = _pasta_tarefa(dados["id"]) / RESULTADO
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
    removidas = 0
    for item in pasta().iterdir():
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


# --- running ---------------------------------------------------------------------


@dataclass(frozen=True)
class Contexto:
    """What the worker thread needs to act as the request did."""

    db: object
    site: tuple[str, ...]
    processo: tuple[str, ...]
    userid: str
    unidade: str | None
    server_url: str
    script: tuple[str, ...]
    raiz_virtual: tuple[str, ...] | None
    idioma: str

    @classmethod
    def capturar(cls, processo, request, userid: str, unidade) -> Contexto:
        portal = api.portal.get()
        raiz = request.other.get("VirtualRootPhysicalPath") if request else None
        return cls(
            db=processo._p_jar.db(),
            site=tuple(portal.getPhysicalPath()),
            processo=tuple(processo.getPhysicalPath()),
            userid=userid,
            unidade=unidade.UID() if unidade is not None else None,
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

    Yields the Processo (as seen through ``conexao``).
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
        processo = app.unrestrictedTraverse("/".join(contexto.processo))
        yield processo
    finally:
        setSecurityManager(anterior_seguranca)
        transaction.abort()
        setSite(anterior_site)
        if anterior_request is not None:
            setRequest(anterior_request)
        else:
            clearRequest()
        request.close()


def _mensagem_erro(error: Exception) -> str:
    if isinstance(error, GeracaoError):
        return _t(error.message)
    if hasattr(error, "args") and type(error).__name__ in ("BadRequest", "Forbidden"):
        return str(error)
    return _t(
        _(
            "tarefa_erro_inesperado",
            default="The process PDF could not be generated because of an "
            "unexpected error. Try again; if it happens again, tell the "
            "administrator.",
        )
    )


def executar(tarefa_id: str, processo, documentos: list) -> dict:
    """Run the job now, in this thread, with the current security context."""
    from seimg.exportacao.processo_pdf import montar_pdf

    pasta_tarefa = _pasta_tarefa(tarefa_id)
    atualizar(tarefa_id, estado=EXECUTANDO, pid=os.getpid(), concluidos=0)

    def progresso_(concluidos: int, total: int) -> None:
        atualizar(tarefa_id, concluidos=concluidos, total=total)

    try:
        resultado_ = montar_pdf(
            processo,
            documentos,
            pasta_tarefa / RESULTADO,
            progresso_,
            trabalho=pasta_tarefa,
        )
    except Exception as error:
        if not isinstance(error, GeracaoError):
            logger.exception("Process PDF job %s failed", tarefa_id)
        else:
            logger.error("Process PDF job %s failed: %s", tarefa_id, error)
        (pasta_tarefa / RESULTADO).unlink(missing_ok=True)
        return atualizar(tarefa_id, estado=ERRO, mensagem=_mensagem_erro(error))
    return atualizar(
        tarefa_id,
        estado=CONCLUIDO,
        resultado=RESULTADO,
        concluidos=len(documentos) + 1,
        paginas=resultado_.paginas,
        tamanho=resultado_.destino.stat().st_size,
        nao_convertidos=[item.json() for item in resultado_.nao_convertidos],
        mensagem="",
    )


def _em_segundo_plano(contexto: Contexto, tarefa_id: str, uids: list[str]) -> None:
    from seimg.exportacao import selecao
    from seimg.organizacao.atual import unidade_atual

    try:
        with _LIMITE:
            conexao = contexto.db.open()
            try:
                with ambiente(conexao, contexto) as processo:
                    documentos = selecao.selecionar(
                        processo, unidade_atual(), uids or None
                    )
                    executar(tarefa_id, processo, documentos)
            finally:
                conexao.close()
    except Exception as error:
        logger.exception("Process PDF job %s could not run", tarefa_id)
        try:
            atualizar(tarefa_id, estado=ERRO, mensagem=_mensagem_erro(error))
        except Exception:  # pragma: no cover (the folder vanished)
            logger.exception("Could not record the failure of job %s", tarefa_id)


def iniciar(processo, documentos: list, request=None) -> dict:
    """Record a job generating the PDF of ``documentos`` and start it.

    ``documentos`` were selected (and checked) by the caller as the current
    user; the worker selects them again, as the same user, by UID.
    """
    from seimg.organizacao.atual import unidade_atual
    from zope.globalrequest import getRequest

    request = request if request is not None else getRequest()
    if api.user.is_anonymous():
        raise TarefaProibida("anonymous")
    userid = api.user.get_current().getId()
    unidade = unidade_atual(request)
    limpar_antigas()
    _exigir_vaga(userid)
    tarefa_id = secrets.token_hex(16)
    _pasta_tarefa(tarefa_id).mkdir(mode=0o700)
    numero = re.sub(r"\D", "", processo.numero or "") or processo.getId()
    uids = [doc.UID() for doc in documentos]
    dados = {
        "id": tarefa_id,
        "tipo": "pdf-processo",
        "usuario": userid,
        "processo": processo.UID(),
        "processo_numero": processo.numero or "",
        "processo_url": processo.absolute_url(),
        "unidade": unidade.UID() if unidade is not None else None,
        "documentos": uids,
        "estado": PENDENTE,
        "total": len(uids) + 1,
        "concluidos": 0,
        "mensagem": "",
        "nome_arquivo": f"processo-{numero}.pdf",
        "criado_em": _agora(),
        "atualizado_em": _agora(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
    }
    _gravar(dados)
    if SINCRONO:
        return executar(tarefa_id, processo, documentos)
    contexto = Contexto.capturar(processo, request, userid, unidade)
    worker = threading.Thread(
        target=_em_segundo_plano,
        args=(contexto, tarefa_id, uids),
        name=f"seimg-pdf-{tarefa_id[:8]}",
        daemon=True,
    )
    worker.start()
    return dados
