"""A streaming PDF writer: pages of many PDF files into one, stamped, in bounded memory.

pypdf's ``PdfWriter`` keeps every page it was given in memory until it writes
the file. :class:`EscritorPdf` writes each page (and what it references) to
the output as soon as it is read, one source file at a time, so memory is
bounded by the largest object of one source, not by the whole result. It
adds, without rewriting the pages' own content:

- a one-line stamp on every page (Helvetica, WinAnsi text, at the bottom of
  the page as displayed, whatever its ``/Rotate``);
- one top-level bookmark per source, pointing to its first page.

The same traversal, written to nowhere (:func:`verificar`), checks a source
before the real run: a file that cannot be read to the end is rejected before
any byte of it reaches the result. Also here: :func:`pdf_de_texto`, a small
PDF page with lines of text (for documents that cannot be converted).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from datetime import datetime
from datetime import UTC
from pathlib import Path
from pypdf import PdfReader
from pypdf.generic import ArrayObject
from pypdf.generic import ContentStream
from pypdf.generic import DictionaryObject
from pypdf.generic import IndirectObject
from pypdf.generic import NameObject
from pypdf.generic import NullObject
from pypdf.generic import StreamObject
from pypdf.generic import TextStringObject
from seimg.exportacao.texto_pdf import _larguras  # noqa: F401
from seimg.exportacao.texto_pdf import _matriz  # noqa: F401
from seimg.exportacao.texto_pdf import _numero
from seimg.exportacao.texto_pdf import A4
from seimg.exportacao.texto_pdf import conteudo_carimbo
from seimg.exportacao.texto_pdf import FONTE
from seimg.exportacao.texto_pdf import largura  # noqa: F401
from seimg.exportacao.texto_pdf import MARGEM_CARIMBO  # noqa: F401
from seimg.exportacao.texto_pdf import TAMANHO_CARIMBO  # noqa: F401
from seimg.exportacao.texto_pdf import winansi  # noqa: F401
import hashlib
import io
import os


#: Page keys written by the writer itself (or dropped: /B points into the
#: source's article threads).
IGNORADOS = frozenset(
    {"/Type", "/Parent", "/B", "/Contents", "/Resources", "/MediaBox", "/CropBox"}
    | {"/Rotate"}
)


class PdfIlegivel(Exception):
    """A source PDF cannot be used: encrypted with a password, or broken."""

    def __init__(self, motivo: str, detalhe: str = ""):
        super().__init__(detalhe or motivo)
        self.motivo = motivo  # "protegido" or "danificado"


# --- the writer ------------------------------------------------------------------


class _Descarte(io.RawIOBase):
    """An output that only counts bytes (for :func:`verificar`)."""

    def __init__(self):
        self.posicao = 0

    def writable(self):
        return True

    def write(self, dados):
        self.posicao += len(dados)
        return len(dados)

    def tell(self):
        return self.posicao


def _abrir(origem: Path) -> PdfReader:
    try:
        leitor = PdfReader(str(origem), strict=False)
        if leitor.is_encrypted:
            try:
                decifrado = leitor.decrypt("")
            except Exception as error:
                raise PdfIlegivel("protegido", str(error)) from error
            if not decifrado:
                raise PdfIlegivel("protegido")
        if len(leitor.pages) == 0:
            raise PdfIlegivel("danificado", "no pages")
        return leitor
    except PdfIlegivel:
        raise
    except Exception as error:
        raise PdfIlegivel("danificado", str(error)) from error


def paginas(origem: Path) -> int:
    """The number of pages of a PDF file (raises :class:`PdfIlegivel`)."""
    return len(_abrir(origem).pages)


class EscritorPdf:
    """Writes pages of source PDF files to ``saida`` as they are read.

    Use :meth:`acrescentar` for each source, then :meth:`fechar`. Object
    numbers 1-4 are the catalog, the page tree, the stamp font and the
    ``q`` stream shared by every page.
    """

    def __init__(self, saida, titulo: str = "", produtor: str = "seimg"):
        self.saida = saida
        self.titulo = titulo
        self.produtor = produtor
        # Offsets by object number (0: not written yet) and the page objects'
        # numbers, as machine integers: not a Python object per entry.
        self.deslocamentos = array("q", [0])
        self.proximo = 1
        self.kids = array("L")
        self.marcadores: list[tuple[str, int]] = []
        self._escrever(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.catalogo = self._reservar()
        self.arvore = self._reservar()
        self.fonte = self._reservar()
        self.abre = self._reservar()
        self._objeto_direto(
            self.fonte,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b"/Encoding /WinAnsiEncoding >>",
        )
        self._objeto_direto(self.abre, b"<< /Length 2 >>\nstream\nq\n\nendstream")

    # low level

    def _escrever(self, dados: bytes) -> None:
        self.saida.write(dados)

    def _reservar(self) -> int:
        numero = self.proximo
        self.proximo += 1
        self.deslocamentos.append(0)
        return numero

    def _inicio(self, numero: int) -> None:
        self.deslocamentos[numero] = self.saida.tell()
        self._escrever(b"%d 0 obj\n" % numero)

    def _fim(self) -> None:
        self._escrever(b"\nendobj\n")

    def _objeto_direto(self, numero: int, corpo: bytes) -> None:
        self._inicio(numero)
        self._escrever(corpo)
        self._fim()

    def _stream(self, numero: int, dados: bytes) -> None:
        self._inicio(numero)
        self._escrever(b"<< /Length %d >>\nstream\n" % len(dados))
        self._escrever(dados)
        self._escrever(b"\nendstream")
        self._fim()

    def _serializar(self, obj, ref: Callable[[IndirectObject], int | None]) -> None:
        escrever = self._escrever
        if isinstance(obj, IndirectObject):
            numero = ref(obj)
            escrever(b"null" if numero is None else b"%d 0 R" % numero)
        elif isinstance(obj, StreamObject):
            # Parsed content streams hold decoded data; others their raw bytes.
            decodificado = isinstance(obj, ContentStream)
            ignorar = {"/Length"}
            if decodificado:
                ignorar |= {"/Filter", "/DecodeParms"}
            escrever(b"<<")
            for chave, valor in dict.items(obj):
                if chave in ignorar:
                    continue
                NameObject(chave).write_to_stream(self.saida)
                escrever(b" ")
                self._serializar(valor, ref)
                escrever(b"\n")
            dados = (obj.get_data() if decodificado else obj._data) or b""
            escrever(b"/Length %d >>\nstream\n" % len(dados))
            escrever(dados)
            escrever(b"\nendstream")
        elif isinstance(obj, DictionaryObject):
            escrever(b"<<")
            for chave, valor in dict.items(obj):
                NameObject(chave).write_to_stream(self.saida)
                escrever(b" ")
                self._serializar(valor, ref)
                escrever(b"\n")
            escrever(b">>")
        elif isinstance(obj, ArrayObject):
            escrever(b"[")
            for indice, item in enumerate(list.__iter__(obj)):
                if indice:
                    escrever(b" ")
                self._serializar(item, ref)
            escrever(b"]")
        elif obj is None or isinstance(obj, NullObject):
            escrever(b"null")
        else:
            obj.write_to_stream(self.saida)

    # sources

    def acrescentar(
        self,
        origem: Path,
        carimbo: Callable[[int], str] | None = None,
        marcador: str | None = None,
    ) -> int:
        """Append every page of the PDF file ``origem``; the number of pages.

        ``carimbo(i)`` gives the stamp text of the i-th page of the result
        (1-based, counting pages written before); ``marcador`` the title of
        the bookmark to the first page of this source.
        """
        leitor = _abrir(origem)
        try:
            return self._acrescentar(leitor, carimbo, marcador)
        except PdfIlegivel:
            raise
        except Exception as error:
            raise PdfIlegivel("danificado", str(error)) from error
        finally:
            leitor.resolved_objects.clear()
            stream = getattr(leitor, "stream", None)
            if stream is not None:
                stream.close()

    def _acrescentar(self, leitor, carimbo, marcador) -> int:
        mapa: dict[tuple[int, int], int] = {}
        proibidos: set[tuple[int, int]] = set()
        raiz = leitor.trailer.raw_get("/Root")
        if isinstance(raiz, IndirectObject):
            proibidos.add((raiz.idnum, raiz.generation))
        paginas_ = list(leitor.pages)
        numeros = []
        for pagina in paginas_:
            referencia = pagina.indirect_reference
            numero = self._reservar()
            numeros.append(numero)
            if referencia is not None:
                mapa[(referencia.idnum, referencia.generation)] = numero
            pai = pagina.get("/Parent")
            while pai is not None:
                referencia_pai = pai.indirect_reference
                if referencia_pai is None:
                    break
                chave = (referencia_pai.idnum, referencia_pai.generation)
                if chave in proibidos:
                    break
                proibidos.add(chave)
                pai = pai.get("/Parent")
        fila: deque = deque()

        def ref(indireto: IndirectObject) -> int | None:
            chave = (indireto.idnum, indireto.generation)
            if chave in proibidos:
                return None
            numero = mapa.get(chave)
            if numero is None:
                numero = mapa[chave] = self._reservar()
                fila.append((numero, indireto))
            return numero

        for indice, (pagina, numero) in enumerate(zip(paginas_, numeros, strict=True)):
            global_ = len(self.kids) + 1
            texto = carimbo(global_) if carimbo is not None else None
            self._pagina(pagina, numero, texto, ref)
            self.kids.append(numero)
            while fila:
                numero_obj, indireto = fila.popleft()
                objeto = indireto.get_object()
                self._inicio(numero_obj)
                self._serializar(objeto, ref)
                self._fim()
            if indice % 16 == 15:
                # Objects written are not needed again: keep the cache small.
                leitor.resolved_objects.clear()
        if marcador and numeros:
            self.marcadores.append((marcador, numeros[0]))
        return len(numeros)

    def _herdado(self, pagina, chave):
        no = pagina
        while no is not None:
            if chave in no:
                return dict.__getitem__(no, chave)
            no = no.get("/Parent")
        return None

    def _pagina(self, pagina, numero: int, texto: str | None, ref) -> None:
        escrever = self._escrever
        recursos = self._herdado(pagina, "/Resources")
        midia = self._herdado(pagina, "/MediaBox")
        corte = self._herdado(pagina, "/CropBox")
        rotacao = self._herdado(pagina, "/Rotate")
        midia_valores = _caixa(midia) or [0, 0, *A4]
        corte_valores = _caixa(corte) or midia_valores
        try:
            rotacao = int(_resolver(rotacao) or 0) % 360
        except (TypeError, ValueError):
            rotacao = 0
        conteudos = dict.get(pagina, "/Contents")
        conteudos = _resolver_lista(conteudos)

        carimbo_num = None
        if texto:
            carimbo_num = self._reservar()

        self._inicio(numero)
        escrever(b"<< /Type /Page /Parent %d 0 R\n" % self.arvore)
        for chave, valor in dict.items(pagina):
            if chave in IGNORADOS:
                continue
            NameObject(chave).write_to_stream(self.saida)
            escrever(b" ")
            self._serializar(valor, ref)
            escrever(b"\n")
        escrever(b"/MediaBox ")
        self._numeros(midia_valores)
        if corte is not None:
            escrever(b"\n/CropBox ")
            self._numeros(corte_valores)
        if rotacao:
            escrever(b"\n/Rotate %d" % rotacao)
        escrever(b"\n/Resources ")
        self._recursos(recursos, ref)
        escrever(b"\n/Contents [")
        if carimbo_num is not None:
            escrever(b"%d 0 R " % self.abre)
        for item in conteudos:
            self._serializar(item, ref)
            escrever(b" ")
        if carimbo_num is not None:
            escrever(b"%d 0 R" % carimbo_num)
        escrever(b"] >>")
        self._fim()
        if carimbo_num is not None:
            self._stream(carimbo_num, conteudo_carimbo(texto, corte_valores, rotacao))

    def _numeros(self, valores) -> None:
        self._escrever(b"[" + b" ".join(_numero(float(v)) for v in valores) + b"]")

    def _recursos(self, recursos, ref) -> None:
        """The page's resources as a direct dictionary, plus the stamp font."""
        escrever = self._escrever
        recursos = _resolver(recursos)
        escrever(b"<<")
        fontes = None
        if isinstance(recursos, DictionaryObject):
            for chave, valor in dict.items(recursos):
                if chave == "/Font":
                    fontes = _resolver(valor)
                    continue
                NameObject(chave).write_to_stream(self.saida)
                escrever(b" ")
                self._serializar(valor, ref)
                escrever(b"\n")
        escrever(b"/Font <<")
        if isinstance(fontes, DictionaryObject):
            for chave, valor in dict.items(fontes):
                if chave == FONTE:
                    continue
                NameObject(chave).write_to_stream(self.saida)
                escrever(b" ")
                self._serializar(valor, ref)
                escrever(b"\n")
        escrever(FONTE.encode() + b" %d 0 R >> >>" % self.fonte)

    # end

    def fechar(self, info_extra: dict | None = None) -> int:
        """Write the page tree, bookmarks, catalog and cross-reference table."""
        escrever = self._escrever
        contorno = None
        if self.marcadores:
            contorno = self._reservar()
            itens = [self._reservar() for _ in self.marcadores]
            for indice, (titulo, pagina) in enumerate(self.marcadores):
                self._inicio(itens[indice])
                escrever(b"<< /Title ")
                TextStringObject(titulo).write_to_stream(self.saida)
                escrever(b" /Parent %d 0 R" % contorno)
                if indice > 0:
                    escrever(b" /Prev %d 0 R" % itens[indice - 1])
                if indice < len(itens) - 1:
                    escrever(b" /Next %d 0 R" % itens[indice + 1])
                escrever(b" /Dest [%d 0 R /XYZ null null null] >>" % pagina)
                self._fim()
            self._objeto_direto(
                contorno,
                b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                % (itens[0], itens[-1], len(itens)),
            )
        self._inicio(self.arvore)
        escrever(b"<< /Type /Pages /Count %d /Kids [" % len(self.kids))
        for indice, kid in enumerate(self.kids):
            escrever(b"%d 0 R" % kid)
            escrever(b"\n" if indice % 10 == 9 else b" ")
        escrever(b"] >>")
        self._fim()
        self._inicio(self.catalogo)
        escrever(b"<< /Type /Catalog /Pages %d 0 R" % self.arvore)
        if contorno is not None:
            escrever(b" /Outlines %d 0 R /PageMode /UseOutlines" % contorno)
        escrever(b" >>")
        self._fim()
        info = self._reservar()
        self._inicio(info)
        escrever(b"<< /Producer ")
        TextStringObject(self.produtor).write_to_stream(self.saida)
        if self.titulo:
            escrever(b" /Title ")
            TextStringObject(self.titulo).write_to_stream(self.saida)
        for chave, valor in (info_extra or {}).items():
            NameObject(chave).write_to_stream(self.saida)
            escrever(b" ")
            TextStringObject(valor).write_to_stream(self.saida)
        agora = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
        escrever(b" /CreationDate (" + agora.encode() + b") >>")
        self._fim()
        # Every reserved number gets an object (null when never written).
        for numero in range(1, self.proximo):
            if not self.deslocamentos[numero]:
                self._objeto_direto(numero, b"null")
        xref = self.saida.tell()
        escrever(b"xref\n0 %d\n0000000000 65535 f \n" % self.proximo)
        for numero in range(1, self.proximo):
            escrever(b"%010d 00000 n \n" % self.deslocamentos[numero])
        identificador = hashlib.md5(
            f"{self.titulo}{agora}{os.getpid()}{self.proximo}".encode()
        ).hexdigest()
        escrever(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
            % (
                self.proximo,
                self.catalogo,
                info,
                identificador.encode(),
                identificador.encode(),
            )
        )
        escrever(b"startxref\n%d\n%%%%EOF\n" % xref)
        return len(self.kids)


def _resolver(valor):
    return valor.get_object() if isinstance(valor, IndirectObject) else valor


def _resolver_lista(conteudos) -> list:
    """The page's content streams as a list of (indirect) references."""
    if conteudos is None:
        return []
    if isinstance(conteudos, IndirectObject):
        alvo = conteudos.get_object()
        if isinstance(alvo, ArrayObject):
            return list(list.__iter__(alvo))
        return [conteudos]
    if isinstance(conteudos, ArrayObject):
        return list(list.__iter__(conteudos))
    return [conteudos]


def _caixa(valor) -> list[float] | None:
    valor = _resolver(valor)
    if not isinstance(valor, ArrayObject) or len(valor) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(_resolver(v)) for v in list.__iter__(valor))
    except (TypeError, ValueError):
        return None
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def verificar(origem: Path) -> int:
    """Read ``origem`` entirely as :meth:`EscritorPdf.acrescentar` would.

    Returns the number of pages; raises :class:`PdfIlegivel` when the file is
    encrypted with a password or cannot be read to the end.
    """
    escritor = EscritorPdf(_Descarte())
    return escritor.acrescentar(origem, carimbo=lambda _n: "x")
