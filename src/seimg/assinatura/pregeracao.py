"""Sealed PDFs made ahead, in the background, so that no visitor waits for one.

:func:`seimg.assinatura.pades.pdf_assinado` makes the sealed PDF on first
use (LibreOffice, seconds). Anonymous visitors of the public portal must
never start that work in their request: they get
:func:`~seimg.assinatura.pades.pdf_pronto` (the cache, or nothing). This
module fills the cache:

- :func:`apos_assinatura` — called by :func:`seimg.assinatura.api.assinar`:
  a signed **público** Documento is queued when the signature commits (a
  restricted one is never served to visitors, and each later signature
  would throw the PDF away again; when it turns público, the portal's first
  request queues it);
- :func:`enfileirar` — the portal queues a document whose PDF is not ready
  (and answers "being prepared"); at most one waiting job per document, and
  none for :data:`ESPERA_APOS_ERRO` seconds after a failed one (LibreOffice
  down: visitors do not pile up jobs).

Jobs are records of the job API (:mod:`seimg.base.tarefas`) of type
``"pdf-assinado"``, ``prioridade`` ``"baixa"``, owner ``pdf:<document UID>``
(so they count against no person's limit), holding the document's UID and
the site's URL as the queueing request saw it (the PDF's QR code links to
the site). One worker thread per Zope process (:func:`iniciar_executor`)
takes the waiting jobs oldest first, one at a time, and waits while process
PDFs asked by people are running; it acts as the system user
(:data:`seimg.base.trabalhador.SISTEMA`), calls ``pdf_assinado`` and commits.
A job is harmless when its document changed (it makes the current version,
or nothing when there is none), was deleted (done, nothing made) or when
LibreOffice fails (the job records the error; signing never depends on it).
A claim (:func:`seimg.base.tarefas.reivindicar`) keeps two processes, or
two instances of a cluster, from running the same job.

``SEIMG_PDF_PREGERAR`` (``1``): ``0`` turns the worker and the queueing at
signing off (the test suite does; staff downloads still fill the cache).
"""

from __future__ import annotations

from datetime import datetime
from datetime import UTC
from seimg import _
from seimg.base import tarefas
from seimg.base import trabalhador
import logging
import os
import threading
import time
import transaction


logger = logging.getLogger(__name__)

TIPO = "pdf-assinado"
BAIXA = "baixa"
#: Jobs asked by people that go first (the LibreOffice workers are shared).
PRIORITARIAS = ("pdf-processo",)
#: Seconds between looks at the prioritary jobs, and the longest wait.
ESPERA = 2.0
ESPERA_MAXIMA = 600.0
#: Seconds after a failed job before the same document is queued again.
ESPERA_APOS_ERRO = 300
#: The claim file in a local job's folder (tarefas.reivindicar).
REIVINDICACAO = tarefas.REIVINDICACAO
#: Attempts at committing the PDF when the document changed meanwhile.
TENTATIVAS = 3

_TRAVA = threading.Lock()
_ESTADO = {"rodando": False, "de_novo": False}
_CHAVE_TRANSACAO = object()


def ativa() -> bool:
    """Whether the background work is on (``SEIMG_PDF_PREGERAR``)."""
    valor = os.environ.get("SEIMG_PDF_PREGERAR", "1").strip().lower()
    return valor not in ("0", "false", "no", "nao", "não", "off")


def _t(message) -> str:
    from zope.i18n import translate

    return translate(message, target_language=tarefas.LANGUAGE)


def _dono(uid: str) -> str:
    return f"pdf:{uid}"


# --- queueing -------------------------------------------------------------------


def jobs(uid: str) -> list[dict]:
    """The jobs of the document ``uid``, newest first."""
    return tarefas.listar(_dono(uid), tipo=TIPO)


def _recente(dados: dict, segundos: float) -> bool:
    try:
        quando = datetime.fromisoformat(dados.get("atualizado_em") or "")
    except ValueError:
        return False
    return (datetime.now(UTC) - quando).total_seconds() < segundos


def _existente(uid: str) -> dict | None:
    """A job that makes a new one useless: waiting, or failed a moment ago.

    A running job does not count: it may be making the version before the
    change that queues again; nor does one interrupted by a restart.
    """
    for dados in jobs(uid):
        if dados.get("estado") == tarefas.PENDENTE:
            return dados
        if (
            dados.get("estado") == tarefas.ERRO
            and dados.get("falhou")
            and _recente(dados, ESPERA_APOS_ERRO)
        ):
            return dados
    return None


