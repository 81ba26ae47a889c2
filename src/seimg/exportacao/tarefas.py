"""The process PDF as a background job, on the job API (:mod:`seimg.base.tarefas`).

:func:`iniciar` records a ``pdf-processo`` job for the current user and
returns at once; the worker selects the documents again as that user
(:mod:`.selecao`) and runs :func:`seimg.exportacao.processo_pdf.montar_pdf`,
reporting progress. :func:`obter` and :func:`listar` see only the jobs of
one process. Everything else (states, limits, retention, storage) is the job
API's, re-exported here for the surfaces.
"""

from plone import api
from seimg import _
from seimg.base import tarefas
from seimg.base import trabalhador
from seimg.base.tarefas import ATIVOS  # noqa: F401 (the API of this job)
from seimg.base.tarefas import atualizar
from seimg.base.tarefas import CONCLUIDO
from seimg.base.tarefas import ERRO
from seimg.base.tarefas import EXECUTANDO
from seimg.base.tarefas import ler  # noqa: F401
from seimg.base.tarefas import limpar_antigas  # noqa: F401
from seimg.base.tarefas import pasta  # noqa: F401
from seimg.base.tarefas import pasta_tarefa
from seimg.base.tarefas import PENDENTE  # noqa: F401
from seimg.base.tarefas import progresso  # noqa: F401
from seimg.base.tarefas import resultado  # noqa: F401
from seimg.base.tarefas import TarefaNaoEncontrada  # noqa: F401
from seimg.base.tarefas import TarefaProibida
from seimg.base.tarefas import TarefasDemais  # noqa: F401
from seimg.base.tarefas import titulo_estado  # noqa: F401
from seimg.geracao.rendering import GeracaoError
from zope.i18n import translate
import logging
import os
import re


logger = logging.getLogger(__name__)

TIPO = "pdf-processo"
RESULTADO = "processo.pdf"


def _t(message) -> str:
    return translate(message, target_language=tarefas.LANGUAGE)


def _demais(quantidade: int):
    return _(
        "tarefa_demais",
        default="You already have ${quantidade} process PDFs being "
        "generated. Wait for one to finish and try again.",
        mapping={"quantidade": quantidade},
    )


def obter(tarefa_id: str, userid: str | None, processo_uid: str | None = None) -> dict:
    """The job ``tarefa_id`` of ``userid`` (of ``processo_uid``, when given)."""
    filtros = {"processo": processo_uid} if processo_uid is not None else {}
    return tarefas.obter(tarefa_id, userid, **filtros)


def listar(userid: str, processo_uid: str | None = None) -> list[dict]:
    """The process-PDF jobs of ``userid`` (of one process), newest first."""
    filtros = {"processo": processo_uid} if processo_uid is not None else {}
    return tarefas.listar(userid, tipo=TIPO, **filtros)


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

    pasta_da_tarefa = pasta_tarefa(tarefa_id)
    atualizar(tarefa_id, estado=EXECUTANDO, pid=os.getpid(), concluidos=0)

    def progresso_(concluidos: int, total: int) -> None:
        atualizar(tarefa_id, concluidos=concluidos, total=total)

    try:
        resultado_ = montar_pdf(
            processo,
            documentos,
            pasta_da_tarefa / RESULTADO,
            progresso_,
            trabalho=pasta_da_tarefa,
        )
    except Exception as error:
        if not isinstance(error, GeracaoError):
            logger.exception("Process PDF job %s failed", tarefa_id)
        else:
            logger.error("Process PDF job %s failed: %s", tarefa_id, error)
        (pasta_da_tarefa / RESULTADO).unlink(missing_ok=True)
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


def _no_trabalhador(tarefa_id: str, processo) -> dict:
    """In the worker: select the documents again, as the user, and run."""
    from seimg.exportacao import selecao
    from seimg.organizacao.atual import unidade_atual

    uids = tarefas.ler(tarefa_id).get("documentos") or None
    documentos = selecao.selecionar(processo, unidade_atual(), uids)
    return executar(tarefa_id, processo, documentos)


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
    unidade = unidade_atual(request)
    numero = re.sub(r"\D", "", processo.numero or "") or processo.getId()
    uids = [doc.UID() for doc in documentos]
    dados = tarefas.criar(
        TIPO,
        api.user.get_current().getId(),
        endereco=request.getClientAddr() if request is not None else None,
        demais=_demais,
        processo=processo.UID(),
        processo_numero=processo.numero or "",
        processo_url=processo.absolute_url(),
        unidade=unidade.UID() if unidade is not None else None,
        documentos=uids,
        total=len(uids) + 1,
        nome_arquivo=f"processo-{numero}.pdf",
    )
    if tarefas.SINCRONO:
        return executar(dados["id"], processo, documentos)
    return trabalhador.rodar(
        dados,
        processo,
        _no_trabalhador,
        request,
        _mensagem_erro,
        unidade_uid=dados["unidade"],
    )
