"""The frozen rendering of a signed Documento: what is signed and checksummed.

The rendering is built from two parts:

- the **conteúdo** (:func:`conteudo`), made once at the first signature and
  never again: header (órgão timbre, sigla and name, the generating unit's
  path), the title with the type number (``numero_formatado``), the
  destinatários and the body (``texto.output``);
- the **tarjas** (:func:`tarjas`), one stamp per signature, re-rendered at
  every signature or cancellation from the stamp texts kept in the
  signature records.

:func:`montar` joins them into the final HTML. The registro stores the final
HTML with its SHA-256 and CRC-32 (both recomputed at each signature); each
signature records the SHA-256 of the conteúdo it signed (the same for every
signer). The validation stamp is not part of it (see
:mod:`seimg.assinatura.tarjas`).
"""

from Acquisition import aq_parent
from plone.app.uuid.utils import uuidToObject
from seimg.processos.campos import desmarcar
from seimg.processos.numerar import titulo_documento
import base64
import hashlib
import html
import zlib


def unidade_geradora(documento):
    uid = getattr(documento, "unidade_geradora", None)
    return uuidToObject(uid, unrestricted=True) if uid else None


def orgao_do_documento(documento):
    unidade = unidade_geradora(documento)
    return aq_parent(unidade) if unidade is not None else None


def _timbre(orgao) -> str:
    timbre = getattr(orgao, "timbre", None) if orgao is not None else None
    if timbre is None or not getattr(timbre, "data", None):
        return ""
    dados = base64.b64encode(timbre.data).decode("ascii")
    tipo = html.escape(timbre.contentType or "image/png")
    return f'<img class="seimg-timbre" alt="" src="data:{tipo};base64,{dados}" />'


def conteudo(documento) -> str:
    """The HTML of the document itself (header, title, recipients, body)."""
    esc = html.escape
    unidade = unidade_geradora(documento)
    orgao = aq_parent(unidade) if unidade is not None else None
    partes = ['<header class="seimg-cabecalho">', _timbre(orgao)]
    if orgao is not None:
        partes.append(f'<p class="seimg-orgao-sigla">{esc(orgao.sigla or "")}</p>')
        partes.append(f'<p class="seimg-orgao-nome">{esc(orgao.nome or "")}</p>')
    if unidade is not None:
        partes.append(f'<p class="seimg-unidade">{esc(unidade.sigla_completa())}</p>')
    partes.append("</header>")
    partes.append(f'<h2 class="seimg-titulo">{esc(titulo_documento(documento))}</h2>')
    destinatarios = list(getattr(documento, "destinatarios", None) or ())
    if destinatarios:
        partes.append('<div class="seimg-destinatarios">')
        partes.extend(f"<p>{esc(d)}</p>" for d in destinatarios)
        partes.append("</div>")
    partes.append(f'<div class="seimg-corpo">{desmarcar(corpo(documento))}</div>')
    return '<section class="seimg-conteudo">' + "".join(partes) + "</section>"


def corpo(documento) -> str:
    """The body's safe HTML, as ``texto.output`` (relative to the site).

    The fill-in fields keep their markup here (the templates' renderer gets
    the same); :func:`conteudo` freezes the body without it.
    """
    texto = getattr(documento, "texto", None)
    if texto is None or not texto.raw:
        return ""
    from plone import api
    from seimg.base.transformacao import html_seguro

    return html_seguro(api.portal.get(), texto) or ""


def tarjas(assinaturas) -> str:
    """One stamp per signature, in signing order."""
    itens = "".join(
        f'<p class="seimg-tarja" data-userid="{html.escape(a["userid"])}">'
        f"{html.escape(a['tarja'])}</p>"
        for a in assinaturas
    )
    return f'<footer class="seimg-tarjas">{itens}</footer>'


def montar(conteudo_html: str, assinaturas) -> str:
    """The final HTML: the conteúdo followed by the signature stamps."""
    return (
        '<div class="seimg-documento-assinado">'
        f"{conteudo_html}{tarjas(assinaturas)}</div>"
    )


def sha256(dados: str | bytes) -> str:
    if isinstance(dados, str):
        dados = dados.encode("utf-8")
    return hashlib.sha256(dados).hexdigest()


def crc32(dados: str | bytes) -> str:
    """CRC-32 as SEI prints it: 8 uppercase hex digits."""
    if isinstance(dados, str):
        dados = dados.encode("utf-8")
    return f"{zlib.crc32(dados) & 0xFFFFFFFF:08X}"


def somas_de_arquivo(arquivo, bloco: int = 1 << 20) -> tuple[str, str]:
    """(SHA-256, CRC-32) of a NamedBlobFile, read in blocks (no full copy)."""
    digest = hashlib.sha256()
    crc = 0
    with arquivo.open() as stream:
        while True:
            chunk = stream.read(bloco)
            if not chunk:
                break
            digest.update(chunk)
            crc = zlib.crc32(chunk, crc)
    return digest.hexdigest(), f"{crc & 0xFFFFFFFF:08X}"
