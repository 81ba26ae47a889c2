"""OCR in Portuguese of scanned external documents, as background work.

**Recognition** (:func:`reconhecer`, pure, no Zope): Debian's tesseract with
its Portuguese data (packages ``tesseract-ocr``, ``tesseract-ocr-por``).
A PDF's pages are rendered one at a time by poppler's ``pdftoppm`` (200 dpi,
grey) and read by ``tesseract … -l por``; an image (PNG, JPEG, TIFF) goes to
tesseract as it is. Every command runs through :func:`.extracao.rodar`: no
shell, a private temporary folder always removed, a timeout per page and one
for the whole file, a memory limit (``RLIMIT_AS``) and a page cap. Uploads
are untrusted: what fails gives no text and a log line, never an exception.

Settings (environment): ``SEIMG_OCR_PAGINAS`` (50 pages),
``SEIMG_OCR_SEGUNDOS_PAGINA`` (60), ``SEIMG_OCR_SEGUNDOS`` (600, the whole
file), ``SEIMG_OCR_MEMORIA_MB`` (1024).

**Jobs** on the job API (:mod:`seimg.base.tarefas`), of type ``"ocr"``: the
job loads the document, recognises its file, stores the text marked as OCR
(:func:`seimg.pesquisa.arquivos.gravar`, which re-indexes) and commits.

The job API has no priorities; :func:`enfileirar` gives two:

- ``"normal"`` (an upload): one job per document, started when the upload
  commits, run by :func:`seimg.base.trabalhador.rodar` (its workers are
  shared with the process PDF). Its owner is ``ocr:<user>``, so OCR never
  counts against the user's own jobs; a user with
  :func:`~seimg.base.tarefas.por_usuario` OCR jobs unfinished has the next
  documents go to the low-priority queue instead.
- ``"baixa"`` (migration, bulk): the document's UID goes to a queue kept in
  the site (a ZODB set: it survives restarts), and one low-priority worker
  per site — a thread of its own, outside the shared workers, recorded as an
  ``"ocr"`` job with ``prioridade`` ``"baixa"`` — takes them one at a time;
  before each document it waits while any normal OCR job is waiting or
  running. It stops when the queue is empty, and is started again by the
  next :func:`enfileirar` or :func:`enfileirar_pendentes` (also after a
  restart: the queue is still there).

A document's OCR state is :func:`seimg.pesquisa.arquivos.situacao_ocr`.
``tarefas.SINCRONO`` (integration tests): the OCR runs at once, in the
calling thread, whatever the priority.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from seimg import _
from seimg.base import tarefas
from seimg.base import trabalhador
from seimg.pesquisa import arquivos
from seimg.pesquisa import extracao
from typing import BinaryIO
import logging
import os
import shutil
import threading
import time
import transaction


logger = logging.getLogger(__name__)

PDFTOPPM = "pdftoppm"
TESSERACT = "tesseract"
IDIOMA = "por"
DPI = 200

TIPO = "ocr"
NORMAL = "normal"
BAIXA = "baixa"
PRIORIDADES = (NORMAL, BAIXA)

#: The site's low-priority queue (an annotation of the portal: OOTreeSet of UIDs).
CHAVE_FILA = "seimg.pesquisa.ocr.fila"
#: Owner of the low-priority worker's job record.
DONO_FILA = "ocr:fila"
#: Seconds between looks at the normal jobs, and the longest wait for them.
ESPERA = 2.0
ESPERA_MAXIMA = 600.0


def paginas() -> int:
    """Pages recognised at most (``SEIMG_OCR_PAGINAS``, 50)."""
    return extracao._inteiro("SEIMG_OCR_PAGINAS", 50)


def segundos_pagina() -> int:
    return extracao._inteiro("SEIMG_OCR_SEGUNDOS_PAGINA", 60)


def segundos() -> int:
    """Time for a whole file (``SEIMG_OCR_SEGUNDOS``, 600)."""
    return extracao._inteiro("SEIMG_OCR_SEGUNDOS", 600)


def memoria_mb() -> int:
    return extracao._inteiro("SEIMG_OCR_MEMORIA_MB", 1024)


# --- recognition (pure) -------------------------------------------------------------


@dataclass(frozen=True)
class Reconhecimento:
    """What OCR made of a file."""

    texto: str = ""  # pages end in a form feed, as pdftotext's
    paginas: int = 0  # pages in the file (PDF)
    lidas: int = 0  # pages recognised
    falhas: int = 0  # pages that failed (timeout, memory, a broken page)
    erro: bool = False  # nothing could be read (unreadable file, no tesseract)

    @property
    def falhou(self) -> bool:
        return self.erro or (self.falhas > 0 and self.lidas == 0)


def reconhecer(dados: bytes | BinaryIO, content_type: str) -> str:
    """The text OCR reads in a PDF's pages or an image; ``""`` when none."""
    return reconhecer_paginas(dados, content_type).texto


