"""The worker of the job API: a thread that acts as the request did.

:func:`rodar` runs a job's function in a thread that opens its own ZODB
connection, sets the site, logs in as the job's owner and acts for the same
unit (:class:`Contexto`, :func:`ambiente`); at most
``SEIMG_TAREFAS_SIMULTANEAS`` (2) run at once per process, the others wait
as ``pendente``. Records and limits are :mod:`seimg.base.tarefas`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from seimg.base import tarefas
import logging
import os
import threading
import transaction


logger = logging.getLogger(__name__)

LIMITE = threading.BoundedSemaphore(
    max(1, int(os.environ.get("SEIMG_TAREFAS_SIMULTANEAS", "2") or 2))
)


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


#: The userid of jobs no person asked for (e.g. the sealed PDFs made ahead
#: of anonymous visitors): they act as Zope's unrestricted system user.
SISTEMA = "seimg:sistema"


def _usuario(app, site, userid: str):
    if userid == SISTEMA:
        from AccessControl.SpecialUsers import system

        return system
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
            raise tarefas.TarefaProibida(contexto.userid)
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
        with LIMITE:
            conexao = contexto.db.open()
            try:
                with ambiente(conexao, contexto) as alvo:
                    funcao(tarefa_id, alvo)
            finally:
                conexao.close()
    except Exception as error:
        logger.exception("Job %s could not run", tarefa_id)
        try:
            tarefas.atualizar(tarefa_id, estado=tarefas.ERRO, mensagem=erro(error))
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
    if tarefas.SINCRONO:
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
