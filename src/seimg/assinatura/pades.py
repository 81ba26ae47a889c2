"""The PAdES-sealed PDF of a signed Documento.

:func:`pdf_assinado` takes the document as its tipo's template renders it
(:mod:`seimg.geracao`: the official layout with the signature stamps and the
validation stamp with its QR code; without a template, the frozen rendering
with the same stamps), adds a last page and seals it with the
órgão's certificate (:mod:`seimg.assinatura.certificados`) using pyHanko:
a PAdES baseline B-B signature (``ETSI.CAdES.detached``, SHA-256) in a
visible field on a last "folha de assinatura digital" page, whose box lists
the electronic signatures. Any PDF validator (Adobe, ``pdfsig``, ITI's
Verificador) can check it offline against the certificate's chain.

The HTML → PDF conversion runs on seimg's LibreOffice worker pool
(:func:`seimg.geracao.pool.converter`) rather than a one-shot
``soffice --convert-to``: it costs no extra LibreOffice start (seconds) or
private profile per PDF, and it shares the workers' time limit and
restart-and-retry policy.

The sealed PDF is cached as a blob in the document's annotations, keyed by
the rendering's SHA-256, the workflow state and the certificate; a new
signature (or cancellation, or another certificate) makes a new PDF.
:func:`pdf_pronto` reads that cache without ever generating (anonymous
visitors), :mod:`seimg.assinatura.pregeracao` fills it in the background.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from plone.namedfile.file import NamedBlobFile
from seimg import _
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
import hashlib
import html
import logging
import tempfile
import unicodedata


logger = logging.getLogger(__name__)

ANNOTATION_KEY = "seimg.assinatura.pdf"
CACHE_VERSION = "2"
FIELD_NAME = "SeloSeimg"
LANGUAGE = "pt_BR"
# The visible signature box on the last page (points, from the bottom left).
MARGEM = 56
ALTURA_CAIXA = 230

CSS = """
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 12pt; }
.seimg-cabecalho p { margin: 0; text-align: center; }
.seimg-titulo { font-size: 13pt; text-align: center; }
.seimg-tarjas { margin-top: 18pt; }
.seimg-tarja { border: 1px solid #555; padding: 4pt; font-size: 9pt;
  font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; }
.seimg-tarja-autenticidade { font-size: 9pt; margin-top: 8pt;
  font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; }
.seimg-folha { font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif;
  font-size: 10pt; }
"""


class PdfIndisponivel(Exception):
    """There is no sealed PDF for this document; ``message`` is for people."""

    status = 409

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _t(message) -> str:
    return translate(message, target_language=LANGUAGE)


def _latin1(texto: str) -> str:
    """Text the stamp's standard PDF font can show (WinAnsi ≈ Latin-1)."""
    texto = unicodedata.normalize("NFC", texto)
    return "".join(c if ord(c) < 256 else "-" for c in texto)


# --- HTML → PDF --------------------------------------------------------------


def html_para_pdf(documento_html: str) -> bytes:
    """Convert an HTML document to PDF on a LibreOffice worker of the pool."""
    from seimg.geracao import pool

    with tempfile.TemporaryDirectory(prefix="seimg-pades-") as tmp:
        origem = Path(tmp) / "documento.html"
        destino = Path(tmp) / "documento.pdf"
        origem.write_text(documento_html, encoding="utf-8")
        pool.converter(origem, destino)
        return destino.read_bytes()


def _qrcode_png(link: str) -> str:
    import segno

    return segno.make(link, error="m").png_data_uri(scale=3, border=2)


def _folha(documento) -> str:
    """The HTML of the "folha de assinatura digital": the seal's own page."""
    from seimg.assinatura import api as assinatura
    from seimg.assinatura.renderizacao import orgao_do_documento
    from seimg.processos.numerar import titulo_documento

    orgao = orgao_do_documento(documento)
    codigo = assinatura.codigo_verificador(documento)
    titulo = html.escape(titulo_documento(documento))
    folha_titulo = _t(_("pades_folha_titulo", default="Digital signature page (PAdES)"))
    folha_texto = _t(
        _(
            "pades_folha_texto",
            default="This PDF is sealed with the digital certificate of "
            "${orgao}. The box below lists the electronic signatures of the "
            "document; a PDF reader shows whether the seal is valid and the "
            "file unchanged.",
            mapping={"orgao": getattr(orgao, "nome", "") or ""},
        )
    )
    return (
        f"<p><b>{html.escape(folha_titulo)}</b></p>"
        f"<p>{titulo} &#8212; {html.escape(codigo)}</p>"
        f"<p>{html.escape(folha_texto)}</p>"
    )