def reconhecer_paginas(
    dados: bytes | BinaryIO, content_type: str, pular=frozenset()
) -> Reconhecimento:
    """OCR of a PDF (the first :func:`paginas` pages but those in ``pular``,
    numbered from 1; each page's text ends in a form feed) or of an image.
    Never raises."""
    try:
        tipo = extracao.tipo(extracao.cabeca(dados), content_type)
        if tipo not in (extracao.PDF, extracao.IMAGEM):
            return Reconhecimento()
        for comando in (TESSERACT, PDFTOPPM) if tipo == extracao.PDF else (TESSERACT,):
            if shutil.which(comando, path=extracao._CAMINHO) is None:
                logger.error("OCR: %s is not installed", comando)
                return Reconhecimento(erro=True)
        with extracao.pasta_privada("seimg-ocr-") as pasta:
            entrada = pasta / ("entrada.pdf" if tipo == extracao.PDF else "entrada")
            extracao.gravar_entrada(dados, entrada)
            if tipo == extracao.IMAGEM:
                return _imagem(entrada, pasta)
            return _pdf(entrada, pasta, frozenset(pular))
    except Exception:
        logger.exception("OCR failed")
        return Reconhecimento(erro=True)


def _tesseract(imagem: Path, pasta: Path, prazo: float, dpi: int | None) -> str | None:
    args = [TESSERACT, imagem.name, "-", "-l", IDIOMA]
    if dpi:
        args += ["--dpi", str(dpi)]
    saida = extracao.rodar(
        args, pasta, min(prazo, segundos_pagina()), memoria_mb(), arquivo_mb=16
    )
    if not saida.ok:
        logger.warning(
            "OCR: tesseract ended with %s%s: %s",
            saida.codigo,
            " (timeout)" if saida.esgotado else "",
            saida.stderr[-300:].decode("utf-8", "replace").strip(),
        )
        return None
    return saida.stdout.decode("utf-8", "replace").strip()


def _imagem(entrada: Path, pasta: Path) -> Reconhecimento:
    texto = _tesseract(entrada, pasta, segundos(), None)
    if texto is None:
        return Reconhecimento(falhas=1)
    return Reconhecimento(texto=extracao.limpar(texto + "\f"), paginas=1, lidas=1)


