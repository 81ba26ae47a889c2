"""OpenDocument clean-up applied to every rendering before LibreOffice sees it.

LibreOffice 7.4's UNO server aborts (``terminate … NoSuchElementException``)
when it loads a document holding comments (``office:annotation``). appy writes
template statements and, when told not to raise, render errors as comments.
seimg always raises on template errors, and also strips every comment here, as
appy's ``finalizeFunction``, so no rendering can take the server down.

Even with ``raiseOnError``, appy writes a statement it cannot parse (``do txt``)
as an error comment instead of raising. When the renderer raises on errors,
the texts of such comments are kept on it as ``seimg_erros_modelo`` (appy
ignores exceptions from finalize functions), for the caller to report
(:meth:`seimg.geracao.views.DocumentGenerationView.gerar`).
"""

from lxml import etree
from pathlib import Path


OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
#: The author appy gives the comments in which it writes errors.
POD_AUTHOR = "POD"
ERROS_ATTR = "seimg_erros_modelo"
ANNOTATION_TAGS = (f"{{{OFFICE_NS}}}annotation", f"{{{OFFICE_NS}}}annotation-end")
PARTS = ("content.xml", "styles.xml")


def remove_annotations(tree: etree._ElementTree) -> int:
    """Remove comment elements from ``tree``, keeping the text after them."""
    removed = 0
    for element in list(tree.iter(*ANNOTATION_TAGS)):
        parent = element.getparent()
        if element.tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
        removed += 1
    return removed


def pod_errors(tree: etree._ElementTree) -> list[str]:
    """The messages of the error comments appy wrote into ``tree``."""
    erros = []
    for element in tree.iter(ANNOTATION_TAGS[0]):
        autor = element.find(f"{{{DC_NS}}}creator")
        if autor is None or (autor.text or "").strip() != POD_AUTHOR:
            continue
        primeiro = element.find(f"{{{TEXT_NS}}}p")
        if primeiro is not None:
            erros.append(" ".join("".join(primeiro.itertext()).split()))
    return erros


def strip_annotations(folder: str, renderer=None) -> int:
    """appy ``finalizeFunction``: strip comments from the unzipped result."""
    removed = 0
    erros = []
    for name in PARTS:
        path = Path(folder) / name
        if not path.exists():
            continue
        tree = etree.parse(str(path))
        if renderer is not None and getattr(renderer, "raiseOnError", False):
            erros.extend(pod_errors(tree))
        count = remove_annotations(tree)
        if count:
            tree.write(str(path), xml_declaration=True, encoding="UTF-8")
            removed += count
    if erros:
        setattr(renderer, ERROS_ATTR, erros)
    return removed
