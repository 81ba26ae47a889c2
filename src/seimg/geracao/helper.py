"""The ``view`` of seimg's document templates: data of a Documento for appy.

collective.documentgenerator renders a template with two names: ``context``
(the document, through a display proxy) and ``view``, the document's
``document_generation_helper_view``. :class:`DocumentoHelperView` is that view
for seimg's Documento; :class:`seimg.assinatura.helper.DocumentoAssinadoHelperView`
adds the signatures and the authenticity stamp and is the one registered (on
seimg's browser layer, so it wins over the generic Dexterity one). Their
methods give a template everything an official document prints: process,
numbers, unit and órgão, place and date, addressees, vocative, subject, the
rich text, closing, signatures and the authenticity stamp with its QR code.
``docs/geracao.md`` lists them for template authors.
"""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from datetime import date
from datetime import datetime
from datetime import UTC
from lxml import html as lxml_html
from plone import api
from seimg.base.brasil import em_brasilia
from seimg.tabelas import obter
import contextlib
import contextvars
import re


CONTEUDO = "seimg: Acessar conteudo do documento"

#: Set (``leitura_autorizada()``) by callers that have already decided the
#: reader may see the content, e.g. the public authenticity check of a
#: public document's sealed PDF: the rendering then does not ask again.
LEITURA_AUTORIZADA = contextvars.ContextVar("seimg_leitura_autorizada", default=False)


@contextlib.contextmanager
def leitura_autorizada():
    token = LEITURA_AUTORIZADA.set(True)
    try:
        yield
    finally:
        LEITURA_AUTORIZADA.reset(token)


MESES = (
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
)

#: IBGE state code (first two digits of a município code) → UF.
UFS = {
    "11": "RO",
    "12": "AC",
    "13": "AM",
    "14": "RR",
    "15": "PA",
    "16": "AP",
    "17": "TO",
    "21": "MA",
    "22": "PI",
    "23": "CE",
    "24": "RN",
    "25": "PB",
    "26": "PE",
    "27": "AL",
    "28": "SE",
    "29": "BA",
    "31": "MG",
    "32": "ES",
    "33": "RJ",
    "35": "SP",
    "41": "PR",
    "42": "SC",
    "43": "RS",
    "50": "MS",
    "51": "MT",
    "52": "GO",
    "53": "DF",
}

RESPEITOSAMENTE = "Respeitosamente,"
ATENCIOSAMENTE = "Atenciosamente,"
FECHOS = re.compile(
    r"^(atenciosamente|respeitosamente|cordialmente|saudações|"
    r"sem mais para o momento)\b",
    re.IGNORECASE,
)
VOCATIVOS = re.compile(
    r"^(senhor|senhora|excelentíssim|ilustríssim|magnífic|meritíssim|"
    r"prezad|caro|cara|vossa)",
    re.IGNORECASE,
)
ENDERECAMENTO_EXCELENCIA = re.compile(
    r"^A\s+Sua\s+Excel[êe]ncia,?\s+(?:o|a)\s+(Senhor|Senhora)\b", re.IGNORECASE
)
ENDERECAMENTO_SENHOR = re.compile(r"^(?:Ao|À|A)\s+(Senhor|Senhora)\s+(.+)$", re.I)


def data_por_extenso(dia: date) -> str:
    """``27 de novembro de 2026`` (Portuguese, no locale needed)."""
    return f"{dia.day} de {MESES[dia.month - 1]} de {dia.year}"


def paragrafos(html: str) -> list[str]:
    """The plain text of each block of ``html`` (paragraphs, headings, items)."""
    if not (html or "").strip():
        return []
    try:
        blocos = lxml_html.fragments_fromstring(html)
    except Exception:  # unparsable text has no recognisable parts
        return []
    textos = []
    for bloco in blocos:
        texto = bloco if isinstance(bloco, str) else bloco.text_content()
        texto = " ".join(texto.split())
        if texto:
            textos.append(texto)
    return textos