def _pdf(entrada: Path, pasta: Path, pular: frozenset) -> Reconhecimento:
    total = extracao.paginas_pdf(entrada, pasta)
    if not total:
        logger.warning("OCR: pdfinfo could not read the PDF")
        return Reconhecimento(erro=True)
    limite = min(total, paginas())
    if total > limite:
        logger.info("OCR: %d pages, only the first %d are read", total, limite)
    fim = time.monotonic() + segundos()
    textos: list[str] = []
    lidas = falhas = 0
    for numero in range(1, limite + 1):
        if numero in pular:
            textos.append("")
            continue
        restante = fim - time.monotonic()
        if restante <= 0:
            logger.warning("OCR: out of time at page %d of %d", numero, limite)
            falhas += limite - numero + 1
            break
        imagem = pasta / "pagina.pgm"
        saida = extracao.rodar(
            [
                PDFTOPPM,
                "-r",
                str(DPI),
                "-gray",
                "-f",
                str(numero),
                "-l",
                str(numero),
                "-singlefile",
                entrada.name,
                "pagina",
            ],
            pasta,
            min(restante, segundos_pagina()),
            memoria_mb(),
            arquivo_mb=512,
        )
        texto = None
        if saida.ok and imagem.exists():
            texto = _tesseract(imagem, pasta, fim - time.monotonic(), DPI)
        else:
            logger.warning(
                "OCR: pdftoppm ended with %s%s on page %d",
                saida.codigo,
                " (timeout)" if saida.esgotado else "",
                numero,
            )
        imagem.unlink(missing_ok=True)
        if texto is None:
            falhas += 1
            textos.append("")
        else:
            lidas += 1
            textos.append(texto)
    return Reconhecimento(
        texto=extracao.limpar("".join(f"{t}\f" for t in textos)),
        paginas=total,
        lidas=lidas,
        falhas=falhas,
    )


def mesclar(extraido: str, reconhecido: str) -> str:
    """Page by page, the text layer where a page has one, else what it has
    (a page number, a stamp) and the OCR text; pages beyond OCR's cap keep
    what ``pdftotext`` read."""
    de_texto = extraido.split("\f") if extraido else []
    de_ocr = reconhecido.split("\f") if reconhecido else []
    if de_texto and not de_texto[-1].strip():
        de_texto.pop()
    if de_ocr and not de_ocr[-1].strip():
        de_ocr.pop()
    paginas_: list[str] = []
    for indice in range(max(len(de_texto), len(de_ocr))):
        pagina = de_texto[indice] if indice < len(de_texto) else ""
        lida = de_ocr[indice] if indice < len(de_ocr) else ""
        tem_texto = sum(1 for c in pagina if c.isalnum()) >= extracao.LETRAS_POR_PAGINA
        if tem_texto or not lida.strip():
            paginas_.append(pagina.strip())
        else:
            paginas_.append(f"{pagina.strip()}\n{lida}".lstrip("\n"))
    return extracao.limpar("".join(f"{p}\f" for p in paginas_))


# --- the job ------------------------------------------------------------------------


def _t(message) -> str:
    from zope.i18n import translate

    return translate(message, target_language=tarefas.LANGUAGE)


def _mensagem_erro(error: Exception | None = None) -> str:
    return _t(
        _(
            "ocr_tarefa_erro",
            default="The text in the images of this document could not be "
            "recognised (OCR).",
        )
    )


def executar(documento, tarefa_id: str | None = None, confirmar: bool = False) -> str:
    """Recognise the document's file now and store the text; its OCR state.

    ``confirmar``: commit (in a worker, retrying on conflicts); never in a
    request or a test. When the file changed meanwhile, nothing is stored
    (the new file queued its own OCR).
    """
    dados = arquivos.registro(documento)
    arquivo = getattr(documento, "arquivo", None)
    if dados is None or dados.get("situacao") != arquivos.PENDENTE or arquivo is None:
        if tarefa_id:
            tarefas.atualizar(tarefa_id, estado=tarefas.CONCLUIDO, mensagem="")
        return arquivos.situacao_ocr(documento)
    if tarefa_id:
        tarefas.atualizar(tarefa_id, estado=tarefas.EXECUTANDO, pid=os.getpid())
    impressao = dados.get("impressao")
    extraido = dados.get("texto") or ""
    paginas_lidas, sem_texto = extracao.paginas_sem_texto(extraido)
    com_texto = frozenset(range(1, paginas_lidas + 1)) - frozenset(sem_texto)
    inicio = time.monotonic()
    with arquivos._abrir(arquivo) as fluxo:
        resultado = reconhecer_paginas(
            fluxo, getattr(arquivo, "contentType", "") or "", pular=com_texto
        )
    if resultado.falhou:
        texto, ocr, situacao = extraido, False, arquivos.ERRO
    else:
        texto, ocr, situacao = (
            mesclar(extraido, resultado.texto),
            True,
            arquivos.CONCLUIDO,
        )
    logger.info(
        "OCR of %s: %s, %d pages read, %d failed, %d characters, %.1f s",
        "/".join(documento.getPhysicalPath()),
        situacao,
        resultado.lidas,
        resultado.falhas,
        len(texto),
        time.monotonic() - inicio,
    )
    _guardar(documento, impressao, texto, ocr, situacao, confirmar)
    if tarefa_id:
        tarefas.atualizar(
            tarefa_id,
            estado=tarefas.ERRO if situacao == arquivos.ERRO else tarefas.CONCLUIDO,
            mensagem=_mensagem_erro() if situacao == arquivos.ERRO else "",
            concluidos=1,
            paginas=resultado.lidas,
        )
    return situacao


