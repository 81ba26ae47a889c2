"""Text in PDF content streams: Helvetica widths, WinAnsi, line breaking, stamps.

What :class:`.escritor_pdf.EscritorPdf` needs to write the page stamp
("Processo nº … – página X de Y") in the standard Helvetica font, sized and
rotated with the page, without embedding a font.
"""

from __future__ import annotations

from pathlib import Path
import unicodedata


FONTE = "/SeimgCarimbo"
TAMANHO_CARIMBO = 8
MARGEM_CARIMBO = 14
A4 = (595.28, 841.89)


def _larguras() -> dict:
    try:
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

        return dict(CORE_FONT_METRICS["Helvetica"].character_widths)
    except Exception:  # pragma: no cover (private module moved)
        return {}


_LARGURAS = _larguras()


def winansi(texto: str) -> str:
    """``texto`` limited to what WinAnsiEncoding (cp1252) can show."""
    texto = unicodedata.normalize("NFC", texto or "")
    saida = []
    for c in texto:
        try:
            c.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", c)
            base = "".join(b for b in base if not unicodedata.combining(b))
            try:
                base.encode("cp1252")
                c = base or "?"
            except UnicodeEncodeError:
                c = "?"
        saida.append(c)
    return "".join(saida)


def largura(texto: str, tamanho: float) -> float:
    """Width of ``texto`` in Helvetica at ``tamanho`` points."""
    padrao = _LARGURAS.get("default", 556) or 556
    return sum(_LARGURAS.get(c, padrao) for c in winansi(texto)) * tamanho / 1000


def literal(texto: str) -> bytes:
    """A PDF string literal of ``texto`` in WinAnsi."""
    dados = winansi(texto).encode("cp1252")
    dados = dados.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    dados = dados.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return b"(" + dados + b")"


def quebrar(texto: str, tamanho: float, maximo: float) -> list[str]:
    """``texto`` in lines no wider than ``maximo`` points."""
    linhas, atual = [], ""
    for palavra in (texto or "").split():
        candidato = f"{atual} {palavra}" if atual else palavra
        if atual and largura(candidato, tamanho) > maximo:
            linhas.append(atual)
            atual = palavra
        else:
            atual = candidato
    if atual:
        linhas.append(atual)
    return linhas or [""]


def _numero(valor: float) -> bytes:
    return (f"{valor:.2f}".rstrip("0").rstrip(".") or "0").encode()


def _matriz(caixa: list[float], rotacao: int) -> tuple[list[float], float, float]:
    """(cm matrix from displayed to user space, displayed width, height)."""
    x0, y0, x1, y1 = caixa
    largura_, altura = x1 - x0, y1 - y0
    if rotacao == 90:
        return [0, 1, -1, 0, x1, y0], altura, largura_
    if rotacao == 180:
        return [-1, 0, 0, -1, x1, y1], largura_, altura
    if rotacao == 270:
        return [0, -1, 1, 0, x0, y1], altura, largura_
    return [1, 0, 0, 1, x0, y0], largura_, altura


def conteudo_carimbo(texto: str, caixa: list[float], rotacao: int) -> bytes:
    """Content stream drawing ``texto`` centred at the bottom of the page."""
    matriz, largura_, _altura = _matriz(caixa, rotacao)
    medida = largura(texto, TAMANHO_CARIMBO)
    x = max(4.0, (largura_ - medida) / 2)
    cm = b" ".join(_numero(v) for v in matriz)
    # A white box under the text keeps it legible over scanned images.
    fundo = b" ".join(
        _numero(v) for v in (x - 3, MARGEM_CARIMBO - 3, medida + 6, TAMANHO_CARIMBO + 4)
    )
    return b"".join(
        [
            b" \nQ\nq\n",
            cm,
            b" cm\n1 g\n",
            fundo,
            b" re f\n0.25 g\nBT\n",
            FONTE.encode(),
            b" %d Tf\n" % TAMANHO_CARIMBO,
            _numero(x),
            b" ",
            _numero(MARGEM_CARIMBO),
            b" Td\n",
            literal(texto),
            b" Tj\nET\nQ\n",
        ]
    )


def pdf_de_texto(destino: Path, blocos: list[tuple[str, float, bool]]) -> None:
    """A one-page A4 PDF with ``blocos`` of (text, size, bold), wrapped."""
    largura_, altura = A4
    margem = 72
    linhas = []
    y = altura - margem
    for texto, tamanho, negrito in blocos:
        fonte = b"/F2" if negrito else b"/F1"
        for linha in quebrar(texto, tamanho, largura_ - 2 * margem):
            y -= tamanho * 1.4
            linhas.append(
                b"BT %s %s Tf %s %s Td %s Tj ET"
                % (fonte, _numero(tamanho), _numero(margem), _numero(y), literal(linha))
            )
        y -= tamanho * 0.8
    conteudo = b"\n".join(linhas)
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        % (_numero(largura_), _numero(altura)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(conteudo) + conteudo + b"\nendstream",
    ]
    with open(destino, "wb") as saida:
        saida.write(b"%PDF-1.4\n")
        posicoes = []
        for numero, corpo in enumerate(objetos, start=1):
            posicoes.append(saida.tell())
            saida.write(b"%d 0 obj\n" % numero + corpo + b"\nendobj\n")
        xref = saida.tell()
        saida.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1))
        for posicao in posicoes:
            saida.write(b"%010d 00000 n \n" % posicao)
        saida.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objetos) + 1, xref)
        )