class DocumentoHelperView(DXDocumentGenerationHelperView):
    """``view`` in the templates of a Documento (see ``docs/geracao.md``)."""

    # The document, its process and its tables

    @property
    def documento(self):
        return self.real_context

    def processo(self):
        """The Processo holding the document."""
        return self.documento.aq_parent

    def nup(self) -> str:
        """The process number as printed: ``2101.02.0000001/2026-11``."""
        return self.processo().numero or ""

    def especificacao(self) -> str:
        return getattr(self.processo(), "especificacao", None) or ""

    def identificacao(self) -> str:
        """The document's title with its number: ``Ofício nº 12/2026/CMVS/GAB``."""
        from seimg.processos.numerar import titulo_documento

        return titulo_documento(self.documento)

    def numero_sei(self) -> str:
        return self.documento.numero_sei or ""

    def tipo(self) -> str:
        """The TipoDocumento's title (``Ofício``)."""
        tipo = obter(getattr(self.documento, "tipo_documento", None))
        return tipo.title if tipo is not None else ""

    def estado(self) -> str:
        return api.content.get_state(self.documento, default="") or ""

    def minuta(self) -> bool:
        """Whether the document is still an unsigned draft."""
        return self.estado() == "minuta"

    # Unit and órgão

    def unidade(self):
        """The generating Unidade (or None)."""
        return obter(getattr(self.documento, "unidade_geradora", None))

    def unidade_sigla_completa(self) -> str:
        """``CMVS/PRESIDENCIA/SECRETARIA``."""
        unidade = self.unidade()
        return unidade.sigla_completa() if unidade is not None else ""

    def unidade_nome(self) -> str:
        unidade = self.unidade()
        return (unidade.nome or "") if unidade is not None else ""

    def caminho_unidade(self, separador: str = " – ") -> str:
        """The unit's names from the órgão's top: ``Presidência – Secretaria-Geral``."""
        unidade = self.unidade()
        if unidade is None:
            return ""
        nomes = [u.nome for u in reversed(unidade.ancestrais())] + [unidade.nome]
        return separador.join(nome for nome in nomes if nome)

    def endereco(self) -> str:
        """The address of the unit, or of the nearest unit above it that has one."""
        unidade = self.unidade()
        if unidade is None:
            return ""
        for atual in [unidade, *unidade.ancestrais()]:
            endereco = (getattr(atual, "endereco", None) or "").strip()
            if endereco:
                return " ".join(endereco.split())
        return ""

    def _orgao(self):
        unidade = self.unidade()
        return unidade.aq_parent if unidade is not None else None

    def orgao(self) -> dict:
        """``{"nome", "sigla", "municipio", "uf", "email"}`` of the generating órgão."""
        orgao = self._orgao()
        if orgao is None:
            return {"nome": "", "sigla": "", "municipio": "", "uf": "", "email": ""}
        ibge = getattr(orgao, "municipio_ibge", None) or ""
        return {
            "nome": orgao.nome or "",
            "sigla": orgao.sigla or "",
            "municipio": getattr(orgao, "municipio_nome", None) or "",
            "uf": UFS.get(ibge[:2], ""),
            "email": getattr(orgao, "email", None) or "",
        }

    def timbre(self) -> bytes | None:
        """The órgão's letterhead image (bytes), or None."""
        orgao = self._orgao()
        imagem = getattr(orgao, "timbre", None) if orgao is not None else None
        dados = getattr(imagem, "data", None) if imagem is not None else None
        return dados or None

    def imagem_timbre(self, altura: float = 2.0) -> str:
        """ODF of the letterhead, ``altura`` cm high (``:view.imagem_timbre()``)."""
        dados = self.timbre()
        if not dados or self.appy_renderer is None:
            return ""
        imagem = self._orgao().timbre
        largura, alto = imagem.getImageSize()
        tamanho = (altura * largura / alto, altura) if alto and largura > 0 else None
        formato = (imagem.contentType or "image/png").split("/")[-1]
        return self.appy_renderer.importImage(
            content=dados, format=formato, size=tamanho
        )

    # Place and date

    def data(self) -> date:
        """The document's date: its first signature's, else today (Brasília)."""
        assinaturas = self._assinaturas()
        if assinaturas:
            return assinaturas[0].data_brasilia.date()
        return em_brasilia(datetime.now(UTC)).date()

    def data_extenso(self) -> str:
        return data_por_extenso(self.data())

    def local_e_data(self) -> str:
        """``Vila Serrana, 27 de novembro de 2026`` (município of the órgão)."""
        municipio = self.orgao()["municipio"]
        extenso = self.data_extenso()
        return f"{municipio}, {extenso}" if municipio else extenso

    # Addressees, subject, interested parties

    def destinatarios(self) -> list[str]:
        """The addressee block, one line each."""
        linhas = getattr(self.documento, "destinatarios", None) or ()
        return [linha.strip() for linha in linhas if linha and linha.strip()]

    def vocativo(self) -> str:
        """``Senhor Prefeito,`` from the addressee; '' when unknown or in the text."""
        if self._corpo_tem(VOCATIVOS, primeiro=True):
            return ""
        linhas = self.destinatarios()
        if not linhas:
            return ""
        excelencia = ENDERECAMENTO_EXCELENCIA.match(linhas[0])
        if excelencia:
            tratamento = excelencia.group(1).capitalize()
            cargo = linhas[2] if len(linhas) > 2 else ""
            return f"{tratamento} {cargo}," if cargo else f"{tratamento},"
        senhor = ENDERECAMENTO_SENHOR.match(linhas[0])
        if senhor:
            return f"{senhor.group(1).capitalize()} {senhor.group(2).rstrip(',.')},"
        return ""

    def assunto(self) -> str:
        """The document's description, else the process's especificação."""
        descricao = (getattr(self.documento, "description", None) or "").strip()
        return descricao or self.especificacao()

    def mostrar_assunto(self) -> bool:
        """Whether to print ``Assunto:`` (not when the text already has it)."""
        if not self.assunto():
            return False
        return not any(p.lower().startswith("assunto:") for p in self._paragrafos())

    def fecho(self) -> str:
        """``Respeitosamente,`` to an Excelência, else ``Atenciosamente,``.

        Empty when the text already ends with a closing.
        """
        if self._corpo_tem(FECHOS, primeiro=False):
            return ""
        linhas = self.destinatarios()
        if linhas and "excel" in linhas[0].lower():
            return RESPEITOSAMENTE
        return ATENCIOSAMENTE

    def interessados(self) -> list[str]:
        """Names of the document's interessados (else the process's)."""
        uids = getattr(self.documento, "interessados", None) or getattr(
            self.processo(), "interessados", None
        )
        nomes = []
        for uid in uids or ():
            contato = obter(uid)
            if contato is not None:
                nomes.append(getattr(contato, "nome", None) or contato.title or "")
        return [nome for nome in nomes if nome]

    # The text

    def pode_ler_conteudo(self) -> bool:
        if LEITURA_AUTORIZADA.get():
            return True
        return bool(api.user.has_permission(CONTEUDO, obj=self.documento))

    def corpo(self) -> str:
        """The rich text as (safe) HTML; '' to who may not read the content."""
        texto = getattr(self.documento, "texto", None)
        if texto is None or not self.pode_ler_conteudo():
            return ""
        from seimg.base.extensoes import limitar_extensoes

        return limitar_extensoes(texto.output or "")

    def corpo_xhtml(self, estilo: str | None = None) -> str:
        """The text as ODF, for ``do text`` / ``from view.corpo_xhtml()``.

        With ``estilo``, paragraphs outside tables and lists take that
        paragraph style of the template.
        """
        corpo = self.corpo()
        if not corpo.strip() or self.appy_renderer is None:
            return ""
        mapeamento = {"p[parent!=cell]": estilo} if estilo else {}
        return self.appy_renderer.renderXhtml(corpo, stylesMapping=mapeamento)

    def _paragrafos(self) -> list[str]:
        if not hasattr(self, "_paragrafos_cache"):
            self._paragrafos_cache = paragrafos(self.corpo())
        return self._paragrafos_cache

    def _corpo_tem(self, padrao: re.Pattern, primeiro: bool) -> bool:
        textos = self._paragrafos()
        if not textos:
            return False
        candidatos = textos[:4] if primeiro else textos[-2:]
        if primeiro:
            return any(padrao.match(t) and t.endswith(",") for t in candidatos)
        return any(padrao.match(t) for t in candidatos)

    # Signatures (seimg.assinatura.helper adds them; none here)

    def _assinaturas(self):
        return []

    def referencia(self) -> str:
        """``Referência: Processo nº 2101.02.0000001/2026-11 SEI nº 0000042``."""
        return f"Referência: Processo nº {self.nup()} SEI nº {self.numero_sei()}"
