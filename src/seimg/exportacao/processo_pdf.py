"""The PDF of a whole Processo ("Gerar PDF do processo"), built on disk.

:func:`montar_pdf` turns the chosen documents (see :mod:`.selecao`) into one
file: a cover page (NUP, tipo, especificação, interessados, effective access
level, when, by which unit and user, and the list of documents), then every
document in tree order:

- internal documents: their PDF (:func:`seimg.geracao.documentos.gerar`);
- external PDFs: embedded as they are;
- external images (PNG, JPEG, GIF, TIFF, BMP, WebP): one page per image (per
  frame of a multi-page TIFF), made with Pillow;
- anything else, and PDFs that are encrypted or broken: a page saying the
  document cannot be converted and its original must be downloaded.

Every page carries the stamp "Processo nº … – página X de Y", every document
a bookmark to its first page. Memory stays bounded: each document becomes a
temporary file in a private work folder (removed at the end), its file is
read from its blob alone, the ZODB connection forgets it (its own objects
become ghosts, :func:`esquecer`) before the next one, and the result is
written page by page by :class:`.escritor_pdf.EscritorPdf` into
``<destino>.parte`` and renamed to ``destino`` only when complete. What still
grows with the number of documents is small: one :class:`Item` per document
(a few strings) and two machine integers per PDF object written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from pathlib import Path
from plone import api
from seimg import _
from seimg.exportacao import escritor_pdf
from seimg.exportacao import selecao
from seimg.exportacao import texto_pdf
from seimg.exportacao.capa import _t
from seimg.exportacao.capa import CSS  # noqa: F401 (used by the ZIP)
from seimg.exportacao.capa import FUSO  # noqa: F401
from seimg.exportacao.capa import html_capa
from seimg.exportacao.capa import LANGUAGE  # noqa: F401
from seimg.geracao.rendering import GeracaoError
from seimg.geracao.rendering import LibreOfficeIndisponivel
import logging
import os
import shutil
import tempfile


logger = logging.getLogger(__name__)

ATUAL = object()


@dataclass
class Item:
    """One document of the PDF: where its pages are, or why it is not there."""

    uid: str
    numero_sei: str
    rotulo: str
    tipo: str
    conteudo: str
    arquivos: list[Path] = field(default_factory=list)
    paginas: int = 0
    pagina_inicial: int = 0
    motivo: str | None = None  # not converted: the reason, for people

    @property
    def convertido(self) -> bool:
        return self.motivo is None

    def json(self) -> dict:
        return {
            "UID": self.uid,
            "numero_sei": self.numero_sei,
            "titulo": self.rotulo,
            "tipo": self.tipo,
            "paginas": self.paginas,
            "pagina_inicial": self.pagina_inicial,
            "convertido": self.convertido,
            "motivo": self.motivo,
        }


@dataclass
class ResultadoPdf:
    destino: Path
    paginas: int
    paginas_capa: int
    itens: list[Item]

    @property
    def nao_convertidos(self) -> list[Item]:
        return [item for item in self.itens if not item.convertido]


# --- one document ----------------------------------------------------------------


def _motivo(chave: str, **mapping) -> str:
    mensagens = {
        "formato": _(
            "processo_pdf_motivo_formato",
            default="Its format (${formato}) cannot be converted to PDF.",
            mapping=mapping,
        ),
        "protegido": _(
            "processo_pdf_motivo_protegido",
            default="The PDF file is protected by a password.",
        ),
        "danificado": _(
            "processo_pdf_motivo_danificado",
            default="The PDF file is damaged and cannot be read.",
        ),
        "imagem": _(
            "processo_pdf_motivo_imagem",
            default="The image file cannot be read.",
        ),
        "sem_arquivo": _(
            "processo_pdf_motivo_sem_arquivo",
            default="The document has no file.",
        ),
        "geracao": _(
            "processo_pdf_motivo_geracao",
            default="The document could not be generated: ${mensagem}",
            mapping=mapping,
        ),
    }
    return _t(mensagens[chave])


def _formato(documento) -> str:
    arquivo = getattr(documento, "arquivo", None)
    nome = (getattr(arquivo, "filename", "") or "") if arquivo is not None else ""
    if "." in nome:
        return nome.rsplit(".", 1)[1].upper()
    return (getattr(arquivo, "contentType", "") or "?") if arquivo else "?"


def _pagina_nao_convertido(item: Item, documento, destino: Path) -> None:
    arquivo = getattr(documento, "arquivo", None)
    nome = (getattr(arquivo, "filename", "") or "") if arquivo is not None else ""
    blocos = [
        (item.rotulo, 14, True),
        (item.tipo, 11, False),
    ]
    if nome:
        blocos.append(
            (
                _t(
                    _(
                        "processo_pdf_arquivo_original",
                        default="Original file: ${nome}",
                        mapping={"nome": nome},
                    )
                ),
                11,
                False,
            )
        )
    blocos.append(
        (
            _t(
                _(
                    "processo_pdf_nao_convertido",
                    default="This document could not be included in the process PDF.",
                )
            ),
            12,
            True,
        )
    )
    blocos.append((item.motivo or "", 11, False))
    blocos.append(
        (
            _t(
                _(
                    "processo_pdf_baixe_original",
                    default="Download the original file from the process page or "
                    "in the ZIP of the process.",
                )
            ),
            11,
            False,
        )
    )
    texto_pdf.pdf_de_texto(destino, blocos)


def _resolucao(imagem) -> float:
    """Dots per inch so that the page is the image's size, at most A4."""
    dpi = imagem.info.get("dpi")
    try:
        base = float(dpi[0]) if dpi else 72.0
    except (TypeError, ValueError, IndexError):
        base = 72.0
    if base < 50:
        base = 72.0
    largura, altura = imagem.size
    return max(base, largura / 8.27, altura / 11.69)


