"""Tarjas (stamps): the órgão's templates, their validation and rendering.

Each :class:`~seimg.content.orgao.Orgao` keeps two templates that its
administrators edit (fields of the Orgao schema):

- ``tarja_assinatura``: printed under the document once per signature, with
  ``${nome}``, ``${cargo}``, ``${data}`` and ``${hora}`` (Brasília time);
- ``tarja_autenticidade``: the validation stamp, with ``${url}``,
  ``${codigo}`` (código verificador = número SEI) and ``${crc}``, followed by
  a QR code (``segno``) of the deep link
  ``<portal>/@@conferir-autenticidade?cv=<código>&crc=<crc>``.

**CRC and the validation stamp.** The validation stamp prints the CRC, so it
cannot be part of the bytes the CRC covers. The frozen rendering stored at
signing time (see :mod:`seimg.assinatura.renderizacao`) holds the document
and the signature stamps only; its SHA-256 and CRC-32 cover exactly that
HTML. The validation stamp is appended when the rendering is shown or served
(:func:`carimbo_autenticidade`), never stored inside it.

A signature stamp is rendered from the signer's órgão template when the
signature is made and kept in the signature record, so a later change of the
template never changes what was signed.
"""

from datetime import datetime
from plone import api
from seimg import _
from seimg.base.brasil import em_brasilia
from seimg.base.brasil import FUSO  # noqa: F401
from seimg.base.erros import CampoInvalido
from string import Template
from urllib.parse import urlencode
import html


TARJA_ASSINATURA_PADRAO = (
    "Documento assinado eletronicamente por ${nome}, ${cargo}, em ${data}, às "
    "${hora}, conforme horário oficial de Brasília, com fundamento no art. 6º, "
    "§ 1º, do Decreto nº 8.539, de 8 de outubro de 2015."
)
TARJA_AUTENTICIDADE_PADRAO = (
    "A autenticidade deste documento pode ser conferida no site ${url}, "
    "informando o código verificador ${codigo} e o código CRC ${crc}."
)
# The demo municipality (Vila Serrana) signs under its own (fictitious) decree.
TARJA_ASSINATURA_VILA_SERRANA = (
    "Documento assinado eletronicamente por ${nome}, ${cargo}, em ${data}, às "
    "${hora}, conforme horário oficial de Brasília, com fundamento no art. 5º do "
    "Decreto Municipal nº 1.234, de 2 de janeiro de 2025, de Vila Serrana."
)

CAMPOS_ASSINATURA = ("nome", "cargo", "data", "hora")
CAMPOS_AUTENTICIDADE = ("url", "codigo", "crc")


def _validar(value: str, permitidos: tuple[str, ...]) -> bool:
    template = Template(value or "")
    if not template.is_valid():
        raise CampoInvalido(
            _(
                "tarja_invalida",
                default="The stamp template is not valid: write placeholders as "
                "${campo} and a literal dollar sign as $$.",
            )
        )
    desconhecidos = [
        nome for nome in template.get_identifiers() if nome not in permitidos
    ]
    if desconhecidos:
        raise CampoInvalido(
            _(
                "tarja_campo_desconhecido",
                default="Unknown placeholder(s) in the stamp: ${desconhecidos}. "
                "Allowed: ${permitidos}.",
                mapping={
                    "desconhecidos": ", ".join(f"${{{n}}}" for n in desconhecidos),
                    "permitidos": ", ".join(f"${{{n}}}" for n in permitidos),
                },
            )
        )
    return True


def tarja_assinatura_constraint(value) -> bool:
    return _validar(value, CAMPOS_ASSINATURA)


def tarja_autenticidade_constraint(value) -> bool:
    return _validar(value, CAMPOS_AUTENTICIDADE)


def texto_assinatura(orgao, nome: str, cargo: str, data: datetime) -> str:
    """The signature stamp (plain text) of ``orgao`` for one signature."""
    modelo = (
        getattr(orgao, "tarja_assinatura", None) if orgao is not None else None
    ) or TARJA_ASSINATURA_PADRAO
    local = em_brasilia(data)
    return Template(modelo).safe_substitute(
        nome=nome,
        cargo=cargo,
        data=local.strftime("%d/%m/%Y"),
        hora=local.strftime("%H:%M"),
    )


def url_conferir() -> str:
    return f"{api.portal.get().absolute_url()}/@@conferir-autenticidade"


def link_conferir(codigo: str, crc: str) -> str:
    """The deep link of the public authenticity page for ``codigo``/``crc``."""
    return f"{url_conferir()}?{urlencode({'cv': codigo, 'crc': crc})}"


def texto_autenticidade(orgao, codigo: str, crc: str) -> str:
    modelo = (
        getattr(orgao, "tarja_autenticidade", None) if orgao is not None else None
    ) or TARJA_AUTENTICIDADE_PADRAO
    return Template(modelo).safe_substitute(url=url_conferir(), codigo=codigo, crc=crc)


def qrcode_svg(dados: str) -> str:
    """An inline SVG QR code of ``dados``."""
    import segno

    return segno.make(dados, error="m").svg_inline(scale=3, title=dados)


def carimbo_autenticidade(orgao, codigo: str, crc: str) -> str:
    """HTML of the validation stamp (text and QR code); never checksummed."""
    link = link_conferir(codigo, crc)
    texto = html.escape(texto_autenticidade(orgao, codigo, crc))
    endereco = html.escape(url_conferir())
    # The address in the text is a link to the check of this very document.
    ancora = (
        f'<a href="{html.escape(link)}" target="_blank" rel="noopener">{endereco}</a>'
    )
    texto = texto.replace(endereco, ancora, 1) if endereco in texto else texto
    return (
        '<div class="seimg-tarja-autenticidade">'
        f'<div class="seimg-qrcode">{qrcode_svg(link)}</div>'
        f"<p>{texto}</p>"
        "</div>"
    )
