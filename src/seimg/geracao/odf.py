"""OpenDocument clean-up applied to every rendering before LibreOffice sees it.

LibreOffice 7.4's UNO server aborts (``terminate … NoSuchElementException``)
when it loads a document holding comments (``office:annotation``). appy writes
template statements and, when told not to raise, render errors as comments.
seimg always raises on template errors, and also strips every comment here, as
appy's ``finalizeFunction``, so no rendering can take the server down.
"""

from lxml import etree
from pathlib import Path


OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
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


def strip_annotations(folder: str, renderer=None) -> int:
    """appy ``finalizeFunction``: strip comments from the unzipped result."""
    removed = 0
    for name in PARTS:
        path = Path(folder) / name
        if not path.exists():
            continue
        tree = etree.parse(str(path))
        count = remove_annotations(tree)
        if count:
            tree.write(str(path), xml_declaration=True, encoding="UTF-8")
            removed += count
    return removed
