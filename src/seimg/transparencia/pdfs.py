"""The PDFs of the public portal: a document's, and a process's.

Anonymous visitors never start LibreOffice work: a signed Documento's PDF
is its sealed PDF (:mod:`seimg.assinatura.pades`) **only when it is
already made** (:func:`~seimg.assinatura.pades.pdf_pronto`); otherwise its
making is queued in the background (:mod:`seimg.assinatura.pregeracao`) and
:class:`PdfEmPreparacao` answers "try again shortly" (503 with
``Retry-After``). An external document's PDF is its own file, when that is
a PDF.

The process PDF (:func:`pdf_processo`) concatenates the PDFs of the
documents the caller lists (those an anonymous visitor may read), with a
bookmark per document, through the streaming writer of the staff's process
PDF (:class:`seimg.exportacao.escritor_pdf.EscritorPdf`: bounded memory).
It is cached **per process version**: the key is the ordered list of (document
UID, the key of its PDF — the sealed PDF's cache key, or the external file's
fingerprint), and the file is kept under ``$SEIMG_DATA/transparencia/pdfs/
<process UID>/<key>.pdf`` (a private temporary folder without
``SEIMG_DATA``): files, not ZODB blobs, so that an anonymous GET writes
nothing to the database and every Zope process of the host shares it. A new
version replaces the older ones of the same process.

This module decides nothing about who may read what: the callers
(:mod:`seimg.transparencia.api` and the public surfaces) pass only what the
disclosure table lets a visitor read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from seimg import _
from seimg.assinatura import pades
from seimg.assinatura import pregeracao
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading


logger = logging.getLogger(__name__)

PDF = "application/pdf"
LANGUAGE = "pt_BR"
#: Bytes per chunk when streaming a cached process PDF.
BLOCO = 64 * 1024
#: Part of the process PDF's cache key: bump it when the layout changes.
VERSAO = "1"
#: The suggested wait (seconds) when a PDF is being prepared.
RETRY_AFTER = 30

EXTERNO = "DocumentoExterno"

_TRAVAS: dict[str, threading.Lock] = {}
_TRAVA = threading.Lock()


class PdfEmPreparacao(Exception):
    """A sealed PDF is not made yet; its making is queued: 503 + Retry-After.

    ``documentos``: the UIDs of the documents being prepared.
    """

    status = 503
    retry_after = RETRY_AFTER

    def __init__(self, documentos=(), message=None):
        self.documentos = tuple(documentos)
        self.message = message or _(
            "transparencia_pdf_em_preparacao",
            default="The PDF is being prepared. Try again in a few moments.",
        )
        super().__init__(str(self.message))


class SemPdf(Exception):
    """The document has no PDF for the portal (unsigned, cancelled, or an
    external file that is not a PDF): 404, with a message for people."""

    status = 404

    def __init__(self, message=None):
        self.message = message or _(
            "transparencia_sem_pdf",
            default="This document has no PDF.",
        )
        super().__init__(str(self.message))


def _cancelado(documento) -> bool:
    from plone import api

    return api.content.get_state(documento, default=None) == "cancelado"


def _externo(documento) -> bool:
    return getattr(documento, "portal_type", None) == EXTERNO


# --- one document ----------------------------------------------------------------


def _arquivo_pdf(documento):
    """The external document's file when it is a PDF, else raise SemPdf."""
    from plone.namedfile.utils import extract_media_type
    from plone.namedfile.utils import get_contenttype

    arquivo = getattr(documento, "arquivo", None)
    if arquivo is None:
        raise SemPdf()
    if extract_media_type(get_contenttype(arquivo)) != PDF or not _comeca_pdf(arquivo):
        raise SemPdf(
            _(
                "transparencia_externo_nao_pdf",
                default="The file of this document is not a PDF: download "
                "the original file.",
            )
        )
    return arquivo