def _guardar(documento, impressao, texto, ocr, situacao, confirmar) -> None:
    from ZODB.POSException import ConflictError

    for tentativa in range(3):
        if confirmar:
            transaction.begin()  # the latest state: OCR took a while
        dados = arquivos.registro(documento)
        if dados is None or dados.get("impressao") != impressao:
            logger.info("OCR result dropped: the file changed meanwhile")
            if confirmar:
                transaction.abort()
            return
        arquivos.gravar(documento, texto, ocr, situacao=situacao)
        if not confirmar:
            return
        try:
            transaction.get().note("OCR")
            transaction.commit()
            return
        except ConflictError:
            transaction.abort()
            logger.info("OCR result: conflict, trying again (%d)", tentativa + 1)
    raise RuntimeError("OCR result not stored: repeated conflicts")


def _no_trabalhador(tarefa_id: str, documento) -> dict:
    """In the worker thread: the normal-priority job."""
    executar(documento, tarefa_id, confirmar=True)
    return tarefas.ler(tarefa_id) or {}


# --- queueing -----------------------------------------------------------------------

_CHAVE_TRANSACAO = object()  # this transaction's OCR requests (transaction.data)


def _dono(userid: str | None) -> str:
    return f"ocr:{userid or 'anonimo'}"


def _usuario_atual() -> str | None:
    from plone import api

    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def enfileirar(documento, prioridade: str = NORMAL) -> None:
    """Queue OCR of ``documento`` (marked ``pendente`` now); the job starts
    when the transaction commits (:data:`tarefas.SINCRONO`: runs now)."""
    if prioridade not in PRIORIDADES:
        raise ValueError(prioridade)
    arquivos.marcar_ocr(documento, arquivos.PENDENTE)
    if tarefas.SINCRONO:
        _executar_ja(documento)
        return
    atual = transaction.get()
    try:
        pedidos = atual.data(_CHAVE_TRANSACAO)
    except KeyError:
        pedidos = {}
        atual.set_data(_CHAVE_TRANSACAO, pedidos)
        atual.addBeforeCommitHook(_antes_de_confirmar, (pedidos,))
    uid = documento.UID()
    anterior = pedidos.get(uid)
    if anterior is None or anterior[1] == BAIXA:
        pedidos[uid] = (documento, prioridade)


def _executar_ja(documento) -> None:
    userid = _usuario_atual()
    try:
        dados = tarefas.criar(
            TIPO, _dono(userid), prioridade=NORMAL, documento=documento.UID()
        )
    except tarefas.TarefasDemais:
        dados = None
    executar(documento, dados["id"] if dados else None)


