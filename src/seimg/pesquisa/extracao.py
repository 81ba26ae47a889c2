"""The text of uploaded files, for seimg's search (issue 18): no OCR, no Zope.

:func:`extrair` gives the text of an external document's file:

- **PDF** with poppler's ``pdftotext`` (pages separated by form feeds,
  ``"\\f"``), in a subprocess (:func:`rodar`): no shell, the input in a
  private temporary folder, a timeout, a page cap and limits on memory
  (``RLIMIT_AS``) and on the size of what it writes (``RLIMIT_FSIZE``);
- **DOCX** with python-docx (paragraphs and table cells, in order), after a
  look at the ZIP's directory (no part, nor the whole, may unpack beyond
  :data:`LIMITE_PARTE` / :data:`LIMITE_PACOTE`: python-docx reads every part);
- **ODF** (ODT, ODS, ODP) with lxml over ``content.xml``, paragraph by
  paragraph, the parsed tree dropped as it goes (bounded memory);
- **RTF**, **HTML**, **XML** and plain text (UTF-8, UTF-16 with a BOM, or
  Windows-1252);
- anything else (images, spreadsheets and presentations of Office, old
  binary Office files, audio, video, ZIP): ``""``.

The type is sniffed from the bytes, then from ``content_type`` and the file
name. Never LibreOffice (its workers render documents). At most
:data:`LIMITE_TEXTO` characters are kept. Bad input (a truncated, encrypted
or garbage file) gives ``""`` and a log line, never an exception.

:func:`precisa_ocr` tells whether the file's text must be recognised in its
images (:mod:`seimg.pesquisa.ocr`): images, and PDFs whose pages mostly
have (almost) no text — scans.

Settings (environment): ``SEIMG_EXTRACAO_SEGUNDOS`` (15),
``SEIMG_EXTRACAO_PAGINAS`` (500), ``SEIMG_EXTRACAO_MEMORIA_MB`` (1024).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
import logging
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
import zipfile


logger = logging.getLogger(__name__)

#: Characters of text kept per file.
LIMITE_TEXTO = 1_000_000
#: No part of a DOCX/ODF package may unpack beyond this (bytes)…
LIMITE_PARTE = 64 * 1024 * 1024
#: …nor the whole package (python-docx reads every part into memory).
LIMITE_PACOTE = 160 * 1024 * 1024
#: Bytes of a text file read (UTF-8 takes up to 4 per character).
LIMITE_BYTES_TEXTO = 4 * LIMITE_TEXTO
#: A PDF page "has text" from this many letters and digits on: below it a
#: page holds at most a page number or a stamp's few words (a scan).
LETRAS_POR_PAGINA = 20

PDF = "pdf"
DOCX = "docx"
ODF = "odf"
RTF = "rtf"
HTML = "html"
XML = "xml"
TEXTO = "texto"
IMAGEM = "imagem"

PDFTOTEXT = "pdftotext"
PDFINFO = "pdfinfo"

_CAMINHO = "/usr/local/bin:/usr/bin:/bin"


def _inteiro(variavel: str, padrao: int) -> int:
    try:
        return max(1, int(os.environ.get(variavel, "") or padrao))
    except ValueError:
        return padrao


def segundos() -> int:
    """Timeout of ``pdftotext`` (``SEIMG_EXTRACAO_SEGUNDOS``, 15)."""
    return _inteiro("SEIMG_EXTRACAO_SEGUNDOS", 15)


def paginas() -> int:
    """Pages of a PDF read for text (``SEIMG_EXTRACAO_PAGINAS``, 500)."""
    return _inteiro("SEIMG_EXTRACAO_PAGINAS", 500)


def memoria_mb() -> int:
    """Address space of ``pdftotext`` (``SEIMG_EXTRACAO_MEMORIA_MB``, 1024)."""
    return _inteiro("SEIMG_EXTRACAO_MEMORIA_MB", 1024)


# --- subprocesses -------------------------------------------------------------------


@dataclass(frozen=True)
class Saida:
    """How a limited subprocess ended."""

    codigo: int | None  # exit status; None: timed out or could not start
    stdout: bytes = b""
    stderr: bytes = b""
    esgotado: bool = False  # killed at the timeout

    @property
    def ok(self) -> bool:
        return self.codigo == 0


def _limitador(memoria: int, arquivo: int):
    """The ``preexec_fn``: only ``setrlimit`` (it runs between fork and exec)."""
    limite_as, limite_fsize, limite_core = (
        resource.RLIMIT_AS,
        resource.RLIMIT_FSIZE,
        resource.RLIMIT_CORE,
    )
    setrlimit = resource.setrlimit

    def limitar():
        setrlimit(limite_as, (memoria, memoria))
        setrlimit(limite_fsize, (arquivo, arquivo))
        setrlimit(limite_core, (0, 0))

    return limitar


def rodar(
    args: list[str],
    pasta: Path,
    segundos: float,
    memoria_mb: int,
    arquivo_mb: int = 256,
    ambiente: dict | None = None,
) -> Saida:
    """Run ``args`` (a list: never a shell) in ``pasta`` within limits.

    ``segundos`` of wall time (then killed), ``memoria_mb`` of address space,
    files of at most ``arquivo_mb`` written, no core dump, no input, a small
    environment. Never raises: a command that cannot start gives code None.
    """
    env = {
        "PATH": _CAMINHO,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(pasta),
        "TMPDIR": str(pasta),
        "OMP_THREAD_LIMIT": "1",  # tesseract: one thread per process
        **(ambiente or {}),
    }
    try:
        processo = subprocess.run(
            args,
            cwd=pasta,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=max(0.01, segundos),
            preexec_fn=_limitador(memoria_mb * 1024 * 1024, arquivo_mb * 1024 * 1024),
            check=False,
        )
    except subprocess.TimeoutExpired as erro:
        logger.warning("%s: killed after %.0f s", args[0], segundos)
        return Saida(None, erro.stdout or b"", erro.stderr or b"", esgotado=True)
    except (OSError, subprocess.SubprocessError) as erro:
        logger.error("%s could not run: %s", args[0], erro)
        return Saida(None)
    return Saida(processo.returncode, processo.stdout, processo.stderr)


@contextmanager
def pasta_privada(prefixo: str = "seimg-texto-"):
    """A private temporary folder, always removed."""
    pasta = Path(tempfile.mkdtemp(prefix=prefixo))  # mode 0700
    try:
        yield pasta
    finally:
        shutil.rmtree(pasta, ignore_errors=True)


def gravar_entrada(dados: bytes | BinaryIO, destino: Path) -> None:
    """Write ``dados`` (bytes or a binary stream) to ``destino``."""
    with open(destino, "wb") as saida:
        if isinstance(dados, bytes | bytearray | memoryview):
            saida.write(dados)
        else:
            if hasattr(dados, "seek"):
                dados.seek(0)
            shutil.copyfileobj(dados, saida, 1024 * 1024)


def cabeca(dados: bytes | BinaryIO, tamanho: int = 8192) -> bytes:
    """The first ``tamanho`` bytes of ``dados``."""
    if isinstance(dados, bytes | bytearray | memoryview):
        return bytes(dados[:tamanho])
    if hasattr(dados, "seek"):
        dados.seek(0)
    inicio = dados.read(tamanho) or b""
    if hasattr(dados, "seek"):
        dados.seek(0)
    return inicio


def paginas_pdf(caminho: Path, pasta: Path, segundos_: float = 10) -> int | None:
    """The page count of the PDF at ``caminho`` (``pdfinfo``); None if broken."""
    saida = rodar([PDFINFO, caminho.name], pasta, segundos_, memoria_mb(), 1)
    if not saida.ok:
        return None
    achado = re.search(rb"^Pages:\s+(\d+)\s*$", saida.stdout, re.MULTILINE)
    return int(achado.group(1)) if achado else None


# --- types --------------------------------------------------------------------------

_TIPOS_MIME = {
    "application/pdf": PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "application/vnd.oasis.opendocument.text": ODF,
    "application/vnd.oasis.opendocument.spreadsheet": ODF,
    "application/vnd.oasis.opendocument.presentation": ODF,
    "application/rtf": RTF,
    "text/rtf": RTF,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/xml": XML,
    "text/xml": XML,
    "text/plain": TEXTO,
    "text/csv": TEXTO,
    "image/png": IMAGEM,
    "image/jpeg": IMAGEM,
    "image/tiff": IMAGEM,
}
_EXTENSOES = {
    "pdf": PDF,
    "docx": DOCX,
    "odt": ODF,
    "ods": ODF,
    "odp": ODF,
    "rtf": RTF,
    "htm": HTML,
    "html": HTML,
    "xml": XML,
    "txt": TEXTO,
    "csv": TEXTO,
    "png": IMAGEM,
    "jpg": IMAGEM,
    "jpeg": IMAGEM,
    "tif": IMAGEM,
    "tiff": IMAGEM,
}
_ODF_MIMES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.presentation",
)


_IMAGENS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def tipo(inicio: bytes, content_type: str = "", nome: str = "") -> str:
    """What ``extrair`` makes of a file starting with ``inicio``: one of
    ``pdf``, ``docx``, ``odf``, ``rtf``, ``html``, ``xml``, ``texto``,
    ``imagem`` or ``""`` (no text to extract)."""
    if b"%PDF-" in inicio[:1024]:
        return PDF
    if inicio.startswith(
        (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
    ):
        return IMAGEM
    if inicio.startswith(b"{\\rtf"):
        return RTF
    if inicio.startswith(b"PK\x03\x04"):
        # ODF puts its type first, uncompressed; OOXML is told by its parts
        # (known only from the directory: the caller looks again).
        if inicio[30:38] == b"mimetype" and any(m in inicio[:200] for m in _ODF_MIMES):
            return ODF
        return DOCX if _declarado(content_type, nome) == DOCX else "zip"
    if inicio.startswith((b"\xd0\xcf\x11\xe0", b"GIF8", b"ID3", b"\x00\x00\x00")):
        return ""  # OLE2 (old Office), GIF, MP3, MP4…
    declarado = _declarado(content_type, nome)
    if declarado in (HTML, XML, TEXTO):
        return declarado
    if declarado == "" and _parece_texto(inicio):
        return TEXTO
    return ""


def _declarado(content_type: str, nome: str) -> str:
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _TIPOS_MIME:
        return _TIPOS_MIME[mime]
    extensao = (nome or "").rsplit(".", 1)[-1].lower() if "." in (nome or "") else ""
    return _EXTENSOES.get(extensao, "")


def _parece_texto(inicio: bytes) -> bool:
    if not inicio or b"\x00" in inicio[:4096]:
        return False
    controles = sum(1 for b in inicio[:4096] if b < 9 or 13 < b < 32)
    return controles == 0


# --- the text -----------------------------------------------------------------------

_CONTROLES = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def limpar(texto: str) -> str:
    """Control characters out (form feeds, tabs and newlines stay); at most
    :data:`LIMITE_TEXTO` characters, cut at a space."""
    texto = _CONTROLES.sub(" ", texto or "")
    if len(texto) > LIMITE_TEXTO:
        corte = texto.rfind(" ", LIMITE_TEXTO - 200, LIMITE_TEXTO)
        texto = texto[: corte if corte > 0 else LIMITE_TEXTO]
    return texto


def extrair(dados: bytes | BinaryIO, content_type: str = "", nome: str = "") -> str:
    """The text of a file (bytes or a binary stream); ``""`` when none.

    Never raises: bad input gives ``""`` and a log line.
    """
    inicio = time.monotonic()
    try:
        tipo_ = tipo(cabeca(dados), content_type, nome)
        if tipo_ in ("", IMAGEM):
            return ""
        with pasta_privada() as pasta:
            entrada = pasta / "entrada"
            gravar_entrada(dados, entrada)
            texto = _EXTRATORES[tipo_](entrada, pasta)
    except Exception as erro:
        logger.warning(
            "No text extracted from %r (%s): %s: %s",
            nome,
            content_type,
            type(erro).__name__,
            str(erro)[:300],
            exc_info=logger.isEnabledFor(logging.DEBUG),
        )
        return ""
    logger.debug(
        "Text of %r (%s): %d characters in %.2f s",
        nome,
        tipo_,
        len(texto),
        time.monotonic() - inicio,
    )
    return limpar(texto)


def _pdf(entrada: Path, pasta: Path) -> str:
    saida = pasta / "saida.txt"
    resultado = rodar(
        [
            PDFTOTEXT,
            "-enc",
            "UTF-8",
            "-l",
            str(paginas()),
            entrada.name,
            saida.name,
        ],
        pasta,
        segundos(),
        memoria_mb(),
        arquivo_mb=LIMITE_BYTES_TEXTO // (1024 * 1024) + 1,
    )
    texto = ""
    if saida.exists():
        with open(saida, "rb") as arquivo:
            texto = arquivo.read(LIMITE_BYTES_TEXTO).decode("utf-8", "replace")
    if not resultado.ok:
        logger.warning(
            "pdftotext ended with %s%s: %s",
            resultado.codigo,
            " (timeout)" if resultado.esgotado else "",
            resultado.stderr[:300].decode("utf-8", "replace").strip(),
        )
    return texto


def _exigir_pacote_razoavel(pacote: zipfile.ZipFile) -> None:
    total = 0
    for info in pacote.infolist():
        if info.file_size > LIMITE_PARTE:
            raise ValueError(f"part {info.filename!r} unpacks to {info.file_size}")
        total += info.file_size
    if total > LIMITE_PACOTE:
        raise ValueError(f"package unpacks to {total} bytes")


def _docx(entrada: Path, pasta: Path) -> str:
    import docx

    with zipfile.ZipFile(entrada) as pacote:
        if "word/document.xml" not in pacote.namelist():
            return ""
        _exigir_pacote_razoavel(pacote)
    documento = docx.Document(str(entrada))
    partes: list[str] = []
    tamanho = 0
    vistos: set = set()  # the cells' elements (kept: their proxies stay the same)

    def percorrer(conteudo) -> bool:
        nonlocal tamanho
        for item in conteudo:
            if hasattr(item, "rows"):  # a table: each cell once (merged cells repeat)
                for linha in item.rows:
                    for celula in linha.cells:
                        if celula._tc in vistos:
                            continue
                        vistos.add(celula._tc)
                        if not percorrer(celula.iter_inner_content()):
                            return False
            else:
                texto = item.text
                if texto:
                    partes.append(texto)
                    tamanho += len(texto) + 1
                    if tamanho > LIMITE_TEXTO:
                        return False
        return True

    percorrer(documento.iter_inner_content())
    return "\n".join(partes)


_TEXTO_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = f"{{{_TEXTO_NS}}}"
_PARAGRAFOS = (f"{_T}p", f"{_T}h")
_IGNORADOS = frozenset(
    (
        f"{_T}tracked-changes",
        "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
    )
)


def _odf(entrada: Path, pasta: Path) -> str:
    from lxml import etree

    with zipfile.ZipFile(entrada) as pacote:
        try:
            info = pacote.getinfo("content.xml")
        except KeyError:
            return ""
        if info.file_size > LIMITE_PARTE:
            raise ValueError(f"content.xml unpacks to {info.file_size}")
        partes: list[str] = []
        tamanho = 0
        with pacote.open(info) as fluxo:
            eventos = etree.iterparse(
                fluxo,
                events=("end",),
                tag=_PARAGRAFOS,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            )
            for _evento, elemento in eventos:
                if not _dentro_de_ignorado(elemento):
                    texto = _texto_odf(elemento)
                    if texto.strip():
                        partes.append(texto)
                        tamanho += len(texto) + 1
                        if tamanho > LIMITE_TEXTO:
                            break
                # Drop what was read: memory stays bounded.
                elemento.clear(keep_tail=True)
                while elemento.getprevious() is not None:
                    del elemento.getparent()[0]
    return "\n".join(partes)


def _dentro_de_ignorado(elemento) -> bool:
    return any(pai.tag in _IGNORADOS for pai in elemento.iterancestors())


def _texto_odf(paragrafo) -> str:
    """The text of a text:p / text:h: spaces (text:s), tabs, line breaks."""
    partes: list[str] = []

    def percorrer(elemento) -> None:
        if elemento.text:
            partes.append(elemento.text)
        for filho in elemento:
            etiqueta = filho.tag if isinstance(filho.tag, str) else ""
            if etiqueta == f"{_T}s":
                try:
                    partes.append(" " * min(100, int(filho.get(f"{_T}c", "1"))))
                except ValueError:
                    partes.append(" ")
            elif etiqueta == f"{_T}tab":
                partes.append("\t")
            elif etiqueta == f"{_T}line-break":
                partes.append("\n")
            elif etiqueta in _IGNORADOS or not etiqueta:
                pass
            else:
                percorrer(filho)
            if filho.tail:
                partes.append(filho.tail)

    percorrer(paragrafo)
    return "".join(partes)


def _decodificar(bruto: bytes) -> str:
    if bruto.startswith((b"\xff\xfe", b"\xfe\xff")):
        return bruto.decode("utf-16", "replace")
    if bruto.startswith(b"\xef\xbb\xbf"):
        return bruto[3:].decode("utf-8", "replace")
    try:
        return bruto.decode("utf-8")
    except UnicodeDecodeError as erro:
        if erro.start >= len(bruto) - 3:  # cut in the middle of a character
            return bruto[: erro.start].decode("utf-8")
        return bruto.decode("cp1252", "replace")


def _ler(entrada: Path) -> bytes:
    with open(entrada, "rb") as arquivo:
        return arquivo.read(LIMITE_BYTES_TEXTO)


def _texto(entrada: Path, pasta: Path) -> str:
    return _decodificar(_ler(entrada))


_BLOCOS = frozenset(
    (
        *("p", "div", "br", "li", "tr", "td", "th", "table", "ul", "ol", "pre"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header"),
        *("footer", "blockquote", "dt", "dd"),
    )
)


def _html(entrada: Path, pasta: Path) -> str:
    from lxml import html

    texto = _decodificar(_ler(entrada))
    if not texto.strip():
        return ""
    return _texto_html(html.fromstring(texto))


def _texto_html(raiz) -> str:
    partes: list[str] = []

    def percorrer(elemento) -> None:
        etiqueta = elemento.tag if isinstance(elemento.tag, str) else ""
        ignorar = etiqueta in ("script", "style", "template") or not etiqueta
        if not ignorar:
            if etiqueta in _BLOCOS:
                partes.append("\n")
            if elemento.text:
                partes.append(elemento.text)
            for filho in elemento:
                percorrer(filho)
            if etiqueta in _BLOCOS:
                partes.append("\n")
        if elemento.tail:
            partes.append(elemento.tail)

    percorrer(raiz)
    return re.sub(r"\n\s*\n+", "\n", "".join(partes)).strip()


def _xml(entrada: Path, pasta: Path) -> str:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=True,
    )
    bruto = _ler(entrada)
    try:
        raiz = etree.fromstring(bruto, parser)
    except etree.XMLSyntaxError:
        raiz = None
    if raiz is None:
        return re.sub(r"<[^>]*>", " ", _decodificar(bruto))
    return "\n".join(t.strip() for t in raiz.itertext() if t.strip())


# RTF: groups, control words and symbols, \'hh bytes and \uN characters.
_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?"
    rb"|\\'([0-9a-fA-F]{2})"
    rb"|\\([^a-zA-Z])"
    rb"|([{}])"
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)"
)
#: Destinations whose text is not the document's (fonts, styles, pictures,
#: metadata, field instructions, list numbering); ``\\*`` marks the others.
_RTF_DESTINOS = frozenset(
    b"""author bkmkend bkmkstart buptim colortbl comment company creatim datastore
    doccomm fldinst filetbl fonttbl generator header headerf headerl headerr
    footer footerf footerl footerr info keywords latentstyles listoverridetable
    listtable listtext nonshppict objdata object operator pict pntext pntxta pntxtb
    printim revtbl revtim rsidtbl shppict stylesheet subject themedata title
    xmlnstbl""".split()
)
_RTF_ESPECIAIS = {
    b"par": "\n",
    b"sect": "\n",
    b"page": "\n",
    b"line": "\n",
    b"row": "\n",
    b"cell": "\t",
    b"tab": "\t",
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"emspace": " ",
    b"enspace": " ",
    b"qmspace": " ",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
}


def _rtf(entrada: Path, pasta: Path) -> str:
    return texto_rtf(_ler(entrada))


def texto_rtf(bruto: bytes) -> str:
    """The text of an RTF document (a small, bounded reader: no pictures,
    fields' results kept, destinations such as font tables skipped)."""
    pilha: list[tuple[bool, int]] = []
    ignorar = False
    pular_por_unicode = 1  # \ucN: bytes that follow a \uN as its fallback
    pular = 0
    saida: list[str] = []
    codificacao = "cp1252"
    for achado in _RTF_TOKEN.finditer(bruto):
        palavra, argumento, hexa, simbolo, chave, texto = achado.groups()
        if chave == b"{":
            pilha.append((ignorar, pular_por_unicode))
            continue
        if chave == b"}":
            if pilha:
                ignorar, pular_por_unicode = pilha.pop()
            continue
        if simbolo is not None:
            if simbolo == b"*":
                ignorar = True
            elif simbolo in (b"\\", b"{", b"}") and not ignorar:
                saida.append(simbolo.decode())
            elif simbolo == b"~" and not ignorar:
                saida.append("\u00a0")
            elif simbolo in (b"\n", b"\r") and not ignorar:
                saida.append("\n")
            pular = 0
            continue
        if palavra is not None:
            if palavra in _RTF_DESTINOS:
                ignorar = True
            elif palavra == b"uc" and argumento is not None:
                pular_por_unicode = max(0, int(argumento))
            elif palavra == b"ansicpg" and argumento is not None:
                candidata = f"cp{int(argumento)}"
                try:
                    "".encode(candidata)
                    codificacao = candidata
                except LookupError:
                    pass
            elif palavra == b"u" and argumento is not None:
                if not ignorar:
                    valor = int(argumento)
                    saida.append(chr(valor + 65536 if valor < 0 else valor))
                pular = pular_por_unicode
            elif not ignorar and palavra in _RTF_ESPECIAIS:
                saida.append(_RTF_ESPECIAIS[palavra])
            continue
        if hexa is not None:
            if pular:
                pular -= 1
            elif not ignorar:
                saida.append(bytes([int(hexa, 16)]).decode(codificacao, "replace"))
            continue
        if texto is not None:
            if pular:
                consumido = min(pular, len(texto))
                texto = texto[consumido:]
                pular -= consumido
            if not ignorar and texto:
                saida.append(texto.decode(codificacao, "replace"))
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(saida)).strip()


