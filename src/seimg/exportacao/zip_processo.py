"""The ZIP of a Processo's documents, as SEI gives it.

External documents go in as their original files; documents written in
seimg as HTML, as seimg shows them: the frozen rendering with its signature
stamps and validation stamp once signed, otherwise the current text in a
minimal page (header, title, recipients, body). The same documents as the
process PDF (:mod:`.selecao`), named ``<ordem>-<número SEI>-<nome>.<ext>``.

:func:`montar_zip` writes to a file, copying blobs in chunks; :func:`resposta`
serves such a file as a stream and removes it (the open file keeps the data
until the download ends).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from seimg.exportacao.processo_pdf import esquecer
import html
import re
import shutil
import tempfile
import unicodedata
import zipfile
import zoneinfo


FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")
# Already compressed: stored as they are.
COMPRIMIDOS = {
    "jpg",
    "jpeg",
    "png",
    "gif",
    "tif",
    "tiff",
    "webp",
    "zip",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "mp3",
    "mp4",
}
ZIP64 = 1 << 30


def nome_seguro(texto: str, maximo: int = 80) -> str:
    """``texto`` as an ASCII file-name part (``Oficio-no-3-2026-CMVS``)."""
    texto = unicodedata.normalize("NFKD", texto or "")
    texto = "".join(c for c in texto if not unicodedata.combining(c))
    texto = texto.encode("ascii", "ignore").decode("ascii")
    texto = re.sub(r"[^A-Za-z0-9._-]+", "-", texto).strip("-._")
    return texto[:maximo].strip("-._")


def _data_zip(documento) -> tuple:
    try:
        criado = documento.created().asdatetime().astimezone(FUSO)
    except Exception:
        criado = datetime.now(FUSO)
    if criado.year < 1980:  # the ZIP format starts in 1980
        criado = datetime(1980, 1, 1, tzinfo=FUSO)
    return criado.timetuple()[:6]


def nome_no_zip(ordem: int, largura: int, documento) -> str:
    from seimg.processos.numerar import titulo_documento

    numero = nome_seguro(documento.numero_sei or "") or "documento"
    if documento.portal_type == "DocumentoExterno":
        arquivo = getattr(documento, "arquivo", None)
        original = (getattr(arquivo, "filename", "") or "") if arquivo else ""
        base, _, extensao = original.rpartition(".")
        if not base:
            base, extensao = original, ""
        nome = nome_seguro(base) or nome_seguro(titulo_documento(documento))
        extensao = nome_seguro(extensao.lower(), 10) or "bin"
    else:
        nome = nome_seguro(titulo_documento(documento))
        extensao = "html"
    nome = nome or "documento"
    return f"{ordem:0{largura}d}-{numero}-{nome}.{extensao}"


def html_interno(documento) -> str:
    """The HTML of a document written in seimg, as a complete page."""
    from seimg.assinatura import api as assinatura
    from seimg.assinatura import renderizacao
    from seimg.assinatura.pades import CSS
    from seimg.processos.numerar import titulo_documento

    corpo = assinatura.pagina(documento)
    if corpo is None:
        corpo = renderizacao.conteudo(documento)
    titulo = html.escape(titulo_documento(documento))
    return (
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8" />'
        f"<title>{titulo}</title><style>{CSS}</style></head><body>"
        f"{corpo}</body></html>"
    )


def montar_zip(processo, documentos: list, destino: Path) -> int:
    """Write the ZIP of ``documentos`` (already selected) to ``destino``."""
    largura = max(2, len(str(len(documentos))))
    try:
        with zipfile.ZipFile(
            destino, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        ) as arquivo_zip:
            for ordem, documento in enumerate(documentos, start=1):
                nome = nome_no_zip(ordem, largura, documento)
                info = zipfile.ZipInfo(nome, date_time=_data_zip(documento))
                extensao = nome.rsplit(".", 1)[-1]
                info.compress_type = (
                    zipfile.ZIP_STORED
                    if extensao in COMPRIMIDOS
                    else zipfile.ZIP_DEFLATED
                )
                if documento.portal_type == "DocumentoExterno":
                    blob = getattr(documento, "arquivo", None)
                    if blob is None:
                        continue
                    grande = (blob.getSize() or 0) > ZIP64
                    with (
                        blob.open() as origem,
                        arquivo_zip.open(info, "w", force_zip64=grande) as saida,
                    ):
                        shutil.copyfileobj(origem, saida, 1 << 20)
                else:
                    arquivo_zip.writestr(info, html_interno(documento).encode("utf-8"))
                # its own objects leave the ZODB cache (see processo_pdf)
                esquecer(documento)
                jar = getattr(processo, "_p_jar", None)
                if jar is not None:
                    jar.cacheGC()
    except BaseException:
        Path(destino).unlink(missing_ok=True)
        raise
    return len(documentos)


def nome_download(processo) -> str:
    numero = re.sub(r"\D", "", processo.numero or "") or processo.getId()
    return f"processo-{numero}.zip"


def resposta(processo, documentos: list, request):
    """Build the ZIP in a temporary file and answer it as a stream."""
    from ZPublisher.Iterators import filestream_iterator
    import os

    descritor, caminho = tempfile.mkstemp(prefix="seimg-zip-", suffix=".zip")
    os.close(descritor)
    caminho = Path(caminho)
    try:
        montar_zip(processo, documentos, caminho)
        fluxo = filestream_iterator(str(caminho), "rb")
    finally:
        # The open stream keeps the data until it is closed.
        caminho.unlink(missing_ok=True)
    response = request.response
    response.setHeader("Content-Type", "application/zip")
    response.setHeader(
        "Content-Disposition", f'attachment; filename="{nome_download(processo)}"'
    )
    response.setHeader("Content-Length", str(len(fluxo)))
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader("Cache-Control", "private, no-cache")
    return fluxo