def _comeca_pdf(arquivo) -> bool:
    """A PDF's header is within its first 1024 bytes (ISO 32000 tolerance)."""
    with arquivo.open() as fluxo:
        return b"%PDF-" in fluxo.read(1024)


def _chave_externo(arquivo) -> str:
    from seimg.pesquisa.arquivos import impressao

    return impressao(arquivo) or ""


def _pronto(documento):
    """(NamedBlobFile, key) of the document's PDF as it is now.

    Raises :class:`SemPdf` when there is none, and returns None when the
    sealed PDF is not made yet. Never generates anything.
    """
    if _cancelado(documento):
        raise SemPdf(
            _(
                "transparencia_pdf_cancelado",
                default="This document was cancelled: its content is no "
                "longer available.",
            )
        )
    if _externo(documento):
        arquivo = _arquivo_pdf(documento)
        return arquivo, _chave_externo(arquivo)
    try:
        chave = pades.chave_atual(documento)
    except pades.PdfIndisponivel as error:
        raise SemPdf(error.message) from error
    return pades.arquivo_pronto(documento, chave)


def _enfileirar(documentos) -> None:
    for documento in documentos:
        try:
            pregeracao.enfileirar(documento)
        except Exception:  # the jobs' storage failed: still "being prepared"
            logger.exception("Sealed PDF of %s not queued", documento.getId())


def arquivo_documento(documento):
    """The NamedBlobFile of :func:`pdf_documento` (to stream a large file)."""
    pronto = _pronto(documento)
    if pronto is None:
        _enfileirar([documento])
        raise PdfEmPreparacao([documento.UID()])
    return pronto[0]


def pdf_documento(documento) -> bytes:
    """The PDF of ``documento`` for the public portal.

    A signed Documento: its sealed PDF when it is made, else
    :class:`PdfEmPreparacao` (and its making is queued); an external
    document: its file when it is a PDF. Anything else raises
    :class:`SemPdf`.
    """
    return arquivo_documento(documento).data


def nome_arquivo(documento) -> str:
    """The file name to offer for :func:`pdf_documento`."""
    if _externo(documento):
        return f"documento-{documento.numero_sei or 'seimg'}.pdf"
    return pades.nome_arquivo(documento)


# --- the process -----------------------------------------------------------------


def chave_processo(processo_uid: str, partes: list[tuple[str, str]]) -> str:
    """The cache key of a process PDF: its UID and the ordered list of
    (document UID, key of the document's PDF)."""
    texto = json.dumps([VERSAO, processo_uid, [list(p) for p in partes]])
    return hashlib.sha256(texto.encode()).hexdigest()


def pasta() -> Path:
    """The folder of the cached process PDFs (created, private)."""
    dados = os.environ.get("SEIMG_DATA")
    if dados:
        base = Path(dados).resolve() / "transparencia" / "pdfs"
    else:
        base = Path(tempfile.gettempdir()) / f"seimg-transparencia-{os.getuid()}"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base


def _pasta_processo(processo_uid: str) -> Path:
    if not processo_uid.isalnum():
        raise ValueError(f"not a UID: {processo_uid!r}")
    return pasta() / processo_uid


def _trava(processo_uid: str) -> threading.Lock:
    with _TRAVA:
        return _TRAVAS.setdefault(processo_uid, threading.Lock())


def itens_processo(documentos) -> list[tuple[object, object, str]]:
    """(document, its PDF file, key) for each document with a PDF, in order.

    Documents with no PDF (an external file that is not a PDF) are left
    out; documents whose sealed PDF is not made yet are queued and raise
    :class:`PdfEmPreparacao`.
    """
    itens = []
    faltam = []
    for documento in documentos:
        try:
            pronto = _pronto(documento)
        except SemPdf:
            continue
        if pronto is None:
            faltam.append(documento)
            continue
        itens.append((documento, pronto[0], pronto[1]))
    if faltam:
        _enfileirar(faltam)
        raise PdfEmPreparacao([d.UID() for d in faltam])
    return itens


