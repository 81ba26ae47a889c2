"""What an uploaded file may be: size, extension and its real (sniffed) type.

``validar(arquivo)`` is the ``constraint=`` of file fields: it returns True or
raises ``ArquivoInvalido`` (a ``zope.schema.ValidationError``, hence a
``zope.interface.Invalid``, which both z3c.form and plone.restapi's
deserializer report as a field error) with a translatable message naming the
field and the reason.

``tipo_real(data, filename)`` is the MIME type sniffed from the bytes, to be
stored as the file's ``contentType`` instead of what the client declared.

The type is decided from the bytes in this order: things that are always
refused (executables, shebang scripts, HTML, SVG, JavaScript), the binary
formats seimg knows (PDF, images, ODF/OOXML/ZIP, OLE2, RTF, MP3, MP4), safe
text, and finally puremagic's guess for anything else.
"""

from dataclasses import dataclass
from plone.registry.interfaces import IRegistry
from seimg import _
from seimg.arquivos.deteccao import analisar
from seimg.arquivos.deteccao import Analise  # noqa: F401
from seimg.arquivos.deteccao import CHUNK  # noqa: F401
from seimg.arquivos.deteccao import extensao
from seimg.arquivos.deteccao import EXTENSOES_PROIBIDAS
from seimg.arquivos.deteccao import HEAD  # noqa: F401
from seimg.arquivos.deteccao import MB
from seimg.arquivos.deteccao import normalizar_extensao
from seimg.arquivos.deteccao import OCTET  # noqa: F401
from seimg.arquivos.deteccao import ODF  # noqa: F401
from seimg.arquivos.deteccao import OLE2  # noqa: F401
from seimg.arquivos.deteccao import OLE2_FLUXOS  # noqa: F401
from seimg.arquivos.deteccao import OOXML  # noqa: F401
from seimg.arquivos.deteccao import OOXML_PARTES  # noqa: F401
from seimg.arquivos.deteccao import PERIGOSOS  # noqa: F401
from seimg.arquivos.deteccao import TEXTO  # noqa: F401
from seimg.arquivos.deteccao import TEXTO_SEGURO  # noqa: F401
from seimg.arquivos.interfaces import EXTENSOES_PADRAO
from seimg.arquivos.interfaces import REGISTRY_PREFIX
from seimg.arquivos.interfaces import TAMANHO_MAXIMO_MB
from typing import BinaryIO
from zope.component import queryUtility
from zope.schema import ValidationError
import io


class ArquivoInvalido(ValidationError):
    """The uploaded file is not acceptable."""

    def doc(self):
        return self.args[0]


@dataclass(frozen=True)
class Configuracao:
    tamanho_maximo_mb: int
    extensoes_permitidas: frozenset[str]


def configuracao() -> Configuracao:
    """The registry settings (defaults when there is no site, as in scripts)."""
    registry = queryUtility(IRegistry)
    tamanho, extensoes = TAMANHO_MAXIMO_MB, EXTENSOES_PADRAO
    if registry is not None:
        tamanho = registry.get(f"{REGISTRY_PREFIX}.tamanho_maximo_mb", tamanho)
        extensoes = registry.get(f"{REGISTRY_PREFIX}.extensoes_permitidas", extensoes)
    permitidas = frozenset(filter(None, map(normalizar_extensao, extensoes or ())))
    return Configuracao(int(tamanho or TAMANHO_MAXIMO_MB), permitidas)


# --- public API ------------------------------------------------------------


def _abrir(arquivo) -> BinaryIO:
    """A seekable binary stream over bytes or a plone.namedfile file."""
    if isinstance(arquivo, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(arquivo))
    abrir = getattr(arquivo, "open", None)
    if abrir is not None:  # NamedBlobFile: read the blob, not a copy in memory.
        try:
            return abrir("r")
        except Exception:
            pass
    return io.BytesIO(bytes(getattr(arquivo, "data", b"") or b""))


def tipo_real(data, filename: str | None) -> str:
    """The MIME type sniffed from ``data`` (bytes or a named file).

    For a file whose content agrees with its extension this is the type to
    store as ``contentType`` (e.g. ``text/csv`` for safe text named ``.csv``);
    otherwise it is what the content really is (``text/html``,
    ``application/vnd.microsoft.portable-executable``, ``application/pdf``…).
    """
    stream = _abrir(data)
    try:
        return analisar(stream, filename).tipo
    finally:
        stream.close()


def _erro(message, **mapping) -> ArquivoInvalido:
    return ArquivoInvalido(
        _(message, default=message.default, mapping=mapping) if mapping else message
    )


def problema(arquivo) -> ArquivoInvalido | None:
    """Why ``arquivo`` (a plone.namedfile file) is refused, or None."""
    if arquivo is None:
        return None
    config = configuracao()
    tamanho = arquivo.getSize() if hasattr(arquivo, "getSize") else len(arquivo.data)
    if not tamanho:
        return _erro(_("arquivo_vazio", default="File: the file is empty."))
    if tamanho > config.tamanho_maximo_mb * MB:
        return _erro(
            _(
                "arquivo_grande",
                default="File: the file is larger than the limit of ${limite} MB.",
            ),
            limite=config.tamanho_maximo_mb,
        )
    filename = getattr(arquivo, "filename", None)
    ext = extensao(filename)
    if not ext:
        return _erro(
            _("arquivo_sem_extensao", default="File: the file name has no extension.")
        )
    if ext in EXTENSOES_PROIBIDAS or ext not in config.extensoes_permitidas:
        return _erro(
            _(
                "arquivo_extensao_nao_permitida",
                default="File: files with extension .${extensao} are not accepted. "
                "Accepted extensions: ${permitidas}.",
            ),
            extensao=ext,
            permitidas=", ".join(
                sorted(config.extensoes_permitidas - EXTENSOES_PROIBIDAS)
            ),
        )
    stream = _abrir(arquivo)
    try:
        analise = analisar(stream, filename)
    finally:
        stream.close()
    if analise.perigoso:
        return _erro(
            _(
                "arquivo_perigoso",
                default="File: executables, HTML pages, SVG images and scripts are not "
                "accepted (content found: ${tipo}).",
            ),
            tipo=analise.mime,
        )
    if not analise.confere:
        return _erro(
            _(
                "arquivo_conteudo_divergente",
                default="File: the content of the file (${tipo}) does not match its "
                "extension .${extensao}.",
            ),
            tipo=analise.mime,
            extensao=ext,
        )
    return None


def validar(arquivo) -> bool:
    """``constraint=`` of file fields: True, or raises ``ArquivoInvalido``."""
    erro = problema(arquivo)
    if erro is not None:
        raise erro
    return True