def _pagina(titulo: str, corpo: str) -> str:
    return (
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8" />'
        f"<title>{titulo}</title><style>{CSS}</style></head><body>{corpo}</body></html>"
    )


def html_do_documento(documento) -> str:
    """Without a template: the frozen rendering + validation stamp + folha."""
    from seimg.assinatura import api as assinatura
    from seimg.assinatura import tarjas
    from seimg.assinatura.renderizacao import orgao_do_documento
    from seimg.processos.numerar import titulo_documento

    registro = assinatura.registro(documento)
    orgao = orgao_do_documento(documento)
    codigo = assinatura.codigo_verificador(documento)
    link = tarjas.link_conferir(codigo, registro.crc)
    texto = tarjas.texto_autenticidade(orgao, codigo, registro.crc)
    return _pagina(
        html.escape(titulo_documento(documento)),
        f"{registro.html}"
        '<div class="seimg-tarja-autenticidade">'
        f'<p><img src="{_qrcode_png(link)}" width="87" height="87" alt="" /></p>'
        f"<p>{html.escape(texto)}</p></div>"
        '<div class="seimg-folha" style="page-break-before: always">'
        f"{_folha(documento)}</div>",
    )


def modelo(documento):
    """The tipo's document template (collective.documentgenerator), or None."""
    from seimg.geracao import documentos

    return documentos.modelo_do_documento(documento)


def pdf_do_modelo(documento, pod_template) -> bytes:
    """The document rendered by its template, as staff download it, + the folha.

    The caller has already decided who may read the PDF (the document's
    content permission, or a valid authenticity code of a public document),
    so the content is rendered for whoever asks: a citizen gets the same PDF
    as staff.
    """
    from pypdf import PdfWriter
    from seimg.geracao import documentos
    from seimg.geracao.helper import leitura_autorizada
    from seimg.geracao.views import DocumentGenerationView
    from seimg.processos.numerar import titulo_documento

    with leitura_autorizada():
        view = DocumentGenerationView(documento, documentos._pedido(None))
        corpo = view.gerar(pod_template, "pdf")
    folha = html_para_pdf(
        _pagina(
            html.escape(titulo_documento(documento)),
            f'<div class="seimg-folha">{_folha(documento)}</div>',
        )
    )
    escritor = PdfWriter()
    escritor.append(BytesIO(corpo))
    escritor.append(BytesIO(folha))
    saida = BytesIO()
    escritor.write(saida)
    return saida.getvalue()


# --- sealing -----------------------------------------------------------------


def _signer(credencial):
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    chave = keys.PrivateKeyInfo.load(
        credencial.chave.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=asn1(credencial.certificado),
        signing_key=chave,
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1(c) for c in credencial.cadeia]
        ),
    )


def texto_caixa(documento) -> str:
    """The visible stamp: who sealed it, when, and the signatures."""
    from seimg.assinatura import api as assinatura
    from seimg.assinatura import tarjas

    registro = assinatura.registro(documento)
    linhas = [
        _t(_("pades_caixa_selado", default="Digitally sealed by %(signer)s")),
        _t(_("pades_caixa_data", default="on %(ts)s")),
        _t(_("pades_caixa_assinaturas", default="Electronic signatures:")),
    ]
    for a in registro.assinaturas:
        data = tarjas.em_brasilia(a.data).strftime("%d/%m/%Y %H:%M")
        linhas.append(f"- {a.nome}, {a.cargo} ({a.unidade_sigla}), {data}")
    linhas.append(
        _t(
            _(
                "pades_caixa_codigos",
                default="Verification code ${codigo}, CRC ${crc}",
                mapping={
                    "codigo": assinatura.codigo_verificador(documento),
                    "crc": registro.crc,
                },
            )
        )
    )
    # %(signer)s and %(ts)s are pyHanko's; any other % must be doubled.
    texto = "\n".join(linhas)
    texto = texto.replace("%", "%%")
    texto = texto.replace("%%(signer)s", "%(signer)s").replace("%%(ts)s", "%(ts)s")
    return _latin1(texto)