def _quadro_para_pdf(quadro, destino: Path) -> None:
    from PIL import Image

    resolucao = _resolucao(quadro)
    if quadro.mode in ("RGBA", "LA", "PA") or (
        quadro.mode == "P" and "transparency" in quadro.info
    ):
        rgba = quadro.convert("RGBA")
        fundo = Image.new("RGB", rgba.size, "white")
        fundo.paste(rgba, mask=rgba.getchannel("A"))
        quadro = fundo
    elif quadro.mode not in ("1", "L", "RGB", "CMYK"):
        quadro = quadro.convert("RGB")
    quadro.save(destino, format="PDF", resolution=resolucao)


def _imagem_para_pdf(documento, pasta: Path, prefixo: str) -> list[Path]:
    """One PDF page per frame (TIFF) or the first frame (others)."""
    from PIL import Image
    from PIL import ImageOps

    arquivos = []
    with documento.arquivo.open() as origem, Image.open(origem) as imagem:
        quadros = getattr(imagem, "n_frames", 1) if imagem.format == "TIFF" else 1
        for indice in range(quadros):
            imagem.seek(indice)
            quadro = imagem.copy() if quadros > 1 else imagem
            if indice == 0 and quadros == 1:
                quadro = ImageOps.exif_transpose(quadro)
            destino = pasta / f"{prefixo}-{indice:04d}.pdf"
            _quadro_para_pdf(quadro, destino)
            arquivos.append(destino)
    return arquivos