def _local(request) -> dict:
    """What the worker needs to make the site's URLs as this request does."""
    from plone import api

    raiz = request.other.get("VirtualRootPhysicalPath") if request else None
    return {
        "site": list(api.portal.get().getPhysicalPath()),
        "server_url": (request.get("SERVER_URL", "") if request else "") or "",
        "script": list(getattr(request, "_script", ()) or ()) if request else [],
        "raiz_virtual": list(raiz) if raiz else None,
    }


def enfileirar(documento, agora: bool = True) -> dict:
    """Queue the making of ``documento``'s sealed PDF; the job record.

    No new job when one waits or failed a moment ago (that one is returned).
    ``agora``: start the worker now (a request that changes nothing);
    otherwise when the transaction commits. Raises what the job storage
    raises: callers that must not fail catch it.
    """
    from zope.globalrequest import getRequest

    uid = documento.UID()
    dados = _existente(uid)
    if dados is None:
        dados = tarefas.criar(
            TIPO,
            _dono(uid),
            prioridade=BAIXA,
            documento=uid,
            caminho="/".join(documento.getPhysicalPath()),
            **_local(getRequest()),
        )
    if agora:
        iniciar_executor()
    else:
        _iniciar_apos_confirmar()
    return dados


def apos_assinatura(documento) -> None:
    """After a signature: queue a público Documento's PDF (never raises)."""
    try:
        if not ativa() or documento.portal_type != "Documento":
            return
        if getattr(documento, "nivel_acesso", None) != "publico":
            return
        enfileirar(documento, agora=False)
    except Exception:  # the jobs' storage failed: never the signature
        logger.exception("Sealed PDF not queued for %s", documento.getId())


def _iniciar_apos_confirmar() -> None:
    atual = transaction.get()
    try:
        atual.data(_CHAVE_TRANSACAO)
        return  # already registered in this transaction
    except KeyError:
        atual.set_data(_CHAVE_TRANSACAO, True)
    atual.addAfterCommitHook(_depois_de_confirmar)


def _depois_de_confirmar(confirmada: bool) -> None:
    if confirmada:
        try:
            iniciar_executor()
        except Exception:
            logger.exception("The sealed PDF worker could not start")


# --- the worker -----------------------------------------------------------------


def _db():
    from plone import api

    jar = api.portal.get()._p_jar
    return jar.db() if jar is not None else None


def iniciar_executor(db=None) -> bool:
    """Start this process's worker unless it runs (then it looks again
    before stopping); whether a thread was started."""
    if not ativa():
        return False
    db = db if db is not None else _db()
    if db is None:
        return False
    with _TRAVA:
        if _ESTADO["rodando"]:
            _ESTADO["de_novo"] = True
            return False
        _ESTADO["rodando"] = True
        _ESTADO["de_novo"] = False
    try:
        threading.Thread(
            target=_executor, args=(db,), name="seimg-pdf-assinado", daemon=True
        ).start()
    except Exception:
        with _TRAVA:
            _ESTADO["rodando"] = False
        raise
    return True


def _executor(db) -> None:
    try:
        while True:
            executar_pendentes(db)
            with _TRAVA:
                if not _ESTADO["de_novo"]:
                    _ESTADO["rodando"] = False
                    return
                _ESTADO["de_novo"] = False
    except Exception:
        logger.exception("The sealed PDF worker stopped")
        with _TRAVA:
            _ESTADO["rodando"] = False


def pendentes() -> list[dict]:
    """Waiting jobs, oldest first."""
    return sorted(
        (d for d in tarefas.listar(tipo=TIPO) if d.get("estado") == tarefas.PENDENTE),
        key=lambda d: d.get("criado_em", ""),
    )


def _reivindicar(dados: dict) -> bool:
    return tarefas.reivindicar(dados["id"])


def _esperar_prioritarias() -> None:
    limite = time.monotonic() + ESPERA_MAXIMA
    while time.monotonic() < limite and any(
        d.get("estado") in tarefas.ATIVOS
        for tipo in PRIORITARIAS
        for d in tarefas.listar(tipo=tipo)
    ):
        time.sleep(ESPERA)


