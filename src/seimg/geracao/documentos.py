"""Generating one Documento as ODT, PDF or DOCX with its tipo's template.

:func:`gerar` is what the ``@@gerar`` page and the ``@gerar`` REST service
call. The template is the ConfigurablePODTemplate of ``/modelos`` whose id is
the TipoDocumento's id (``oficio``), else ``padrao``
(:func:`modelo_do_documento`); it is rendered through seimg's
``@@document-generation`` machinery (:mod:`seimg.geracao.views`).

Every refusal is a :class:`~seimg.geracao.rendering.GeracaoError` with a
status and a message for people: 403 when the user may not see the document
or its content, 400 for a format the template does not offer, 422 for a
missing or broken template (``detail`` says which statement failed; only
administrators are shown it, see :func:`detalhe_visivel`), 503 when
LibreOffice does not answer.
"""

from collective.documentgenerator.content.pod_template import IPODTemplate
from dataclasses import dataclass
from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from seimg import _
from seimg.geracao.rendering import GeracaoError
from seimg.tabelas import obter
from zope.component import getUtility
from zope.globalrequest import getRequest


MODELOS_FOLDER = "modelos"
MODELO_PADRAO = "padrao"
CONTEUDO = "seimg: Acessar conteudo do documento"
ADMINISTRADORES = ("Manager", "Site Administrator")

MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


@dataclass(frozen=True)
class Gerado:
    """A generated file: its bytes, a file name and its MIME type."""

    dados: bytes
    nome: str
    mimetype: str


class SemAcesso(GeracaoError):
    status = 403


class FormatoIndisponivel(GeracaoError):
    status = 400


class ModeloAusente(GeracaoError):
    status = 422


def _formatos(modelo) -> list[str]:
    return [f for f in modelo.get_available_formats() if f in MIMETYPES]


def modelo_do_documento(documento):
    """The enabled template for the document's tipo, else ``padrao``; or None."""
    pasta = api.portal.get().get(MODELOS_FOLDER)
    if pasta is None:
        return None
    tipo = obter(getattr(documento, "tipo_documento", None))
    for id_ in (tipo.getId() if tipo is not None else None, MODELO_PADRAO):
        modelo = pasta.get(id_) if id_ else None
        if (
            modelo is not None
            and IPODTemplate.providedBy(modelo)
            and getattr(modelo, "enabled", True)
        ):
            return modelo
    return None


def formatos_do_documento(documento) -> list[str]:
    """The formats the document's template offers (``[]`` without one)."""
    modelo = modelo_do_documento(documento)
    return _formatos(modelo) if modelo is not None else []


def motivo_sem_acesso(documento):
    """None when the current user may generate ``documento``, else a message."""
    if documento.portal_type != "Documento":
        return _(
            "gerar_so_documento_interno",
            default="Only documents written in seimg are generated from templates.",
        )
    if not api.user.has_permission("View", obj=documento):
        return _(
            "gerar_sem_acesso",
            default="You have no access to this document.",
        )
    if not api.user.has_permission(CONTEUDO, obj=documento):
        return _(
            "gerar_sem_acesso_conteudo",
            default="You may not read the content of this document, so it cannot "
            "be generated for you.",
        )
    return None


def exigir_acesso(documento) -> None:
    motivo = motivo_sem_acesso(documento)
    if motivo is not None:
        raise SemAcesso(motivo, "")


def exigir_modelo(documento):
    modelo = modelo_do_documento(documento)
    if modelo is None:
        tipo = obter(getattr(documento, "tipo_documento", None))
        raise ModeloAusente(
            _(
                "gerar_sem_modelo",
                default="There is no template for documents of type ${tipo}, nor "
                "the default template. An administrator must install them.",
                mapping={"tipo": tipo.title if tipo is not None else "?"},
            ),
            "",
        )
    return modelo


def exigir_formato(modelo, formato: str) -> None:
    formatos = _formatos(modelo)
    if not formato:
        raise FormatoIndisponivel(
            _(
                "gerar_formato_obrigatorio",
                default="Informe o formato (formato=${formatos}).",
                mapping={"formatos": "|".join(formatos) or "pdf"},
            ),
            "",
        )
    if formato not in formatos:
        raise FormatoIndisponivel(
            _(
                "gerar_formato_indisponivel",
                default='The format "${formato}" is not offered by the template '
                '"${modelo}". Available formats: ${formatos}.',
                mapping={
                    "formato": formato or "—",
                    "modelo": modelo.Title(),
                    "formatos": ", ".join(f.upper() for f in formatos) or "—",
                },
            ),
            "",
        )


def nome_arquivo(documento, formato: str) -> str:
    """``oficio-12-2026-cmvs-secretaria.pdf``; the número SEI when no number."""
    from seimg.processos.numerar import titulo_documento

    base = titulo_documento(documento).replace("nº", " ").replace("/", " ")
    if not any(c.isdigit() for c in base):
        base = f"{base} {documento.numero_sei or ''}"
    nome = getUtility(IIDNormalizer).normalize(base, max_length=120)
    return f"{nome or 'documento'}.{formato}"


def _pedido(request):
    """The request to render with, on seimg's layer (for seimg's ``view``).

    Real requests already are; a background job's or a script's may not.
    """
    from seimg.interfaces import ISeimgLayer
    from zope.interface import alsoProvides

    request = request if request is not None else getRequest()
    if request is None:
        request = api.portal.get().REQUEST
    if not ISeimgLayer.providedBy(request):
        alsoProvides(request, ISeimgLayer)
    return request


def gerar(documento, formato: str, request=None) -> Gerado:
    """Render ``documento`` with its tipo's template as ``formato``.

    Raises :class:`GeracaoError` (with ``status``) when it cannot.
    """
    from seimg.geracao.views import DocumentGenerationView

    formato = (formato or "").strip().lower() if isinstance(formato, str) else ""
    exigir_acesso(documento)
    modelo = exigir_modelo(documento)
    exigir_formato(modelo, formato)
    view = DocumentGenerationView(documento, _pedido(request))
    dados = view.gerar(modelo, formato)
    return Gerado(dados, nome_arquivo(documento, formato), MIMETYPES[formato])


def gerar_do_pedido(documento, request) -> Gerado:
    """:func:`gerar` in the format the request asks (``?formato=``).

    Anonymous visitors who may not even see the document are sent to log in
    (``Unauthorized``) instead of getting a 403.
    """
    from AccessControl import Unauthorized

    if api.user.is_anonymous() and not api.user.has_permission("View", obj=documento):
        raise Unauthorized("gerar")
    return gerar(documento, request.form.get("formato", ""), request)


def servir(gerado: Gerado, response) -> bytes:
    """Answer ``gerado`` as a download (UI and REST share these headers)."""
    response.setHeader("Content-Type", gerado.mimetype)
    response.setHeader("Content-Disposition", f'attachment; filename="{gerado.nome}"')
    response.setHeader("Content-Length", str(len(gerado.dados)))
    response.setHeader("Cache-Control", "private, no-store")
    return gerado.dados


def detalhe_visivel() -> bool:
    """Whether the current user sees a template error's detail (administrators)."""
    if api.user.is_anonymous():
        return False
    papeis = api.user.get_roles(obj=api.portal.get())
    return any(papel in papeis for papel in ADMINISTRADORES)