def preparar(documento, pasta: Path, prefixo: str) -> Item:
    """Turn ``documento`` into PDF file(s) in ``pasta``; never raises for bad files.

    Raises :class:`LibreOfficeIndisponivel` (the whole job must stop); any
    other problem makes a "not convertible" page.
    """
    from seimg.tabelas import obter

    tipo_obj = obter(getattr(documento, "tipo_documento", None))
    item = Item(
        uid=documento.UID(),
        numero_sei=documento.numero_sei or "",
        rotulo=rotulo(documento),
        tipo=(getattr(tipo_obj, "title", "") or "") if tipo_obj is not None else "",
        conteudo=selecao.tipo_conteudo(documento),
    )
    destino = pasta / f"{prefixo}.pdf"
    try:
        if item.conteudo == selecao.INTERNO:
            from seimg.geracao.documentos import gerar

            try:
                gerado = gerar(documento, "pdf")
            except LibreOfficeIndisponivel:
                raise
            except GeracaoError as error:
                item.motivo = _motivo("geracao", mensagem=_t(error.message))
            else:
                destino.write_bytes(gerado.dados)
                del gerado
                item.arquivos = [destino]
        elif getattr(documento, "arquivo", None) is None:
            item.motivo = _motivo("sem_arquivo")
        elif item.conteudo == selecao.PDF:
            with documento.arquivo.open() as origem, open(destino, "wb") as saida:
                shutil.copyfileobj(origem, saida, 1 << 20)
            item.arquivos = [destino]
        elif item.conteudo == selecao.IMAGEM:
            try:
                item.arquivos = _imagem_para_pdf(documento, pasta, prefixo)
            except LibreOfficeIndisponivel:
                raise
            except Exception as error:
                logger.info("Image %s not converted: %s", item.numero_sei, error)
                item.motivo = _motivo("imagem")
        else:
            item.motivo = _motivo("formato", formato=_formato(documento))
        paginas = 0
        for arquivo in item.arquivos:
            paginas += escritor_pdf.verificar(arquivo)
        item.paginas = paginas
    except escritor_pdf.PdfIlegivel as error:
        logger.info("PDF of %s not usable: %s", item.numero_sei, error)
        motivo = error.motivo
        if item.conteudo == selecao.IMAGEM:
            motivo = "imagem"
        elif item.conteudo == selecao.INTERNO:
            motivo = "danificado"
        item.motivo = _motivo(motivo)
    if not item.convertido:
        for arquivo in item.arquivos:
            arquivo.unlink(missing_ok=True)
        _pagina_nao_convertido(item, documento, destino)
        item.arquivos = [destino]
        item.paginas = escritor_pdf.verificar(destino)
    return item


def rotulo(documento) -> str:
    """``Ofício nº 3/2026/CMVS/SECRETARIA (SEI nº 0000123)``, for bookmarks."""
    from seimg.processos.numerar import titulo_documento

    titulo = titulo_documento(documento)
    numero = documento.numero_sei or ""
    if numero and titulo and titulo != numero:
        return _t(
            _(
                "processo_pdf_rotulo",
                default="${titulo} (SEI no. ${numero})",
                mapping={"titulo": titulo, "numero": numero},
            )
        )
    return _t(
        _(
            "processo_pdf_rotulo_so_numero",
            default="SEI no. ${numero}",
            mapping={"numero": numero},
        )
    )


# --- the whole PDF --------------------------------------------------------------


def _carimbo(processo, total: int) -> Callable[[int], str]:
    modelo = _t(
        _(
            "processo_pdf_carimbo",
            default="Process no. ${numero} – page ${pagina} of ${total}",
            mapping={"numero": processo.numero or "", "total": str(total)},
        )
    )
    # ${pagina} is left as is by translate (no mapping for it): fill per page.
    return lambda pagina: modelo.replace("${pagina}", str(pagina))


#: The most objects :func:`esquecer` looks at in one document's state.
LIMITE_ESTADO = 10_000
_ATOMOS = (str, bytes, int, float, complex, bool, type(None), type)


def esquecer(documento) -> int:
    """Turn ``documento`` and the persistent objects of its own state into ghosts.

    Its state is what rendering it loaded and no other document needs: the
    document, its annotations, workflow history, text holder, file and blob
    (shared objects, such as templates, tables and the catalog, stay in the
    cache for the next document). A ghost is loaded again from the database
    when next used. Objects changed in this transaction, objects not stored
    yet and other content objects are left as they are. Returns how many
    objects became ghosts.
    """
    from Acquisition import aq_base
    from OFS.interfaces import IItem
    from persistent import Persistent

    raiz = aq_base(documento)
    jar = getattr(raiz, "_p_jar", None)
    if jar is None:
        return 0
    # Seen values by id, kept alive so that no id is reused during the walk
    # (states and the tuples of BTrees are built on demand).
    proprios, vistos, pendentes = [], {}, [raiz]
    while pendentes and len(vistos) < LIMITE_ESTADO:
        valor = pendentes.pop()
        if isinstance(valor, _ATOMOS) or id(valor) in vistos:
            continue
        vistos[id(valor)] = valor
        if isinstance(valor, Persistent):
            if valor._p_jar is not jar or valor._p_changed is not False:
                continue  # a ghost, changed in this transaction or not stored
            if valor is not raiz and IItem.providedBy(valor):
                continue  # another content object, not part of this one
            proprios.append(valor)
            valor = valor.__getstate__()
            vistos[id(valor)] = valor
        if isinstance(valor, dict):
            pendentes.extend(valor.values())
        elif isinstance(valor, list | tuple | set | frozenset):
            pendentes.extend(valor)
        elif not callable(valor) and hasattr(valor, "__dict__"):
            pendentes.extend(vars(valor).values())
    for objeto in proprios:
        objeto._p_deactivate()
    return len(proprios)


