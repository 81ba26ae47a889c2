"""Text conversions through portal_transforms, the transform path kept.

``portal_transforms.convertTo`` looks for the shortest chain of transforms
between two MIME types on every call, walking the whole registry (for HTML
to safe HTML: outputfilters, then safe_html), which costs more than the
conversion itself. :func:`converter` asks the tool for that path once per
Zope process and site, then runs the same transforms in the same order.
"""

from Products.CMFCore.utils import getToolByName
from Products.PortalTransforms.chain import chain
from seimg.base.extensoes import limitar_extensoes
import logging


logger = logging.getLogger(__name__)

HTML = "text/html"
HTML_SEGURO = "text/x-html-safe"

# (site path, from, to, the tool's policy for "to") -> transform ids
_CAMINHOS: dict[tuple, tuple[str, ...]] = {}


def _caminho(ferramenta, origem: str, destino: str) -> tuple[str, ...] | None:
    politica = tuple(ferramenta._policies.get(destino, ()))
    chave = (ferramenta.getPhysicalPath(), origem, destino, politica)
    nomes = _CAMINHOS.get(chave)
    if nomes is None:
        registro = getToolByName(ferramenta, "mimetypes_registry")
        de, para = registro.lookup(origem), registro.lookup(destino)
        if not de or not para:
            return None
        caminho = ferramenta._findPath(de[0], para[0], list(politica))
        if not caminho and politica:
            caminho = ferramenta._findPath(de[0], para[0])
        if not caminho:
            return None
        nomes = _CAMINHOS[chave] = tuple(t.name() for t in caminho)
    return nomes


def converter(contexto, texto: str, origem: str, destino: str) -> str:
    """``texto`` (of MIME type ``origem``) converted to ``destino``, as
    ``portal_transforms.convertTo`` would (no cache of results)."""
    ferramenta = getToolByName(contexto, "portal_transforms")
    nomes = _caminho(ferramenta, origem, destino)
    transforms = [ferramenta._getOb(nome, None) for nome in nomes or ()]
    if not nomes or None in transforms:
        # the registry changed under the kept path: ask the tool itself
        _CAMINHOS.clear()
        dados = ferramenta.convertTo(destino, texto, mimetype=origem, context=contexto)
        return dados.getData() if dados is not None else ""
    cadeia = chain()
    for transform in transforms:
        cadeia.registerTransform(transform)
    dados = cadeia.convert(texto, ferramenta._wrap(destino), context=contexto)
    return dados.getData()


def html_seguro(contexto, valor) -> str:
    """The safe HTML of a RichTextValue, as its ``output`` gives it."""
    origem = valor.mimeType or HTML
    destino = valor.outputMimeType or HTML_SEGURO
    if origem == destino and destino != HTML_SEGURO:
        return limitar_extensoes(valor.raw)
    if origem == HTML_SEGURO:
        origem = HTML  # never trust stored "safe" HTML (plone.app.textfield)
    return limitar_extensoes(converter(contexto, valor.raw, origem, destino))


def texto_simples(contexto, valor) -> str:
    """The plain text of a RichTextValue (for indexing)."""
    return converter(contexto, valor.raw, valor.mimeType or HTML, "text/plain")
