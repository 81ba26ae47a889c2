"""seimg.base.transformacao gives what portal_transforms gives, path kept."""

from plone import api
from plone.app.textfield.interfaces import ITransformer
from plone.app.textfield.value import RichTextValue
from seimg.base import transformacao
import pytest


TEXTOS = [
    "<p>Solicitamos <strong>informações</strong> sobre o contrato.</p>",
    '<p onclick="alert(1)">x</p><script>alert("x")</script>'
    '<a href="javascript:1">y</a>',
    '<p><a href="resolveuid/abc123">link</a> <img src="x" onerror="1"></p>',
    "<table><tr><td>célula</td></tr></table><iframe src='//x'></iframe>",
    "",
]


@pytest.mark.parametrize("html", TEXTOS)
@pytest.mark.parametrize("tipo", ["text/html", "text/x-html-safe"])
def test_igual_ao_output_do_plone(integration, html, tipo):
    portal = integration["portal"]
    valor = RichTextValue(html, tipo, "text/x-html-safe")
    assert transformacao.html_seguro(portal, valor) == (valor.output or "")
    documento = portal["tabelas"]  # any content: the context of the transform
    assert transformacao.texto_simples(documento, valor) == ITransformer(documento)(
        valor, "text/plain"
    )


def test_caminho_perdido_pergunta_a_ferramenta(integration, monkeypatch):
    portal = integration["portal"]
    valor = RichTextValue("<p>a<script>b</script></p>", "text/html", "text/x-html-safe")
    esperado = valor.output
    transformacao._CAMINHOS.clear()
    transformacao.html_seguro(portal, valor)
    (chave,) = transformacao._CAMINHOS
    assert "safe_html" in transformacao._CAMINHOS[chave]
    # a transform of the kept path no longer exists
    transformacao._CAMINHOS[chave] = ("transform_que_nao_existe",)
    assert transformacao.html_seguro(portal, valor) == esperado
    assert api.portal.get_tool("portal_transforms")._getOb("safe_html")