def _aliviar(documento) -> None:
    """After ``documento`` is in the PDF: let the ZODB connection forget it.

    :func:`esquecer` drops its own objects, ``cacheGC`` brings the rest of
    the cache back to its configured size. Emptying the whole cache instead
    (``cacheMinimize``) would make every document load again the ≈1,850
    shared objects a rendering uses (templates, tables, tools): 18% slower.
    """
    esquecer(documento)
    jar = getattr(documento, "_p_jar", None)
    if jar is not None:
        jar.cacheGC()


def montar_pdf(
    processo,
    documentos: list,
    destino: Path,
    progresso: Callable[[int, int], None] | None = None,
    *,
    unidade=ATUAL,
    usuario=None,
    agora: datetime | None = None,
    trabalho: Path | None = None,
) -> ResultadoPdf:
    """Write the process PDF of ``documentos`` (already selected) to ``destino``.

    ``progresso(concluidos, total)`` is called after each step (one per
    document, one for the cover and assembly). ``unidade``/``usuario`` are
    the requester shown on the cover (default: the acting unit and the
    current user). Raises :class:`GeracaoError` when LibreOffice is down;
    then neither ``destino`` nor any temporary file is left behind.
    """
    from datetime import UTC

    if unidade is ATUAL:
        from seimg.organizacao.atual import unidade_atual

        unidade = unidade_atual()
    if usuario is None and not api.user.is_anonymous():
        usuario = api.user.get_current()
    agora = agora or datetime.now(UTC)
    destino = Path(destino)
    total = len(documentos) + 1
    pasta = Path(tempfile.mkdtemp(prefix="seimg-processo-pdf-", dir=trabalho))
    parcial = destino.with_name(destino.name + ".parte")
    try:
        for documento in documentos:  # loaded by the selection
            esquecer(documento)
        itens = []
        for indice, documento in enumerate(documentos, start=1):
            itens.append(preparar(documento, pasta, f"{indice:05d}"))
            _aliviar(documento)
            if progresso is not None:
                progresso(indice, total)
        from seimg.assinatura.pades import html_para_pdf

        capa = pasta / "capa.pdf"
        # The cover lists where each document starts, which depends on the
        # cover's own length: render again in the rare case it is not 1 page.
        paginas_capa, previstas = 0, 1
        for _tentativa in range(3):
            capa.write_bytes(
                html_para_pdf(
                    html_capa(processo, itens, unidade, usuario, agora, previstas)
                )
            )
            paginas_capa = escritor_pdf.verificar(capa)
            if paginas_capa == previstas:
                break
            previstas = paginas_capa
        paginas = paginas_capa + sum(item.paginas for item in itens)
        carimbo = _carimbo(processo, paginas)
        titulo = _t(
            _(
                "processo_pdf_capa_titulo",
                default="Process no. ${numero}",
                mapping={"numero": processo.numero or ""},
            )
        )
        with open(parcial, "wb") as saida:
            escritor = escritor_pdf.EscritorPdf(saida, titulo=titulo)
            escritor.acrescentar(capa, carimbo)
            for item in itens:
                item.pagina_inicial = len(escritor.kids) + 1
                for indice, arquivo in enumerate(item.arquivos):
                    escritor.acrescentar(
                        arquivo, carimbo, item.rotulo if indice == 0 else None
                    )
                    arquivo.unlink(missing_ok=True)
            escrito = escritor.fechar()
        if escrito != paginas:  # pragma: no cover (verified sources)
            raise RuntimeError(f"{escrito} pages written, {paginas} expected")
        os.replace(parcial, destino)
        if progresso is not None:
            progresso(total, total)
        return ResultadoPdf(
            destino=destino, paginas=paginas, paginas_capa=paginas_capa, itens=itens
        )
    except BaseException:
        parcial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(pasta, ignore_errors=True)
