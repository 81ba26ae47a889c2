"""Unit tests of the comment stripping applied before LibreOffice loads a file."""

from lxml import etree
from seimg.geracao import odf


CONTENT = """<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>
<text:p>Um <office:annotation office:name="n1"><dc:creator>x</dc:creator>
<text:p>erro</text:p></office:annotation>dois<office:annotation-end office:name="n1"/>
 três</text:p>
<text:p><office:annotation><text:p>só</text:p></office:annotation>quatro</text:p>
</office:text></office:body></office:document-content>"""


def test_remove_annotations_keeps_surrounding_text():
    tree = etree.ElementTree(etree.fromstring(CONTENT))
    assert odf.remove_annotations(tree) == 3
    text = "".join(tree.getroot().itertext())
    assert "erro" not in text
    assert "só" not in text
    assert "Um dois\n três" in text
    assert "quatro" in text


def test_strip_annotations_rewrites_only_parts_with_comments(tmp_path):
    (tmp_path / "content.xml").write_text(CONTENT, encoding="utf-8")
    styles = f'<office:document-styles xmlns:office="{odf.OFFICE_NS}"/>'
    (tmp_path / "styles.xml").write_text(styles, encoding="utf-8")

    assert odf.strip_annotations(str(tmp_path)) == 3

    assert "annotation" not in (tmp_path / "content.xml").read_text(encoding="utf-8")
    assert (tmp_path / "styles.xml").read_text(encoding="utf-8") == styles


class _Renderer:
    raiseOnError = True


def test_errors_appy_wrote_as_comments_are_kept_on_the_renderer(tmp_path):
    content = CONTENT.replace(
        "<dc:creator>x</dc:creator>\n<text:p>erro</text:p>",
        '<dc:creator>POD</dc:creator><text:p>Bad element "txt".</text:p>'
        "<text:p>Traceback</text:p>",
    )
    (tmp_path / "content.xml").write_text(content, encoding="utf-8")
    renderer = _Renderer()

    assert odf.strip_annotations(str(tmp_path), renderer) == 3

    assert renderer.seimg_erros_modelo == ['Bad element "txt".']
    assert "annotation" not in (tmp_path / "content.xml").read_text(encoding="utf-8")