def selar(
    pdf: bytes, credencial, texto: str, motivo: str = "", local: str = ""
) -> bytes:
    """Seal ``pdf`` (PAdES B-B) with a visible box on its last page."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields
    from pyhanko.sign import signers
    from pyhanko.stamp import TextStampStyle

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    paginas = int(writer.root["/Pages"]["/Count"])
    pagina, _container = writer.find_page_for_modification(paginas - 1)
    caixa = [float(v) for v in pagina.get_object()["/MediaBox"]]
    largura = caixa[2] - caixa[0]
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            FIELD_NAME,
            on_page=paginas - 1,
            box=(
                int(caixa[0] + MARGEM),
                int(caixa[1] + MARGEM),
                int(caixa[0] + largura - MARGEM),
                int(caixa[1] + MARGEM + ALTURA_CAIXA),
            ),
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=_latin1(motivo) or None,
        location=_latin1(local) or None,
    )
    estilo = TextStampStyle(
        stamp_text=texto,
        text_box_style=TextBoxStyle(font_size=9),
        timestamp_format="%d/%m/%Y %H:%M:%S %Z",
        border_width=1,
    )
    pdf_signer = signers.PdfSigner(meta, signer=_signer(credencial), stamp_style=estilo)
    saida = _fora_do_laco(lambda: pdf_signer.sign_pdf(writer))
    return saida.getvalue()


def _fora_do_laco(funcao):
    """Run ``funcao`` here, or in a thread of its own when this thread runs
    an asyncio event loop: pyHanko signs through ``asyncio.run``, which
    refuses to start inside one (Playwright's, in the browser tests; any
    async server). The signing touches bytes only, never the database."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return funcao()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(funcao).result()


def _chave_cache(documento, impressao: str, pod_template=None) -> str:
    """``impressao``: the SHA-256 fingerprint of the sealing certificate."""
    from plone import api
    from seimg.assinatura import api as assinatura

    registro = assinatura.registro(documento)
    partes = [
        CACHE_VERSION,
        registro.sha256,
        api.content.get_state(documento, default="") or "",
        impressao,
    ]
    if pod_template is not None:
        # A changed template (file or settings) makes a new PDF.
        partes += [pod_template.UID(), str(pod_template.modified())]
    return hashlib.sha256("|".join(partes).encode()).hexdigest()


def _exigir_pdf(documento):
    from seimg.assinatura import api as assinatura

    registro = assinatura.registro(documento)
    if registro is None:
        raise PdfIndisponivel(
            _(
                "pades_nao_assinado",
                default="The document is not signed: there is no sealed PDF yet.",
            )
        )
    if not registro.html:
        raise PdfIndisponivel(
            _(
                "pades_externo",
                default="Only documents written in seimg have a sealed PDF; "
                "download the original file of an external document.",
            )
        )
    if not assinatura.verificar(documento):
        raise PdfIndisponivel(
            _(
                "pades_adulterado",
                default="The signed rendering of this document fails the "
                "integrity check; no PDF is issued.",
            )
        )
    return registro


SIGLA_PADRAO = "SEIMG"
#: Certificate fingerprints by file version (path, mtime, size, inode).
_IMPRESSOES: dict[tuple, str] = {}


def _credencial(orgao):
    from seimg.assinatura import certificados

    if orgao is not None:
        return certificados.credencial_do_orgao(orgao)
    return certificados.credencial(SIGLA_PADRAO, "seimg")


