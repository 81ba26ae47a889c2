"""Registry settings of uploaded files (records ``seimg.arquivos.*``)."""

from seimg import _
from zope import schema
from zope.interface import Interface


REGISTRY_PREFIX = "seimg.arquivos"

# SEI's default upload limit.
TAMANHO_MAXIMO_MB = 200

EXTENSOES_PADRAO = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "csv",
    "xml",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "tif",
    "tiff",
    "mp3",
    "mp4",
    "zip",
]


class IArquivosSettings(Interface):
    """What an uploaded file may be: size limit and allowed extensions."""

    tamanho_maximo_mb = schema.Int(
        title=_("arquivos_tamanho_maximo_titulo", default="Maximum file size (MB)"),
        description=_(
            "arquivos_tamanho_maximo_descricao",
            default="Uploaded files larger than this are refused.",
        ),
        default=TAMANHO_MAXIMO_MB,
        min=1,
        required=True,
    )

    extensoes_permitidas = schema.List(
        title=_("arquivos_extensoes_titulo", default="Allowed extensions"),
        description=_(
            "arquivos_extensoes_descricao",
            default=(
                "One per line, without the dot. The content of the file must "
                "match its extension; executables, HTML, SVG and scripts are "
                "always refused."
            ),
        ),
        value_type=schema.TextLine(),
        default=list(EXTENSOES_PADRAO),
        required=False,
    )
