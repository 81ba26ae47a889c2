"""Clamping table spans before the renderer sees them (no Zope needed)."""

from seimg.base.extensoes import limitar_extensoes
from seimg.base.extensoes import MAX_EXTENSAO


def test_extensoes_enormes_limitadas():
    html = '<table><tr><td colspan="100000">a</td><td ROWSPAN=99999>b</td></tr></table>'
    limitado = limitar_extensoes(html)
    assert f'colspan="{MAX_EXTENSAO}"' in limitado
    assert f"ROWSPAN={MAX_EXTENSAO}" in limitado
    assert "100000" not in limitado


def test_extensoes_normais_e_texto_intactos():
    html = '<td colspan="3">colspan="5000" no texto não é atributo</td>'
    assert limitar_extensoes(html) == html
    assert limitar_extensoes("<p>sem tabela</p>") == "<p>sem tabela</p>"