def pdf_processo(processo, documentos) -> Iterator[bytes]:
    """The public PDF of ``processo``: the PDFs of ``documentos``, in order.

    ``documentos``: those an anonymous visitor may read. Raises
    :class:`PdfEmPreparacao` (before anything is streamed) when a sealed PDF
    is not made yet, and :class:`SemPdf` when no document has a PDF.
    Returns an iterator of chunks of the cached file.
    """
    itens = itens_processo(documentos)
    if not itens:
        raise SemPdf(
            _(
                "transparencia_processo_sem_pdf",
                default="No public document of this process has a PDF yet.",
            )
        )
    processo_uid = processo.UID()
    chave = chave_processo(processo_uid, [(d.UID(), k) for d, _a, k in itens])
    destino = _pasta_processo(processo_uid) / f"{chave}.pdf"
    fluxo = _abrir(destino)
    if fluxo is None:
        with _trava(processo_uid):
            fluxo = _abrir(destino)  # made by another thread meanwhile?
            if fluxo is None:
                montar(processo, itens, destino)
                fluxo = _abrir(destino)
    if fluxo is None:  # replaced at once by a newer version: ask again
        raise PdfEmPreparacao()
    return _ler(fluxo)


def _abrir(caminho: Path):
    try:
        return open(caminho, "rb")  # closed by _ler
    except FileNotFoundError:
        return None


def _ler(fluxo) -> Iterator[bytes]:
    """The file's chunks; the open file survives its replacement on disk."""
    try:
        while bloco := fluxo.read(BLOCO):
            yield bloco
    finally:
        fluxo.close()


def _titulo(processo) -> str:
    from zope.i18n import translate

    return translate(
        _(
            "transparencia_pdf_processo_titulo",
            default="Process ${numero}",
            mapping={"numero": getattr(processo, "numero", "") or ""},
        ),
        target_language=LANGUAGE,
    )


def montar(processo, itens, destino: Path) -> int:
    """Write the PDF of ``itens`` to ``destino`` (atomically) and remove
    the older versions of the process beside it; its number of pages."""
    from seimg.exportacao import escritor_pdf
    from seimg.exportacao import texto_pdf
    from seimg.exportacao.processo_pdf import rotulo

    destino.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(prefix="montar-", dir=destino.parent) as tmp:
        trabalho = Path(tmp)
        saida_temporaria = trabalho / "processo.pdf"
        with open(saida_temporaria, "wb") as saida:
            escritor = escritor_pdf.EscritorPdf(saida, titulo=_titulo(processo))
            for indice, (documento, arquivo, _chave) in enumerate(itens):
                origem = trabalho / f"{indice}.pdf"
                with arquivo.open() as entrada, open(origem, "wb") as copia:
                    shutil.copyfileobj(entrada, copia, BLOCO)
                marcador = rotulo(documento)
                try:
                    escritor_pdf.verificar(origem)
                except escritor_pdf.PdfIlegivel as error:
                    # An external PDF locked with a password or broken: a
                    # page saying so, never a half-written document.
                    logger.info("Public process PDF: %s left out (%s)", marcador, error)
                    texto_pdf.pdf_de_texto(origem, [(_aviso(marcador), 12, False)])
                escritor.acrescentar(origem, marcador=marcador)
                origem.unlink()
            paginas = escritor.fechar()
        os.replace(saida_temporaria, destino)
    for antigo in destino.parent.glob("*.pdf"):
        if antigo != destino:
            antigo.unlink(missing_ok=True)
    return paginas


def _aviso(marcador: str) -> str:
    from zope.i18n import translate

    return translate(
        _(
            "transparencia_pdf_ilegivel",
            default="${documento}: its file cannot be included in this PDF "
            "(protected with a password or damaged). Download it from the "
            "document's page.",
            mapping={"documento": marcador},
        ),
        target_language=LANGUAGE,
    )
