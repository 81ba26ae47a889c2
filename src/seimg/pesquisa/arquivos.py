"""The text of an external document (DocumentoExterno) and its lifecycle.

The text extracted from the file (:mod:`.extracao`), or recognised in its
images (:mod:`.ocr`), is kept in an annotation of the document (a
``PersistentMapping`` of its own, loaded only when asked for)::

    texto      the text (form feeds between a PDF's pages)
    ocr        True when (part of) it was recognised by OCR
    situacao   OCR: None (not needed), "pendente", "concluido", "erro"
    impressao  fingerprint of the file the text came from

:func:`atualizar` runs when a document is added and when its file changes
(:func:`documento_adicionado`, :func:`documento_modificado`, registered in
``configure.zcml``): it extracts the text at once, in the request
(``pdftotext`` is fast, and bounded by :mod:`.extracao`'s limits), stores it,
re-indexes the document and queues OCR (:func:`seimg.pesquisa.ocr.enfileirar`)
when the file is a scan or an image. :func:`gravar` stores a new text and
re-indexes (:func:`seimg.pesquisa.indice.indexar`).
"""

from __future__ import annotations

from persistent.mapping import PersistentMapping
from seimg.pesquisa import extracao
from zope.annotation.interfaces import IAnnotations
import hashlib
import logging


logger = logging.getLogger(__name__)

CHAVE = "seimg.pesquisa.arquivo"

PENDENTE = "pendente"
CONCLUIDO = "concluido"
ERRO = "erro"
SITUACOES = (PENDENTE, CONCLUIDO, ERRO)

#: Bytes read at each end of the file for its fingerprint.
_PONTA = 1024 * 1024


def registro(documento, criar: bool = False) -> PersistentMapping | None:
    """The document's text record (created when ``criar``), or None."""
    try:
        anotacoes = IAnnotations(documento)
    except TypeError:
        return None
    dados = anotacoes.get(CHAVE)
    if dados is None and criar:
        dados = anotacoes[CHAVE] = PersistentMapping(
            {"texto": "", "ocr": False, "situacao": None, "impressao": None}
        )
    return dados


def texto(documento) -> tuple[str, bool]:
    """The document's text and whether it was recognised by OCR."""
    dados = registro(documento)
    if dados is None:
        return "", False
    return dados.get("texto") or "", bool(dados.get("ocr"))


def situacao_ocr(documento) -> str | None:
    """``"pendente"``, ``"concluido"``, ``"erro"`` or None (OCR not needed)."""
    dados = registro(documento)
    return dados.get("situacao") if dados is not None else None


def gravar(
    documento, texto: str, ocr: bool, *, situacao: str | None = None, **campos
) -> None:
    """Store the document's text (``ocr``: recognised by OCR) and re-index it.

    ``situacao`` (when given) is the OCR state; ``campos`` other fields of
    the record (``impressao``).
    """
    dados = registro(documento, criar=True)
    texto = extracao.limpar(texto or "")
    novo = {"texto": texto if texto.strip() else "", "ocr": bool(ocr), **campos}
    if situacao is not None:
        novo["situacao"] = situacao or None
    for chave, valor in novo.items():
        if dados.get(chave) != valor:
            dados[chave] = valor
    from seimg.pesquisa import indice

    indice.indexar(documento)


def marcar_ocr(documento, situacao: str | None) -> None:
    """Set the OCR state (without touching the text)."""
    dados = registro(documento, criar=True)
    if dados.get("situacao") != situacao:
        dados["situacao"] = situacao


def impressao(arquivo) -> str | None:
    """A fingerprint of a file: its name, size and the bytes at both ends."""
    if arquivo is None:
        return None
    soma = hashlib.sha256()
    tamanho = arquivo.getSize() if hasattr(arquivo, "getSize") else 0
    soma.update(f"{getattr(arquivo, 'filename', '')}\0{tamanho}\0".encode())
    with _abrir(arquivo) as fluxo:
        soma.update(fluxo.read(_PONTA))
        if tamanho > 2 * _PONTA:
            fluxo.seek(tamanho - _PONTA)
            soma.update(fluxo.read(_PONTA))
        else:
            soma.update(fluxo.read())
    return soma.hexdigest()


def _abrir(arquivo):
    """A binary stream over a NamedBlobFile (its blob, not a copy in memory)."""
    import io

    abrir = getattr(arquivo, "open", None)
    if abrir is not None:
        try:
            return abrir("r")
        except Exception:
            logger.debug("Blob could not be opened; reading its data", exc_info=True)
    return io.BytesIO(bytes(getattr(arquivo, "data", b"") or b""))


def atualizar(documento, prioridade: str = "normal", forcar: bool = False) -> bool:
    """Extract the text of the document's file now, store it and re-index;
    queue OCR (at ``prioridade``) when the file needs it. Nothing when the
    stored text came from this very file (unless ``forcar``).

    Returns whether OCR was queued.
    """
    arquivo = getattr(documento, "arquivo", None)
    atual = impressao(arquivo)
    dados = registro(documento)
    if not forcar and dados is not None and dados.get("impressao") == atual:
        return False
    if arquivo is None:
        gravar(documento, "", False, situacao="", impressao=None)
        return False
    tipo = getattr(arquivo, "contentType", "") or ""
    nome = getattr(arquivo, "filename", "") or ""
    with _abrir(arquivo) as fluxo:
        extraido = extracao.extrair(fluxo, tipo, nome)
        ocr_ = extracao.precisa_ocr(fluxo, tipo, extraido)
    gravar(
        documento,
        extraido,
        False,
        situacao=PENDENTE if ocr_ else "",
        impressao=atual,
    )
    if ocr_:
        from seimg.pesquisa import ocr

        ocr.enfileirar(documento, prioridade)
    return ocr_


# --- subscribers (configure.zcml) ----------------------------------------------------


def _externo(documento) -> bool:
    return getattr(documento, "portal_type", None) == "DocumentoExterno"


def documento_adicionado(documento, event) -> None:
    """A DocumentoExterno was added: its text, now (OCR queued if needed)."""
    if event.object is not documento or not _externo(documento):
        return  # a container of it was added (moved): the file did not change
    atualizar(documento)


def documento_modificado(documento, event) -> None:
    """A DocumentoExterno changed: its text again, only if the file changed."""
    if not _externo(documento):
        return
    descricoes = getattr(event, "descriptions", ()) or ()
    if descricoes and not any(
        "arquivo" in (getattr(descricao, "attributes", ()) or ())
        for descricao in descricoes
    ):
        return  # the forms and REST name what changed: not the file
    atualizar(documento)