def executar_pendentes(db, esperar: bool = True) -> int:
    """Run the waiting jobs one at a time until none waits; how many ran."""
    feitos = 0
    while True:
        # The oldest one no other process has claimed.
        dados = next((d for d in pendentes() if _reivindicar(d)), None)
        if dados is None:
            return feitos
        if esperar:
            _esperar_prioritarias()
        conexao = db.open()
        try:
            with trabalhador.ambiente(conexao, _contexto(db, dados)):
                executar(dados["id"], confirmar=True)
        except Exception as error:
            logger.exception("Sealed PDF job %s could not run", dados["id"])
            tarefas.atualizar(
                dados["id"],
                estado=tarefas.ERRO,
                falhou=True,
                mensagem=_mensagem_erro(error),
            )
        finally:
            conexao.close()
        feitos += 1


def _contexto(db, dados: dict) -> trabalhador.Contexto:
    site = tuple(dados.get("site") or ())
    return trabalhador.Contexto(
        db=db,
        site=site,
        alvo=site,
        userid=trabalhador.SISTEMA,
        unidade=None,
        server_url=dados.get("server_url") or "",
        script=tuple(dados.get("script") or ()),
        raiz_virtual=tuple(dados["raiz_virtual"])
        if dados.get("raiz_virtual")
        else None,
        idioma="pt-br",
    )


def _mensagem_erro(error: Exception | None = None) -> str:
    mensagem = getattr(error, "message", None)
    if mensagem is not None:
        return _t(mensagem)
    return _t(
        _(
            "pdf_pregeracao_erro",
            default="The sealed PDF of the document could not be made. It will "
            "be tried again when it is asked for.",
        )
    )


def _documento(uid: str):
    from plone.app.uuid.utils import uuidToObject

    try:
        return uuidToObject(uid, unrestricted=True)
    except Exception:
        logger.warning(
            "Sealed PDF: document %s could not be loaded", uid, exc_info=True
        )
        return None


def executar(tarefa_id: str, confirmar: bool = False) -> dict:
    """Run the job ``tarefa_id`` now, in this thread; its record.

    Makes the current sealed PDF of the job's document (nothing when it is
    ready, gone or has none); ``confirmar``: commit it (in the worker,
    trying again on conflicts), never in a request or an integration test.
    """
    from seimg.assinatura import pades
    from seimg.geracao.rendering import GeracaoError
    from ZODB.POSException import ConflictError

    dados = tarefas.atualizar(tarefa_id, estado=tarefas.EXECUTANDO, pid=os.getpid())
    uid = dados.get("documento") or ""
    for tentativa in range(TENTATIVAS):
        if confirmar:
            transaction.begin()  # the latest state: the job may have waited
        documento = _documento(uid)
        if documento is None:
            return tarefas.atualizar(
                tarefa_id, estado=tarefas.CONCLUIDO, concluidos=1, situacao="removido"
            )
        try:
            if pades.arquivo_pronto(documento) is not None:
                return tarefas.atualizar(
                    tarefa_id, estado=tarefas.CONCLUIDO, concluidos=1, situacao="pronto"
                )
            inicio = time.monotonic()
            pades.pdf_assinado(documento)
        except pades.PdfIndisponivel:
            if confirmar:
                transaction.abort()
            return tarefas.atualizar(
                tarefa_id,
                estado=tarefas.CONCLUIDO,
                concluidos=1,
                situacao="indisponivel",
            )
        except GeracaoError as error:
            logger.error("Sealed PDF of %s not made: %s", uid, error)
            if confirmar:
                transaction.abort()
            return tarefas.atualizar(
                tarefa_id,
                estado=tarefas.ERRO,
                falhou=True,
                mensagem=_mensagem_erro(error),
            )
        if not confirmar:
            return tarefas.atualizar(
                tarefa_id, estado=tarefas.CONCLUIDO, concluidos=1, situacao="feito"
            )
        try:
            transaction.get().note("Sealed PDF made ahead")
            transaction.commit()
        except ConflictError:
            transaction.abort()
            logger.info("Sealed PDF of %s: conflict, again (%d)", uid, tentativa + 1)
            continue
        logger.info(
            "Sealed PDF of %s made ahead in %.1f s", uid, time.monotonic() - inicio
        )
        return tarefas.atualizar(
            tarefa_id, estado=tarefas.CONCLUIDO, concluidos=1, situacao="feito"
        )
    return tarefas.atualizar(
        tarefa_id, estado=tarefas.ERRO, falhou=True, mensagem=_mensagem_erro(None)
    )
