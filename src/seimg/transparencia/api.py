"""The public portal's API: what anonymous visitors find and read.

Every public surface (pages, ``@transparencia`` REST, open data) calls this
module, and this module answers **as an anonymous visitor** whoever asks
(:func:`como_anonimo`): a logged-in staff member browsing the portal sees the
portal, never more. What a visitor may see of each process and document is
the disclosure table's column A (:mod:`seimg.divulgacao`); search is the
Pesquisa API (:mod:`seimg.pesquisa.api`); the órgão's own settings (portal on
or off, its texts, the data de corte) live on the Órgão (fieldset
"Transparência").

- :func:`orgaos` / :func:`orgao` — the órgãos in the portal;
- :func:`ler_criterios` / :func:`pesquisar` — the public search;
- :func:`processo_por_numero` / :func:`documento_por_numero` — an object
  named by its NUP or número SEI, if visitors may know of it;
- :func:`ficha_processo` / :func:`ficha_documento` — what the public pages
  show of one process or document;
- :func:`antes_do_corte` — listed with a marker, neither searchable nor
  openable.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from Acquisition import aq_inner
from Acquisition import aq_parent
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from plone import api
from seimg import _
from seimg.base.erros import InvalidInput
from seimg.divulgacao import api as divulgacao
from seimg.divulgacao import tabela
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.pesquisa import api as pesquisa
import datetime
import re


#: Results per page on the public search, and the most a client may ask.
TAMANHO = 20
MAX_TAMANHO = 50
#: Rows one open-data export may hold (refine the search for more).
MAX_EXPORTACAO = 5000


class NaoEncontrado(Exception):
    """Nothing public answers to this name (404, same shape as any unknown)."""


# --- the visitor ---------------------------------------------------------
@contextmanager
def como_anonimo():
    """Run the block as an anonymous visitor, whoever is logged in."""
    anterior = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(anterior)


# --- órgãos --------------------------------------------------------------
def _todos_orgaos() -> list:
    """Every órgão, by name (once per request: a search asks two or three
    times)."""
    from seimg.base.pedido import memo

    guardado = memo("seimg.transparencia.orgaos")
    if "todos" not in guardado:
        catalogo = api.portal.get_tool("portal_catalog")
        result = []
        for brain in catalogo.unrestrictedSearchResults(
            portal_type="Orgao", sort_on="sortable_title"
        ):
            obj = brain._unrestrictedGetObject()
            if obj is not None:
                result.append(obj)
        guardado["todos"] = result
    return list(guardado["todos"])


def portal_ativo(orgao) -> bool:
    return getattr(orgao, "portal_ativo", True) is not False


def orgaos() -> list:
    """The órgãos whose portal is on, by name."""
    return [o for o in _todos_orgaos() if portal_ativo(o)]


def orgao(ident: str):
    """The órgão named by its id, sigla (any case) or UID; NaoEncontrado when
    unknown or its portal is off."""
    ident = (ident or "").strip()
    if not ident or len(ident) > 64:
        raise NaoEncontrado(ident)
    for item in orgaos():
        if ident in (item.getId(), item.UID()) or (
            (getattr(item, "sigla", "") or "").lower() == ident.lower()
        ):
            return item
    raise NaoEncontrado(ident)


def orgao_de(obj):
    """The órgão of a process or document (its unidade geradora's)."""
    from seimg.tabelas import obter

    for item in (obj, aq_parent(aq_inner(obj))):
        if IProcesso.providedBy(item):
            unidade = obter(getattr(item, "unidade_geradora", None))
            return aq_parent(aq_inner(unidade)) if unidade is not None else None
    return None


# --- data de corte -------------------------------------------------------
#: The disclosure rules' (A only): :func:`seimg.divulgacao.api.antes_do_corte`.
antes_do_corte = divulgacao.antes_do_corte
data_publicacao = divulgacao.data_publicacao


# --- search --------------------------------------------------------------
def _erro(campo: str, mensagem) -> InvalidInput:
    return InvalidInput([(campo, mensagem)])


_INTEIRO = re.compile(r"[0-9]+")


def _grande(digitos: str) -> bool:
    """Whether ASCII ``digitos`` name more than :data:`MAX_TAMANHO`."""
    digitos = digitos.lstrip("0")
    return len(digitos) > 6 or int(digitos or "0") > MAX_TAMANHO


def _erro_tamanho() -> InvalidInput:
    return _erro(
        "b_size",
        _(
            "transparencia_tamanho",
            default="No máximo ${maximo} resultados por página.",
            mapping={"maximo": MAX_TAMANHO},
        ),
    )


#: The staff search's criteria that make no sense for visitors.
_SO_SERVIDORES = ("tramitacao", "nivel")


def ler_criterios(form, orgao_=None) -> pesquisa.Criterios:
    """The public search's criteria in ``form``, checked (InvalidInput names
    every problem, in Portuguese). ``orgao_`` (an Órgão) restricts the search
    to it, whatever the form says."""
    form = dict(form)
    for nome in _SO_SERVIDORES:
        if form.get(nome):
            raise _erro(
                nome,
                _(
                    "transparencia_criterio_interno",
                    default="Critério disponível apenas para servidores.",
                ),
            )
        form.pop(nome, None)
    tamanho = form.get("b_size")
    # ASCII digits only: "²".isdigit() is True and int("²") fails, and int()
    # refuses strings of more than 4,300 digits (both were a 500).
    digitos = tamanho.strip() if isinstance(tamanho, str) else ""
    if _INTEIRO.fullmatch(digitos) and _grande(digitos):
        raise _erro_tamanho()
    orgaos_form = form.get("orgao")
    if orgaos_form:
        valores = (
            orgaos_form if isinstance(orgaos_form, (list, tuple)) else [orgaos_form]
        )
        # an empty value is "every órgão" (orgao:list= from a form), as
        # every other parameter's; a value that is not text is bad input
        valores = [v for v in valores if v not in ("", None)]
        if not all(isinstance(v, str) for v in valores):
            raise _erro(
                "orgao",
                _(
                    "transparencia_orgao_tipo",
                    default="Wrong data type: expected text.",
                ),
            )
        uids = []
        for valor in valores:
            try:
                uids.append(orgao(valor).UID())
            except NaoEncontrado:
                raise _erro(
                    "orgao",
                    _(
                        "transparencia_orgao_desconhecido",
                        default="Órgão desconhecido.",
                    ),
                ) from None
        form["orgao"] = uids
    criterios = pesquisa.ler_criterios(form)
    if "b_size" not in form:
        criterios.b_size = TAMANHO
    elif criterios.b_size > MAX_TAMANHO:  # e.g. digits of other scripts
        raise _erro_tamanho()
    if orgao_ is not None:
        criterios.orgao = [orgao_.UID()]
    else:
        ativos = {o.UID() for o in orgaos()}
        if criterios.orgao:
            criterios.orgao = [uid for uid in criterios.orgao if uid in ativos]
        elif len(ativos) != len(_todos_orgaos()):
            criterios.orgao = sorted(ativos)
    return criterios


def _nenhum_orgao(criterios: pesquisa.Criterios) -> bool:
    """No órgão filter because no órgão has its portal on: an empty filter
    would search them all."""
    return not criterios.orgao and not orgaos()


def pesquisar(criterios: pesquisa.Criterios) -> pesquisa.Resultado:
    """The public search: the Pesquisa API as an anonymous visitor."""
    if _nenhum_orgao(criterios):
        return pesquisa.Resultado(criterios=criterios)
    with como_anonimo():
        return pesquisa.pesquisar(criterios)


def todas(criterios: pesquisa.Criterios, limite: int = MAX_EXPORTACAO):
    """Every result of ``criterios`` up to ``limite`` (open-data exports)."""
    if _nenhum_orgao(criterios):
        return pesquisa.Resultado(criterios=criterios)
    with como_anonimo():
        return pesquisa.todas(criterios, limite=limite)


# --- one object ----------------------------------------------------------
_DIGITOS = re.compile(r"\D")


def _visivel(obj) -> bool:
    if obj is None or divulgacao.oculto(obj):
        return False
    orgao_ = orgao_de(obj)
    return orgao_ is not None and portal_ativo(orgao_)


def processo_por_numero(numero: str):
    """The process whose NUP (any format) is ``numero``; NaoEncontrado when
    none, or when visitors may not know of it."""
    with como_anonimo():
        alvo = _por_numero(numero)
        if alvo is None or not IProcesso.providedBy(alvo):
            raise NaoEncontrado(numero)
        return alvo


def documento_por_numero(numero: str):
    """The document whose número SEI is ``numero``; NaoEncontrado when none,
    or when visitors may not know of it."""
    with como_anonimo():
        alvo = _por_numero(numero)
        if alvo is None or not IDocumentoBase.providedBy(alvo):
            raise NaoEncontrado(numero)
        return alvo


def _por_numero(numero: str):
    texto = (numero or "").strip()[:64]
    if not texto or not _DIGITOS.sub("", texto):
        return None
    alvo = pesquisa.abrir_direto(texto, abrir=False)
    return alvo if _visivel(alvo) else None


def nup_na_url(numero: str | None) -> str:
    """A NUP as it goes in the portal's URLs: its digits."""
    return _DIGITOS.sub("", numero or "")


# --- pages ---------------------------------------------------------------
def texto_publico(texto) -> str:
    """Free text as visitors read it in listings: CPF-shaped numbers masked,
    e-mail addresses left out (names, external documents' numbers and file
    names are typed by people; the open data does the same)."""
    from seimg.base.dados_pessoais import texto_publico as publico

    return publico(texto or "")


@dataclass
class LinhaDocumento:
    """A document's row on the public process page."""

    uid: str
    numero_sei: str
    tipo: str
    titulo: str
    data: str  # ISO date: first signature, or registration
    unidade: str
    forma: str  # tabela.VE, tabela.LISTA
    cancelado: bool = False
    cancelado_em: str = ""
    restrito: str = ""  # "Acesso restrito — <hipótese>" (lst rows)
    corte: bool = False  # before the data de corte: listed, not openable
    legivel: bool = False  # the visitor may open it
    assinado: bool = False
    externo: bool = False


@dataclass
class FichaProcesso:
    processo: object
    nup: str
    tipo: str
    data_autuacao: str
    orgao: str
    orgao_id: str
    unidade: str
    especificacao: str | None
    interessados: list = field(default_factory=list)
    documentos: list = field(default_factory=list)
    andamentos: list = field(default_factory=list)
    nivel: str = ""


@dataclass
class LinhaAndamento:
    data: str  # ISO 8601, Brasília
    unidade: str
    descricao: str


def _titulo_tabela(uid) -> str:
    from seimg.tabelas import obter

    item = obter(uid)
    return (getattr(item, "title", "") or "") if item is not None else ""


def _unidade(uid) -> tuple[str, str]:
    """(sigla, nome) of a unit."""
    from seimg.tabelas import obter

    unidade = obter(uid)
    if unidade is None:
        return "", ""
    sigla = unidade.sigla_completa() if hasattr(unidade, "sigla_completa") else ""
    return sigla, getattr(unidade, "nome", "") or unidade.title or ""


def _data(valor) -> str:
    from seimg.base.brasil import em_brasilia

    if valor is None:
        return ""
    if hasattr(valor, "asdatetime"):
        valor = valor.asdatetime()
    if isinstance(valor, datetime.datetime):
        return em_brasilia(valor).date().isoformat()
    return valor.isoformat() if isinstance(valor, datetime.date) else str(valor)


def _momento(valor) -> str:
    from seimg.base.brasil import em_brasilia

    if valor is None:
        return ""
    if hasattr(valor, "asdatetime"):
        valor = valor.asdatetime()
    return em_brasilia(valor).replace(microsecond=0).isoformat()


def linha_documento(documento, forma: str | None = None) -> LinhaDocumento | None:
    """A document's public row (call as anonymous); None when hidden."""
    from seimg.assinatura import registro

    if forma is None:
        forma = divulgacao.forma_na_lista(documento)
    if forma == tabela.NADA:
        return None
    estado = api.content.get_state(documento, default="")
    if estado == "minuta":
        return None  # never public (the table's row: G only)
    cancelado = estado == "cancelado"
    legivel = forma == tabela.VE and not cancelado
    assinado = bool(registro.assinaturas(documento))
    publicado = divulgacao.data_publicacao(documento)
    return LinhaDocumento(
        uid=documento.UID(),
        numero_sei=documento.numero_sei or "",
        tipo=_titulo_tabela(getattr(documento, "tipo_documento", None)),
        # a cancelled row is "cancelado em <data>", not "Acesso restrito": its
        # type and number (the lst row; its andamento names it so too)
        titulo=texto_publico(documento.Title())
        if legivel or cancelado
        else divulgacao.rotulo_restrito(documento),
        data=publicado.isoformat() if publicado else _data(documento.created()),
        unidade=_unidade(getattr(documento, "unidade_geradora", None))[0],
        forma=forma,
        cancelado=cancelado,
        cancelado_em=_data(getattr(documento, "data_cancelamento", None))
        if cancelado
        else "",
        restrito="" if legivel or cancelado else divulgacao.rotulo_restrito(documento),
        corte=not legivel and not cancelado and divulgacao.antes_do_corte(documento),
        legivel=legivel,
        assinado=assinado,
        externo=documento.portal_type == "DocumentoExterno",
    )


def ficha_processo(processo) -> FichaProcesso:
    """What the public process page shows; NaoEncontrado when visitors may
    not know of the process (sigiloso, unknown, or its órgão's portal off)."""
    from seimg.andamentos import visiveis
    from seimg.exportacao import selecao

    with como_anonimo():
        if (
            processo is None
            or not IProcesso.providedBy(processo)
            or not _visivel(processo)
        ):
            raise NaoEncontrado("")
        orgao_ = orgao_de(processo)
        linhas = []
        for documento in selecao.arvore(processo):
            linha = linha_documento(documento)
            if linha is not None:
                linhas.append(linha)
        andamentos, _completo = visiveis.visiveis(processo, resumido=True)
        historico = [
            LinhaAndamento(
                data=_momento(a.data),
                unidade=a.unidade_sigla or "",
                descricao=visiveis.descrever_andamento(a, completo=False),
            )
            for a in andamentos
        ]
        return FichaProcesso(
            processo=processo,
            nup=processo.numero or "",
            tipo=_titulo_tabela(getattr(processo, "tipo_processo", None)),
            data_autuacao=_data(processo.created()),
            orgao=getattr(orgao_, "nome", "") or "",
            orgao_id=orgao_.getId() if orgao_ is not None else "",
            unidade="{} — {}".format(
                *_unidade(getattr(processo, "unidade_geradora", None))
            ).strip(" —"),
            especificacao=divulgacao.especificacao(processo),
            interessados=[
                divulgacao.rotulo({**i, "nome": texto_publico(i["nome"])})
                for i in divulgacao.interessados(processo)
            ],
            documentos=linhas,
            andamentos=historico,
            nivel=divulgacao.nivel_exibido(processo),
        )


@dataclass
class FichaDocumento:
    documento: object
    processo: object
    linha: LinhaDocumento
    nup: str
    html: str = ""  # the signed (frozen) rendering, when readable
    assinaturas: list = field(default_factory=list)  # {"nome","cargo","data"}
    crc: str = ""
    arquivo: str = ""  # an external document's file name, when readable


def ficha_documento(documento) -> FichaDocumento:
    """What the public document page shows (the row always; the content,
    signatures and CRC only when the visitor may read it); NaoEncontrado
    when visitors may not know of the document."""
    from seimg.assinatura import registro

    with como_anonimo():
        if (
            documento is None
            or not IDocumentoBase.providedBy(documento)
            or not _visivel(documento)
        ):
            raise NaoEncontrado("")
        linha = linha_documento(documento)
        if linha is None:
            raise NaoEncontrado("")
        processo = aq_parent(aq_inner(documento))
        ficha = FichaDocumento(
            documento=documento, processo=processo, linha=linha, nup=processo.numero
        )
        if not linha.legivel:
            return ficha
        reg = registro.registro(documento)
        if reg is not None:
            ficha.html = reg.html or ""
            ficha.crc = reg.crc or ""
            ficha.assinaturas = [
                {
                    "nome": a.nome,
                    "cargo": a.cargo,
                    "data": a.data_brasilia.replace(microsecond=0).isoformat(),
                }
                for a in reg.assinaturas
            ]
        arquivo = getattr(documento, "arquivo", None) or getattr(
            documento, "file", None
        )
        if linha.externo and arquivo is not None:
            ficha.arquivo = texto_publico(getattr(arquivo, "filename", "") or "")
        return ficha


def url_autenticidade(ficha: FichaDocumento) -> str:
    """The authenticity check of a readable signed document (never for
    restricted rows: a CRC lets anyone confirm guesses about the content)."""
    if not (ficha.linha.legivel and ficha.crc and ficha.linha.numero_sei):
        return ""
    from urllib.parse import urlencode

    portal = api.portal.get()
    consulta = urlencode({"cv": ficha.linha.numero_sei, "crc": ficha.crc})
    return f"{portal.absolute_url()}/@@conferir-autenticidade?{consulta}"
