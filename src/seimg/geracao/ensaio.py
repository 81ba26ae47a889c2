"""A trial conversion of a document's text, before anything depends on it.

The sealed PDF of a signed document (:mod:`seimg.assinatura.pades`) is
rendered by the document's template: appy turns the body's HTML into ODF
(``view.corpo_xhtml()``, appy's ``renderXhtml``), then LibreOffice makes
the PDF. Some bodies the HTML filter lets through make appy fail (a cell
with ``colspan="0"``, a list item outside a list, a broken embedded image):
such a document would be signed and then have no PDF, ever.

:func:`erro_de_conversao` runs that same appy conversion on the body, in
Zope's process and without LibreOffice (about 10–50 ms): the template's own
styles, its content replaced by one statement, ``from xhtml(corpo)``, its
page headers and footers removed (their statements read the document).
The trial template is kept per template version.
"""

from appy.pod.renderer import Renderer
from lxml import etree
from pathlib import Path
import io
import logging
import tempfile
import zipfile


logger = logging.getLogger(__name__)

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_DECLARACOES = {"sequence-decls", "variable-decls", "user-field-decls"}

# template UID -> (its modification date, the trial template's bytes)
_ENSAIOS: dict[str, tuple[str, bytes]] = {}


def _conteudo(xml: bytes) -> bytes:
    raiz = etree.fromstring(xml)
    texto = raiz.find(f".//{{{OFFICE}}}text")
    for filho in list(texto):
        if etree.QName(filho).localname not in _DECLARACOES:
            texto.remove(filho)
    paragrafo = etree.SubElement(texto, f"{{{TEXT}}}p")
    nota = etree.SubElement(paragrafo, f"{{{OFFICE}}}annotation")
    etree.SubElement(nota, f"{{{DC}}}creator").text = "seimg"
    etree.SubElement(nota, f"{{{TEXT}}}p").text = "do text"
    etree.SubElement(nota, f"{{{TEXT}}}p").text = "from xhtml(corpo)"
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8")


def _estilos(xml: bytes) -> bytes:
    raiz = etree.fromstring(xml)
    for pagina in raiz.iter(f"{{{STYLE}}}master-page"):
        for filho in list(pagina):
            pagina.remove(filho)
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8")


def modelo_de_ensaio(odt: bytes) -> bytes:
    """The ODT template ``odt`` reduced to the body's conversion."""
    saida = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(odt)) as origem,
        zipfile.ZipFile(saida, "w", zipfile.ZIP_DEFLATED) as destino,
    ):
        for info in origem.infolist():
            dados = origem.read(info.filename)
            if info.filename == "content.xml":
                dados = _conteudo(dados)
            elif info.filename == "styles.xml":
                dados = _estilos(dados)
            destino.writestr(info, dados)
    return saida.getvalue()


def converter_corpo(html: str, odt: bytes) -> None:
    """Convert ``html`` with appy as the template ``odt`` would; raises
    whatever appy raises."""
    with tempfile.TemporaryDirectory(prefix="seimg-ensaio-") as pasta:
        Renderer(
            io.BytesIO(odt),
            {"corpo": html},
            str(Path(pasta) / "ensaio.odt"),
            raiseOnError=True,
            forceOoCall=False,
            html=True,
        ).run()


def erro_de_conversao(html: str, pod_template) -> str | None:
    """None when the template ``pod_template`` converts ``html``; else the
    reason appy gave (for the log and administrators, in English)."""
    if not (html or "").strip() or pod_template is None:
        return None
    uid, versao = pod_template.UID(), str(pod_template.modified())
    guardado = _ENSAIOS.get(uid)
    if guardado is not None and guardado[0] == versao:
        ensaio = guardado[1]
    else:
        try:
            ensaio = modelo_de_ensaio(pod_template.get_file().data)
        except Exception:  # an unreadable template: its own render will say
            logger.warning("No trial template from %s", pod_template.getId())
            return None
        _ENSAIOS[uid] = (versao, ensaio)
    try:
        converter_corpo(html, ensaio)
    except Exception as erro:  # any failure of appy's
        motivo = " ".join(str(erro).split())[:500]
        logger.info("Body not convertible by %s: %s", pod_template.getId(), motivo)
        return motivo or type(erro).__name__
    return None
