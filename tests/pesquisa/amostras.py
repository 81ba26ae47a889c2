"""Files made at test time for the extraction and OCR tests (pure: no Zope).

- :func:`pdf_texto`: a PDF with one page of Helvetica text per argument,
  written by hand (WinAnsi: accents allowed);
- :func:`pdf_imagem`: an image-only PDF (Pillow), the words rendered in
  DejaVu Sans: no text layer, only OCR reads it;
- :func:`docx`, :func:`odt`: documents with a paragraph and a table.
"""

from io import BytesIO
import zipfile


FONTE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _literal(texto: str) -> bytes:
    bruto = texto.encode("cp1252")
    return (
        b"("
        + bruto.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def pdf_texto(*paginas: str) -> bytes:
    """A PDF with one page per text (each line of a text, a line of the page)."""
    objetos: list[bytes] = []  # object n is objetos[n - 1]
    n_paginas = len(paginas)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_paginas))
    objetos.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objetos.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_paginas} >>".encode())
    objetos.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>"
    )
    for i, texto in enumerate(paginas):
        linhas = [b"BT /F1 12 Tf 14 TL 72 770 Td"]
        for linha in texto.split("\n"):
            linhas.append(_literal(linha) + b" Tj T*")
        linhas.append(b"ET")
        fluxo = b"\n".join(linhas)
        pagina = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
        )
        objetos.append(pagina.encode())
        objetos.append(
            f"<< /Length {len(fluxo)} >>\nstream\n".encode() + fluxo + b"\nendstream"
        )
    saida = BytesIO()
    saida.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    posicoes = []
    for numero, corpo in enumerate(objetos, 1):
        posicoes.append(saida.tell())
        saida.write(f"{numero} 0 obj\n".encode() + corpo + b"\nendobj\n")
    xref = saida.tell()
    saida.write(f"xref\n0 {len(objetos) + 1}\n0000000000 65535 f \n".encode())
    for posicao in posicoes:
        saida.write(f"{posicao:010d} 00000 n \n".encode())
    saida.write(
        f"trailer\n<< /Size {len(objetos) + 1} /Root 1 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return saida.getvalue()


def imagem_texto(linhas: list[str], dpi: int = 150):
    """A white page (a short one: a quarter of A4) with ``linhas`` in black."""
    from PIL import Image
    from PIL import ImageDraw
    from PIL import ImageFont

    largura, altura = int(8.27 * dpi), int(2.5 * dpi)
    imagem = Image.new("L", (largura, altura), 255)
    desenho = ImageDraw.Draw(imagem)
    fonte = ImageFont.truetype(FONTE, int(dpi * 0.22))
    y = int(dpi * 0.4)
    for linha in linhas:
        desenho.text((int(dpi * 0.5), y), linha, font=fonte, fill=0)
        y += int(dpi * 0.4)
    return imagem


def pdf_imagem(*paginas: list[str], dpi: int = 150) -> bytes:
    """An image-only PDF: each page an image of its lines (no text layer)."""
    imagens = [imagem_texto(linhas, dpi) for linhas in paginas]
    saida = BytesIO()
    imagens[0].save(
        saida,
        format="PDF",
        resolution=dpi,
        save_all=True,
        append_images=imagens[1:],
    )
    return saida.getvalue()


def png(linhas: list[str], dpi: int = 150) -> bytes:
    saida = BytesIO()
    imagem_texto(linhas, dpi).save(saida, format="PNG", dpi=(dpi, dpi))
    return saida.getvalue()


def docx(paragrafo: str, celulas: list[list[str]]) -> bytes:
    import docx as python_docx

    documento = python_docx.Document()
    documento.add_paragraph(paragrafo)
    tabela = documento.add_table(rows=len(celulas), cols=len(celulas[0]))
    for i, linha in enumerate(celulas):
        for j, texto in enumerate(linha):
            tabela.cell(i, j).text = texto
    saida = BytesIO()
    documento.save(saida)
    return saida.getvalue()


_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_ODT_MANIFEST = (
    b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    % _ODT_MIME
)


def odt(conteudo_corpo: str) -> bytes:
    """An ODT whose office:text holds ``conteudo_corpo`` (ODF XML)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<office:document-content"
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' office:version="1.2">'
        f"<office:body><office:text>{conteudo_corpo}</office:text></office:body>"
        "</office:document-content>"
    ).encode()
    saida = BytesIO()
    with zipfile.ZipFile(saida, "w") as pacote:
        pacote.writestr(
            zipfile.ZipInfo("mimetype"), _ODT_MIME, compress_type=zipfile.ZIP_STORED
        )
        pacote.writestr("META-INF/manifest.xml", _ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        pacote.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return saida.getvalue()
