"""What a file really is, whatever its name says: sniffing by content.

:func:`analisar` reads the first bytes (and, for containers, the parts) of a
stream and returns an :class:`Analise` (the real type, its MIME type, whether
it is dangerous); the tables above it list the extensions and types seimg
knows. :mod:`.validacao` decides, with the site's settings, what is accepted.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
import puremagic
import re
import zipfile


MB = 1024 * 1024
HEAD = 8192
CHUNK = MB

# Extensions never accepted, whatever the allow-list says.
EXTENSOES_PROIBIDAS = frozenset(
    [
        "htm",
        "html",
        "xhtml",
        "xht",
        "shtml",
        "mht",
        "mhtml",
        "svg",
        "svgz",
        "js",
        "mjs",
        "cjs",
        "jse",
        "vbs",
        "vbe",
        "wsf",
        "hta",
        "exe",
        "dll",
        "com",
        "scr",
        "msi",
        "msp",
        "cpl",
        "bat",
        "cmd",
        "ps1",
        "psm1",
        "sh",
        "bash",
        "csh",
        "ksh",
        "zsh",
        "py",
        "pyc",
        "pl",
        "rb",
        "php",
        "phtml",
        "jar",
        "app",
        "dmg",
        "pkg",
        "deb",
        "rpm",
        "apk",
        "elf",
        "so",
        "dylib",
        "lnk",
        "reg",
        "url",
    ]
)

# The MIME types of things that are always refused.
PERIGOSOS = frozenset(
    {
        "application/vnd.microsoft.portable-executable",
        "application/x-msdownload",
        "application/x-executable",
        "application/x-elf",
        "application/x-mach-binary",
        "application/java-vm",
        "text/x-shellscript",
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/javascript",
        "application/javascript",
        "application/x-javascript",
    }
)

ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OOXML_PARTES = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
OLE2 = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
# OLE2 stream names (UTF-16LE in the directory) that tell the application.
OLE2_FLUXOS = {
    "doc": ("WordDocument",),
    "xls": ("Workbook", "Book"),
    "ppt": ("PowerPoint Document",),
}
TEXTO = {"txt": "text/plain", "csv": "text/csv", "xml": "application/xml"}

# extension -> MIME types its content may be sniffed as.
ACEITOS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"application/pdf"}),
    "png": frozenset({"image/png"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "gif": frozenset({"image/gif"}),
    "tif": frozenset({"image/tiff"}),
    "tiff": frozenset({"image/tiff"}),
    "rtf": frozenset({"application/rtf"}),
    "mp3": frozenset({"audio/mpeg"}),
    "mp4": frozenset({"video/mp4", "audio/mp4", "video/quicktime"}),
    "zip": frozenset({"application/zip", *ODF.values(), *OOXML.values()}),
    **{ext: frozenset({mime}) for ext, mime in ODF.items()},
    **{ext: frozenset({mime}) for ext, mime in OOXML.items()},
    **{ext: frozenset({mime}) for ext, mime in OLE2.items()},
    # Safe text, stored as the extension's text type.
    **{ext: frozenset({"text/plain"}) for ext in TEXTO},
}

OCTET = "application/octet-stream"
TEXTO_SEGURO = "text/plain"

# WHATWG MIME sniffing: what a browser takes for HTML at the start of a body.
_HTML_INICIO = re.compile(
    rb"^\s*<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|"
    rb"style|title|b|br|p|svg|!--|\?xml[^>]*>\s*<svg)[\s>/]",
    re.IGNORECASE,
)
# Anywhere in a text file: markup or script a browser would run.
_HTML_DENTRO = re.compile(
    rb"<\s*(script|html|svg|iframe|body|object|embed)[\s>/]|<!doctype\s+html|"
    rb"javascript\s*:|http://www\.w3\.org/(2000/svg|1999/xhtml)",
    re.IGNORECASE,
)
# Text that starts like JavaScript source.
_JS_INICIO = re.compile(
    rb"^\s*(['\"]use strict['\"]|\(\s*function\b|!\s*function\b|function\s*[\w$]*\s*\(|"
    rb"(var|let|const)\s+[\w$]+\s*=|import\s+[\w{*]|export\s+(default|const|function)|"
    rb"(window|document)\.\w)",
)
# Control bytes that plain text never has (NUL and C0 except \t \n \v \f \r, ^Z, ESC).
_CONTROLE = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")


def normalizar_extensao(extensao: str) -> str:
    return (extensao or "").strip().lstrip(".").lower()


def extensao(filename: str | None) -> str:
    """The extension of a file name, lower case, without the dot ('' if none)."""
    nome = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in nome.strip("."):
        return ""
    return normalizar_extensao(nome.rsplit(".", 1)[-1])


# --- sniffing --------------------------------------------------------------


def _chunks(stream: BinaryIO, limite: int | None = None) -> Iterator[bytes]:
    stream.seek(0)
    lido = 0
    while limite is None or lido < limite:
        tamanho = CHUNK if limite is None else min(CHUNK, limite - lido)
        bloco = stream.read(tamanho)
        if not bloco:
            return
        lido += len(bloco)
        yield bloco


def _contem(stream: BinaryIO, agulhas: tuple[bytes, ...]) -> bool:
    """Whether any needle occurs in the stream (read in overlapping chunks)."""
    margem = max(map(len, agulhas))
    anterior = b""
    for bloco in _chunks(stream):
        janela = anterior + bloco
        if any(agulha in janela for agulha in agulhas):
            return True
        anterior = janela[-margem:]
    return False


def _executavel(head: bytes) -> str | None:
    if head[:2] == b"MZ" and len(head) >= 0x40:
        inicio_pe = int.from_bytes(head[0x3C:0x40], "little")
        if head[inicio_pe : inicio_pe + 4] == b"PE\0\0" or b"\0" in head[:0x40]:
            return "application/vnd.microsoft.portable-executable"
    if head[:4] == b"\x7fELF":
        return "application/x-executable"
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        return "application/x-mach-binary"
    if head.removeprefix(b"\xef\xbb\xbf")[:2] == b"#!":
        return "text/x-shellscript"
    return None


def _marcacao(head: bytes) -> str | None:
    """HTML, SVG or JavaScript recognised from the start of the file."""
    texto = _sem_bom(head)
    if _HTML_INICIO.match(texto):
        return "image/svg+xml" if re.search(rb"<svg[\s>]", texto, re.I) else "text/html"
    if re.match(rb"^\s*<\?xml", texto) and re.search(rb"<svg[\s>]", texto, re.I):
        return "image/svg+xml"
    if _JS_INICIO.match(texto):
        return "text/javascript"
    return None


def _sem_bom(data: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _zip(stream: BinaryIO) -> str:
    try:
        with zipfile.ZipFile(stream) as arquivo_zip:
            nomes = arquivo_zip.namelist()
            if "mimetype" in nomes:
                info = arquivo_zip.getinfo("mimetype")
                if info.file_size <= 200:
                    mime = arquivo_zip.read(info).decode("ascii", "replace").strip()
                    if mime.startswith("application/vnd.oasis.opendocument."):
                        return mime
            if "[Content_Types].xml" in nomes:
                for prefixo, ext in OOXML_PARTES.items():
                    if any(nome.startswith(prefixo) for nome in nomes):
                        return OOXML[ext]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return OCTET
    return "application/zip"


def _ole2(stream: BinaryIO) -> str:
    for ext, fluxos in OLE2_FLUXOS.items():
        if _contem(stream, tuple(nome.encode("utf-16-le") for nome in fluxos)):
            return OLE2[ext]
    return "application/x-ole-storage"


def _mp3(head: bytes) -> bool:
    if head[:3] == b"ID3":
        return True
    if len(head) < 2 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    versao, camada = (head[1] >> 3) & 0x03, (head[1] >> 1) & 0x03
    return versao != 0b01 and camada == 0b01


def _mp4(head: bytes) -> str | None:
    if head[4:8] != b"ftyp":
        return None
    marca = head[8:12]
    if marca in (b"M4A ", b"M4B ", b"M4P "):
        return "audio/mp4"
    if marca == b"qt  ":
        return "video/quicktime"
    return "video/mp4"


def _binario(head: bytes, stream: BinaryIO) -> str | None:
    """The binary formats seimg knows, by their magic numbers."""
    pdf = head[:1024].find(b"%PDF-")
    if pdf != -1 and b"<" not in head[:pdf]:
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] in (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"):
        return "image/tiff"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _zip(stream)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole2(stream)
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if mp4 := _mp4(head):
        return mp4
    if _mp3(head):
        return "audio/mpeg"
    return None


def _texto(stream: BinaryIO) -> str | None:
    """``text/html`` etc. for markup, TEXTO_SEGURO for safe text, None if binary."""
    utf8 = True
    resto = b""  # an UTF-8 character cut at the end of the previous chunk
    cauda = b""  # the end of the previous chunk, for markers across chunks
    for indice, bloco in enumerate(_chunks(stream)):
        if indice == 0:
            bloco = _sem_bom(bloco)
        if _CONTROLE.search(bloco):
            return None
        if _HTML_DENTRO.search(cauda + bloco):
            return "text/html"
        cauda = bloco[-64:]
        if utf8:
            dados = resto + bloco
            try:
                dados.decode("utf-8")
                resto = b""
            except UnicodeDecodeError as erro:
                # A multi-byte character cut at the end of the chunk is fine.
                if (
                    erro.start >= len(dados) - 3
                    and erro.reason == "unexpected end of data"
                ):
                    resto = dados[erro.start :]
                else:
                    utf8 = False  # Latin-1 decodes anything without controls.
    return TEXTO_SEGURO


def _puremagic(head: bytes, filename: str | None) -> list[tuple[str, str]]:
    """(extension, MIME) guesses of puremagic, best first."""
    try:
        resultados = puremagic.magic_string(head, filename=filename or None)
    except (puremagic.PureError, ValueError, TypeError):
        return []
    # Only guesses backed by bytes: puremagic also guesses from the name alone.
    # Text is decided by _texto, never by a guess.
    return [
        (normalizar_extensao(r.extension), (r.mime_type or "").lower())
        for r in resultados
        if r.byte_match and not (r.mime_type or "").startswith("text/")
    ]


def _sniff(stream: BinaryIO, filename: str | None) -> str:
    stream.seek(0)
    head = stream.read(HEAD)
    if perigoso := _executavel(head) or _marcacao(head):
        return perigoso
    if binario := _binario(head, stream):
        return binario
    if texto := _texto(stream):
        return texto
    for _ext, mime in _puremagic(head, filename):
        if mime:
            return mime
    return OCTET


def _mime_final(mime: str, ext: str) -> str:
    """The MIME type to store, once the content agrees with the extension."""
    if mime == TEXTO_SEGURO:
        return TEXTO.get(ext, TEXTO_SEGURO)
    if ext == "zip":
        return "application/zip"
    return mime


@dataclass(frozen=True)
class Analise:
    extensao: str
    mime: str  # as sniffed
    confere: bool  # whether the content agrees with the extension

    @property
    def perigoso(self) -> bool:
        return self.mime in PERIGOSOS or self.extensao in EXTENSOES_PROIBIDAS

    @property
    def tipo(self) -> str:
        return _mime_final(self.mime, self.extensao) if self.confere else self.mime


def analisar(stream: BinaryIO, filename: str | None) -> Analise:
    ext = extensao(filename)
    mime = _sniff(stream, filename)
    if ext in ACEITOS:
        confere = mime in ACEITOS[ext]
    elif mime == TEXTO_SEGURO:
        # Extensions added by an administrator: safe text, or what puremagic
        # recognises as that extension.
        confere = True
    else:
        stream.seek(0)
        palpites = _puremagic(stream.read(HEAD), filename)
        confere = any(palpite == ext for palpite, _mime in palpites)
    return Analise(ext, mime, confere and mime not in PERIGOSOS)