_EXTRATORES = {
    PDF: _pdf,
    DOCX: _docx,
    "zip": _docx,  # only if the directory says it is a DOCX
    ODF: _odf,
    RTF: _rtf,
    HTML: _html,
    XML: _xml,
    TEXTO: _texto,
}


# --- OCR needed? --------------------------------------------------------------------


def paginas_sem_texto(texto: str) -> tuple[int, list[int]]:
    """``(pages, pages without text)`` of ``pdftotext``'s output (pages end
    in a form feed; numbered from 1): a page has text from
    :data:`LETRAS_POR_PAGINA` letters and digits on."""
    partes = texto.split("\f")
    if partes and not partes[-1].strip():
        partes = partes[:-1]
    vazias = [
        numero
        for numero, pagina in enumerate(partes, 1)
        if sum(1 for c in pagina if c.isalnum()) < LETRAS_POR_PAGINA
    ]
    return len(partes), vazias


def precisa_ocr(dados: bytes | BinaryIO, content_type: str, texto: str) -> bool:
    """Whether the file's text must be recognised in its images (OCR).

    Images (PNG, JPEG, TIFF): yes. A PDF: when at least half of its pages
    (of those :func:`extrair` read) have (almost) no text — a scan; a short
    text is not a scan, nor is a scan with a stamp of a few lines. A PDF
    ``pdftotext`` could not read at all is asked of ``pdfinfo``: OCR only
    if it has pages (a broken or encrypted file would fail again).
    Anything else: no. Never raises.
    """
    try:
        tipo_ = tipo(cabeca(dados), content_type)
        if tipo_ == IMAGEM:
            return True
        if tipo_ != PDF:
            return False
        if "\f" in (texto or ""):
            total, vazias = paginas_sem_texto(texto)
            return total > 0 and 2 * len(vazias) >= total
        with pasta_privada() as pasta:
            entrada = pasta / "entrada.pdf"
            gravar_entrada(dados, entrada)
            return bool(paginas_pdf(entrada, pasta))
    except Exception:
        logger.warning("Could not tell whether a file needs OCR", exc_info=True)
        return False