def _versao_arquivo_certificado(orgao) -> tuple | None:
    from seimg.assinatura import certificados

    sigla = orgao.sigla if orgao is not None else SIGLA_PADRAO
    configurado = certificados._configurado(sigla)
    if configurado:
        caminho = Path(configurado[0])
    else:
        caminho = certificados.pasta() / f"{certificados._nome_arquivo(sigla)}.p12"
    try:
        caminho = caminho.resolve()
        estado = caminho.stat()
    except OSError:
        return None
    return (str(caminho), estado.st_mtime_ns, estado.st_size, estado.st_ino)


def impressao_certificado(orgao) -> str:
    """The SHA-256 fingerprint of the sealing certificate of ``orgao``.

    Remembered per version of its PKCS#12 file: loading one costs about
    0.2 s (its key derivation), too much for every check of the cache.
    """
    from cryptography.hazmat.primitives import hashes

    versao = _versao_arquivo_certificado(orgao)
    if versao is not None and versao in _IMPRESSOES:
        return _IMPRESSOES[versao]
    impressao = _credencial(orgao).certificado.fingerprint(hashes.SHA256()).hex()
    if versao is not None:
        _IMPRESSOES[versao] = impressao
    return impressao


def chave_atual(documento) -> str:
    """The cache key the sealed PDF of ``documento`` has now (nothing is generated).

    Raises :class:`PdfIndisponivel` when the document has no sealed PDF.
    """
    from seimg.assinatura.renderizacao import orgao_do_documento

    _exigir_pdf(documento)
    impressao = impressao_certificado(orgao_do_documento(documento))
    return _chave_cache(documento, impressao, modelo(documento))


def arquivo_pronto(documento, chave: str | None = None):
    """The cached sealed PDF (a NamedBlobFile) and its key when the key is
    current, else None; never generates (no LibreOffice work).

    None too when the document has no sealed PDF at all (see
    :func:`chave_atual` for the reason). ``chave``: the current key, when
    the caller has just computed it.
    """
    cache = IAnnotations(documento).get(ANNOTATION_KEY)
    if cache is None:
        return None
    if chave is None:
        try:
            chave = chave_atual(documento)
        except PdfIndisponivel:
            return None
    if cache.get("chave") != chave:
        return None
    return cache["arquivo"], chave


def pdf_pronto(documento) -> bytes | None:
    """The cached sealed PDF when it is current, else None; never generates."""
    pronto = arquivo_pronto(documento)
    return pronto[0].data if pronto is not None else None


def pdf_assinado(documento) -> bytes:
    """The sealed PDF of ``documento`` (cached; regenerated when it changes).

    Raises :class:`PdfIndisponivel` for unsigned or external documents and
    :class:`seimg.geracao.rendering.GeracaoError` when LibreOffice fails.
    Requests of anonymous visitors use :func:`pdf_pronto` instead, and
    :mod:`seimg.assinatura.pregeracao` fills the cache in the background.
    """
    from seimg.assinatura.renderizacao import orgao_do_documento

    _exigir_pdf(documento)
    orgao = orgao_do_documento(documento)
    pod_template = modelo(documento)
    chave = _chave_cache(documento, impressao_certificado(orgao), pod_template)
    annotations = IAnnotations(documento)
    cache = annotations.get(ANNOTATION_KEY)
    if cache is not None and cache.get("chave") == chave:
        return cache["arquivo"].data
    credencial = _credencial(orgao)
    if pod_template is not None:
        pdf = pdf_do_modelo(documento, pod_template)
    else:
        pdf = html_para_pdf(html_do_documento(documento))
    selado = selar(
        pdf,
        credencial,
        texto_caixa(documento),
        motivo=_t(
            _(
                "pades_motivo",
                default="Electronically signed document, verification code ${codigo}",
                mapping={"codigo": documento.numero_sei or ""},
            )
        ),
        local=getattr(orgao, "nome", "") or "",
    )
    from persistent.mapping import PersistentMapping

    novo = PersistentMapping()
    novo["chave"] = chave
    novo["arquivo"] = NamedBlobFile(
        data=selado,
        contentType="application/pdf",
        filename=nome_arquivo(documento),
    )
    annotations[ANNOTATION_KEY] = novo
    return selado


def nome_arquivo(documento) -> str:
    return f"documento-{documento.numero_sei or 'seimg'}-assinado.pdf"