def _antes_de_confirmar(pedidos: dict) -> None:
    """Before the commit: job records for the normal requests (the queue for
    the rest), so that the queue's change commits with the documents."""
    from zope.component.hooks import getSite

    userid = _usuario_atual()
    normais: list[tuple[dict, object]] = []
    para_fila: list[str] = []
    for uid, (documento, prioridade) in pedidos.items():
        if arquivos.situacao_ocr(documento) != arquivos.PENDENTE:
            continue
        if prioridade == NORMAL and userid is not None:
            try:
                dados = tarefas.criar(
                    TIPO,
                    _dono(userid),
                    prioridade=NORMAL,
                    documento=uid,
                    caminho="/".join(documento.getPhysicalPath()),
                )
            except tarefas.TarefasDemais:
                para_fila.append(uid)
            except Exception:  # the jobs' storage failed: never the upload
                logger.exception("OCR job not recorded; queued at low priority")
                para_fila.append(uid)
            else:
                normais.append((dados, documento))
            continue
        para_fila.append(uid)
    portal = getSite()
    if para_fila:
        fila = _fila(portal, criar=True)
        for uid in para_fila:
            fila.add(uid)
    transaction.get().addAfterCommitHook(
        _depois_de_confirmar, (normais, portal if para_fila else None)
    )


def _depois_de_confirmar(confirmada: bool, normais: list, portal) -> None:
    """After the commit: start the jobs (or drop their records)."""
    from zope.globalrequest import getRequest

    if not confirmada:
        for dados, _documento in normais:
            tarefas.atualizar(dados["id"], estado=tarefas.ERRO, mensagem="")
        return
    request = getRequest()
    for dados, documento in normais:
        try:
            trabalhador.rodar(
                dados, documento, _no_trabalhador, request, _mensagem_erro
            )
        except Exception:
            logger.exception("OCR job %s could not start", dados["id"])
    if portal is not None:
        try:
            garantir_executor(portal)
        except Exception:
            logger.exception("The low-priority OCR worker could not start")


# --- the low-priority queue ---------------------------------------------------------


def _fila(portal, criar: bool = False):
    from BTrees.OOBTree import OOTreeSet
    from zope.annotation.interfaces import IAnnotations

    anotacoes = IAnnotations(portal)
    fila = anotacoes.get(CHAVE_FILA)
    if fila is None and criar:
        fila = anotacoes[CHAVE_FILA] = OOTreeSet()
    return fila


def na_fila(portal) -> int:
    """How many documents wait in the low-priority queue."""
    fila = _fila(portal)
    return len(fila) if fila is not None else 0


def _ativas(prioridade: str) -> list[dict]:
    return [
        dados
        for dados in tarefas.listar(tipo=TIPO, prioridade=prioridade)
        if dados.get("estado") in tarefas.ATIVOS
    ]


def garantir_executor(portal) -> dict | None:
    """Start the low-priority worker unless one is running; its job record."""
    from zope.globalrequest import getRequest

    if tarefas.SINCRONO:
        processar_fila(portal, None, esperar=False, confirmar=False)
        return None
    if _ativas(BAIXA):
        return None
    userid = _usuario_atual()
    if userid is None:
        logger.warning(
            "OCR queue: %d documents wait; the worker starts with the next "
            "queueing by an authenticated user",
            na_fila(portal),
        )
        return None
    dados = tarefas.criar(TIPO, DONO_FILA, prioridade=BAIXA, total=na_fila(portal))
    contexto = trabalhador.Contexto.capturar(portal, getRequest(), userid, None)
    threading.Thread(
        target=_executor,
        args=(contexto, dados["id"]),
        name=f"seimg-ocr-fila-{dados['id'][:8]}",
        daemon=True,
    ).start()
    return dados


def _executor(contexto, tarefa_id: str) -> None:
    try:
        conexao = contexto.db.open()
        try:
            with trabalhador.ambiente(conexao, contexto) as portal:
                processar_fila(portal, tarefa_id)
        finally:
            conexao.close()
    except Exception as error:
        logger.exception("The low-priority OCR worker stopped")
        try:
            tarefas.atualizar(tarefa_id, estado=tarefas.ERRO, mensagem=str(error))
        except Exception:  # pragma: no cover (the storage vanished)
            logger.exception("Could not record the failure of job %s", tarefa_id)


def _esperar_normais() -> None:
    limite = time.monotonic() + ESPERA_MAXIMA
    while _ativas(NORMAL) and time.monotonic() < limite:
        time.sleep(ESPERA)


