"""Real sample files, built in memory, and stand-in documents for the views."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from seimg.arquivos import tipo_real
from seimg.interfaces import IDocumentoBase
from zope.interface import alsoProvides
import io
import pytest
import struct
import zipfile
import zlib


def pdf() -> bytes:
    """A minimal, valid one-page PDF."""
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    corpo = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    posicoes = []
    for numero, objeto in enumerate(objetos, start=1):
        posicoes.append(len(corpo))
        corpo += b"%d 0 obj\n%s\nendobj\n" % (numero, objeto)
    xref = len(corpo)
    corpo += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    corpo += b"".join(b"%010d 00000 n \n" % posicao for posicao in posicoes)
    corpo += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objetos) + 1)
    return corpo + b"startxref\n%d\n%%%%EOF\n" % xref


def png() -> bytes:
    """A 1×1 RGB PNG."""

    def chunk(tipo: bytes, dados: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(tipo + dados))
        return struct.pack(">I", len(dados)) + tipo + dados + crc

    cabecalho = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", cabecalho)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def odt() -> bytes:
    """An ODF text document: stored ``mimetype`` first, then the parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arquivo:
        arquivo.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )
        arquivo.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            'xmlns:manifest:1.0"/>',
        )
        arquivo.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docx() -> bytes:
    """A zip shaped like a Word OOXML document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arquivo:
        arquivo.writestr("[Content_Types].xml", "<Types/>")
        arquivo.writestr("_rels/.rels", "<Relationships/>")
        arquivo.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def exe() -> bytes:
    """The headers of a Windows PE executable."""
    dos = bytearray(b"MZ\x90\x00" + b"\x00" * 60)
    dos[0x3C:0x40] = (0x40).to_bytes(4, "little")
    return bytes(dos) + b"PE\x00\x00\x4c\x01\x03\x00" + b"\x00" * 248


def texto() -> bytes:
    return "Ofício nº 12/2026\nAssunto: solicitação de informações.\n".encode()


def html() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>"


def svg() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>"
    )


def arquivo(dados: bytes, nome: str) -> NamedBlobFile:
    return NamedBlobFile(data=dados, filename=nome, contentType=tipo_real(dados, nome))


@pytest.fixture
def arq_portal(integration):
    return integration["portal"]


def criar_documento(portal, identificador: str, dados: bytes, nome: str):
    """A stand-in document: a File providing IDocumentoBase, with ``arquivo``."""
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=portal, type="File", id=identificador, title=nome
        )
    alsoProvides(obj, IDocumentoBase)
    obj.arquivo = arquivo(dados, nome)
    return obj


def marcar_estado(obj, estado: str) -> None:
    """Put the stand-in in a workflow state (File may have no workflow)."""
    wftool = api.portal.get_tool("portal_workflow")
    chain = wftool.getChainFor(obj)
    if not chain:
        wftool.setChainForPortalTypes(["File"], "simple_publication_workflow")
        chain = wftool.getChainFor(obj)
    wftool.setStatusOf(chain[0], obj, {"review_state": estado, "action": None})
