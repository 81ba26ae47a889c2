"""An órgão's logo: a PNG or JPEG (by its content, not its name), small.

The logo is shown in every page's header, so it must be an image browsers
show without risk (no SVG: it may carry scripts) and light to load.
"""

from seimg import _
from seimg.arquivos.validacao import tipo_real
from seimg.base.erros import CampoInvalido


TIPOS = frozenset({"image/png", "image/jpeg"})
TAMANHO_MAXIMO = 512 * 1024
LARGURA_MAXIMA = 1200
ALTURA_MAXIMA = 400


def problema_logo(imagem):
    """Why ``imagem`` (a plone.namedfile image) cannot be a logo, or None."""
    if imagem is None:
        return None
    if (imagem.getSize() or 0) > TAMANHO_MAXIMO:
        return _(
            "logo_grande",
            default="The logo must have at most ${kb} KB.",
            mapping={"kb": TAMANHO_MAXIMO // 1024},
        )
    if tipo_real(imagem.data, None) not in TIPOS:
        return _("logo_tipo", default="The logo must be a PNG or JPEG image.")
    largura, altura = imagem.getImageSize()
    if largura <= 0 or altura <= 0:
        return _("logo_tipo", default="The logo must be a PNG or JPEG image.")
    if largura > LARGURA_MAXIMA or altura > ALTURA_MAXIMA:
        return _(
            "logo_dimensoes",
            default="The logo must have at most ${largura}×${altura} pixels; "
            "this one has ${l}×${a}.",
            mapping={
                "largura": LARGURA_MAXIMA,
                "altura": ALTURA_MAXIMA,
                "l": largura,
                "a": altura,
            },
        )
    return None


def logo_constraint(imagem):
    """Field constraint of ``IOrgao.logo``."""
    erro = problema_logo(imagem)
    if erro is not None:
        raise CampoInvalido(erro)
    return True