def _documento(portal, uid: str):
    from plone.app.uuid.utils import uuidToObject

    try:
        return uuidToObject(uid, unrestricted=True)
    except Exception:
        logger.warning("OCR queue: document %s could not be loaded", uid, exc_info=True)
        return None


def _retirar(portal, uid: str, confirmar: bool) -> None:
    from ZODB.POSException import ConflictError

    for _tentativa in range(5):
        fila = _fila(portal)
        if fila is not None and uid in fila:
            fila.remove(uid)
        if not confirmar:
            return
        try:
            transaction.commit()
            return
        except ConflictError:
            transaction.abort()
    raise RuntimeError("OCR queue: could not take a document out")


def processar_fila(
    portal, tarefa_id: str | None, esperar: bool = True, confirmar: bool = True
) -> int:
    """Recognise the queued documents one at a time until the queue is
    empty (``esperar``: each after the normal jobs); how many were done."""
    if tarefa_id:
        tarefas.atualizar(tarefa_id, estado=tarefas.EXECUTANDO, pid=os.getpid())
    feitos = 0
    while True:
        if confirmar:
            transaction.begin()
        fila = _fila(portal)
        if not fila:
            if tarefa_id:
                tarefas.atualizar(
                    tarefa_id, estado=tarefas.CONCLUIDO, concluidos=feitos, total=feitos
                )
            if confirmar:
                transaction.begin()  # queued while finishing? go on
                if _fila(portal):
                    if tarefa_id:
                        tarefas.atualizar(tarefa_id, estado=tarefas.EXECUTANDO)
                    continue
            return feitos
        uid = fila.minKey()
        if esperar:
            _esperar_normais()
            if confirmar:
                transaction.begin()
        documento = _documento(portal, uid)
        if documento is not None and arquivos.situacao_ocr(documento) == (
            arquivos.PENDENTE
        ):
            try:
                executar(documento, confirmar=confirmar)
            except Exception:
                logger.exception("OCR of %s failed", uid)
                if confirmar:
                    transaction.abort()
        _retirar(portal, uid, confirmar)
        feitos += 1
        if tarefa_id:
            tarefas.atualizar(
                tarefa_id, concluidos=feitos, total=feitos + na_fila(portal)
            )


def enfileirar_pendentes(portal, lote: int = 100, confirmar: bool = True) -> int:
    """Queue, at low priority, OCR of every DocumentoExterno that needs it
    and has no recognised text; how many were queued.

    Documents uploaded before seimg kept their text (no record yet) have it
    extracted now (and are re-indexed). ``confirmar``: commit every ``lote``
    documents (resumable: a second run skips what is done), progress logged;
    the low-priority worker starts at the first commit.
    """
    from ZODB.POSException import ConflictError

    catalogo = portal.portal_catalog
    marcas = catalogo.unrestrictedSearchResults(portal_type="DocumentoExterno")
    total = len(marcas)
    enfileirados = vistos = 0
    for marca in marcas:
        vistos += 1
        try:
            documento = marca._unrestrictedGetObject()
            if arquivos.registro(documento) is None:
                if arquivos.atualizar(documento, prioridade=BAIXA):
                    enfileirados += 1
            elif arquivos.situacao_ocr(documento) == arquivos.PENDENTE:
                enfileirar(documento, BAIXA)
                enfileirados += 1
        except ConflictError:
            raise
        except Exception:  # a missing blob, a broken object: the next one
            logger.exception("OCR: %s skipped", marca.getPath())
        if vistos % lote == 0:
            logger.info(
                "OCR: %d of %d external documents seen, %d queued",
                vistos,
                total,
                enfileirados,
            )
            if confirmar:
                transaction.commit()
                portal._p_jar.cacheGC()
    logger.info(
        "OCR: %d external documents seen, %d queued at low priority",
        vistos,
        enfileirados,
    )
    if confirmar:
        transaction.commit()
    return enfileirados
