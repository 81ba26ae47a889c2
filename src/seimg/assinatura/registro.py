"""The signatures of a document: the record kept on it, read and checked.

The annotation ``seimg.assinatura`` of a document holds a :class:`Registro`
(see :mod:`seimg.assinatura.api` for its fields); :func:`registro`,
:func:`assinaturas`, :func:`codigo_verificador`, :func:`crc`,
:func:`verificar` and :func:`pagina` read it. Signing and cancelling, which
write it, are :mod:`.api`.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from seimg.assinatura import renderizacao
from seimg.assinatura import tarjas
from seimg.interfaces import IDataPublicacao
from seimg.interfaces import IDocumentoBase
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer


ANNOTATION_KEY = "seimg.assinatura"
METODO_SENHA = "senha"
RENDERIZACAO = "renderizacao"
ARQUIVO = "arquivo"


@dataclass(frozen=True)
class Assinatura:
    userid: str
    nome: str
    cpf: str
    cargo: str
    unidade_uid: str
    unidade_sigla: str
    data: datetime  # UTC, aware
    metodo: str
    sha256: str
    tarja: str = ""

    @property
    def data_brasilia(self) -> datetime:
        return tarjas.em_brasilia(self.data)

    def json(self) -> dict:
        return {
            "userid": self.userid,
            "nome": self.nome,
            "cpf": self.cpf,
            "cargo": self.cargo,
            "unidade_uid": self.unidade_uid,
            "unidade_sigla": self.unidade_sigla,
            "data": self.data.isoformat(),
            "data_brasilia": self.data_brasilia.strftime("%d/%m/%Y %H:%M"),
            "metodo": self.metodo,
            "sha256": self.sha256,
            "tarja": self.tarja,
        }


@dataclass(frozen=True)
class Registro:
    tipo: str  # "renderizacao" or "arquivo"
    html: str | None
    conteudo: str | None
    sha256: str
    sha256_conteudo: str
    crc: str
    congelado_em: datetime
    assinaturas: list[Assinatura] = field(default_factory=list)


def _store(documento, criar: bool = False):
    annotations = IAnnotations(documento)
    dados = annotations.get(ANNOTATION_KEY)
    if dados is None and criar:
        dados = annotations[ANNOTATION_KEY] = PersistentMapping()
        dados["assinaturas"] = PersistentList()
    return dados


def _assinatura(dados: dict) -> Assinatura:
    return Assinatura(**dados)


def registro(documento) -> Registro | None:
    """The signature record of ``documento``, or None when nobody signed it."""
    dados = _store(documento)
    if not dados or not dados.get("assinaturas"):
        return None
    return Registro(
        tipo=dados.get("tipo", RENDERIZACAO),
        html=dados.get("html"),
        conteudo=dados.get("conteudo"),
        sha256=dados["sha256"],
        sha256_conteudo=dados["sha256_conteudo"],
        crc=dados["crc"],
        congelado_em=dados["congelado_em"],
        assinaturas=[_assinatura(a) for a in dados["assinaturas"]],
    )


def assinaturas(documento) -> list[Assinatura]:
    reg = registro(documento)
    return reg.assinaturas if reg is not None else []


def codigo_verificador(documento) -> str:
    return documento.numero_sei or ""


def crc(documento) -> str | None:
    """The CRC of the signed rendering (of the file, for external documents)."""
    reg = registro(documento)
    return reg.crc if reg is not None else None


def verificar(documento) -> bool:
    """Recompute the sums of what is stored and compare them (tamper check)."""
    reg = registro(documento)
    if reg is None:
        return False
    if reg.tipo == ARQUIVO:
        arquivo = getattr(documento, "arquivo", None)
        if arquivo is None:
            return False
        sha, soma = renderizacao.somas_de_arquivo(arquivo)
        return (
            sha == reg.sha256
            and soma == reg.crc
            and all(a.sha256 == sha for a in reg.assinaturas)
        )
    if not reg.html or not reg.conteudo:
        return False
    return (
        renderizacao.sha256(reg.html) == reg.sha256
        and renderizacao.crc32(reg.html) == reg.crc
        and renderizacao.sha256(reg.conteudo) == reg.sha256_conteudo
        and reg.conteudo in reg.html
        and all(a.sha256 == reg.sha256_conteudo for a in reg.assinaturas)
    )


def pagina(documento) -> str | None:
    """The frozen rendering followed by the validation stamp (for display)."""
    reg = registro(documento)
    if reg is None or not reg.html:
        return None
    orgao = renderizacao.orgao_do_documento(documento)
    carimbo = tarjas.carimbo_autenticidade(
        orgao, codigo_verificador(documento), reg.crc
    )
    return reg.html + carimbo


# Who may sign


@implementer(IDataPublicacao)
@adapter(IDocumentoBase)
class DataPublicacao:
    """When a document became public, for the disclosure rules' data de corte:
    its first signature, or the registration of an external document."""

    def __init__(self, context):
        self.context = context

    @property
    def data(self):
        if self.context.portal_type == "DocumentoExterno":
            # public from its registration (an authentication comes later)
            criado = self.context.created()
            if criado is not None:
                return tarjas.em_brasilia(criado.asdatetime()).date()
        lista = assinaturas(self.context)
        if lista:
            return tarjas.em_brasilia(min(a.data for a in lista)).date()
        return None
