"""Open-data rows and their CSV and JSON writers.

Rows are computed **as an anonymous visitor** (column A of the disclosure
table), one at a time: :func:`linhas_processos` (a search's results, or
processes) and :func:`linhas_documentos` (the documents a process lists to
the public). The columns are :mod:`.colunas`'s. Natural persons and
empresários individuais/MEI never appear: ``interessados_pj`` holds legal
persons only; CPFs in free text are masked and e-mail addresses left out.

Writers yield bytes a row at a time: :func:`csv_bytes` (UTF-8 with BOM,
``;``-separated, CRLF line ends as RFC 4180 and spreadsheets expect, ISO 8601
dates, no cell a spreadsheet would run as a formula) and :func:`json_bytes`
(``{"metadados": {…}, "processos": […]}``). :func:`responder` answers a
request with either, streamed from a temporary file: the rows read the
database while the request holds its connection, and the client then reads
the file (Zope closes the connection before it sends an iterator's bytes).
"""

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from plone.app.uuid.utils import uuidToObject
from seimg.divulgacao import api as divulgacao
from seimg.interfaces import IProcesso
from seimg.transparencia import api as transparencia
from seimg.transparencia.dados import colunas as C
import csv
import datetime
import io
import json
import os
import re
import tempfile


BOM = "\ufeff"
FIM_DE_LINHA = "\r\n"
FORMATOS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
_NOME_ARQUIVO = re.compile(r"[^A-Za-z0-9._-]+")


# --- helpers ---------------------------------------------------------------
def _titulo(uid) -> str:
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    return (getattr(item, "title", "") or "") if item is not None else ""


def _data(valor) -> str:
    """An ISO 8601 date in Brasília of a DateTime, datetime or date."""
    from seimg.base.brasil import em_brasilia

    if valor is None:
        return ""
    if hasattr(valor, "asdatetime"):
        valor = valor.asdatetime()
    if isinstance(valor, datetime.datetime):
        return em_brasilia(valor).date().isoformat()
    if isinstance(valor, datetime.date):
        return valor.isoformat()
    return str(valor)[:10]


def texto_livre(texto) -> str:
    """Free text as exports carry it: CPFs masked, e-mail addresses left out."""
    from seimg.base.dados_pessoais import texto_publico

    return texto_publico(texto or "")


def _portal_url() -> str:
    from plone import api

    return f"{api.portal.get().absolute_url()}/transparencia"


def url_processo(processo) -> str:
    """The process's public page (``/transparencia/processo/<NUP digits>``)."""
    return f"{_portal_url()}/processo/{transparencia.nup_na_url(processo.numero)}"


def url_documento(documento) -> str:
    """The document's public page (``/transparencia/documento/<número SEI>``)."""
    return f"{_portal_url()}/documento/{documento.numero_sei or ''}"


def url_pdf(documento) -> str:
    """The PDF of a readable document (sealed, or an external one's file)."""
    return f"{url_documento(documento)}/pdf"


def _processos(fonte) -> Iterator:
    """The process objects of a Resultado, ItemProcesso list, UIDs or processes."""
    for item in getattr(fonte, "itens", fonte):
        if isinstance(item, str):
            item = uuidToObject(item, unrestricted=True)
        elif not IProcesso.providedBy(item) and hasattr(item, "uid"):
            item = uuidToObject(item.uid, unrestricted=True)
        if item is not None and IProcesso.providedBy(item):
            yield item


def _publico(processo) -> bool:
    """Visitors may know of ``processo`` (call as anonymous)."""
    if divulgacao.processo_oculto(processo):
        return False
    orgao = transparencia.orgao_de(processo)
    return orgao is not None and transparencia.portal_ativo(orgao)


# --- interessados -----------------------------------------------------------
def _pessoa_juridica(contato) -> bool:
    """A legal person other than an empresário individual/MEI."""
    from seimg.tabelas.contato import JURIDICA

    return getattr(contato, "tipo_pessoa", None) == JURIDICA and not bool(
        getattr(contato, "empresario_individual", False)
    )


def interessados_pj(processo) -> str:
    """The legal-person interessados visitors may see, ``Nome (CNPJ …)``."""
    from seimg.tabelas import obter

    rotulos = []
    for interessado in divulgacao.interessados(processo):
        if not _pessoa_juridica(obter(interessado["UID"])):
            continue
        nome = texto_livre(interessado["nome"])
        documento = interessado["documento"]
        if not documento.startswith("CNPJ"):
            documento = ""
        rotulos.append(f"{nome} ({documento})" if documento else nome)
    return C.SEPARADOR.join(rotulos)


# --- rows --------------------------------------------------------------------
def _situacao(documento, linha) -> str:
    if linha.cancelado:
        return C.SITUACAO_CANCELADO.format(data=linha.cancelado_em)
    if linha.legivel:
        return C.SITUACAO_PUBLICO
    if linha.corte:
        return C.SITUACAO_CORTE
    hipotese = _titulo(getattr(documento, "hipotese_legal", None)) or _titulo(
        getattr(documento.aq_parent, "hipotese_legal", None)
    )
    if not hipotese:
        return C.SITUACAO_RESTRITO_SEM_HIPOTESE
    return C.SITUACAO_RESTRITO.format(hipotese=hipotese)


def _linhas_documentos(processo, url_de, url_pdf_de) -> list[dict]:
    """Rows of the documents of ``processo`` (call as anonymous)."""
    from seimg.exportacao import selecao

    linhas = []
    nup = processo.numero or ""
    for documento in selecao.arvore(processo):
        linha = transparencia.linha_documento(documento)
        if linha is None:
            continue
        pdf = ""
        if linha.legivel and (linha.assinado or linha.externo):
            pdf = url_pdf_de(documento)
        linhas.append(
            {
                "nup": nup,
                "numero_sei": linha.numero_sei,
                "tipo_documento": linha.tipo,
                "numero": texto_livre(getattr(documento, "numero", None)),
                "data": linha.data,
                "unidade": linha.unidade,
                "situacao": _situacao(documento, linha),
                "url": url_de(documento),
                "url_pdf": pdf,
            }
        )
    return linhas


def linhas_documentos(
    processo,
    url_de: Callable | None = None,
    url_pdf_de: Callable | None = None,
) -> Iterator[dict]:
    """The rows of the documents ``processo`` lists to anonymous visitors
    (none when visitors may not know of the process). ``url_de`` and
    ``url_pdf_de`` give a document's public addresses (default: the
    portal's, :func:`url_documento` and :func:`url_pdf`)."""
    with transparencia.como_anonimo():
        linhas = (
            _linhas_documentos(processo, url_de or url_documento, url_pdf_de or url_pdf)
            if _publico(processo)
            else []
        )
    yield from linhas


def _linha_processo(processo, url_de) -> dict:
    from seimg.nivel_acesso import niveis
    from seimg.tabelas import obter

    orgao = transparencia.orgao_de(processo)
    unidade = obter(getattr(processo, "unidade_geradora", None))
    nivel = divulgacao.nivel_exibido(processo)
    documentos = _linhas_documentos(processo, url_documento, url_pdf)
    return {
        "orgao_sigla": getattr(orgao, "sigla", "") or "",
        "orgao_nome": getattr(orgao, "nome", "") or orgao.Title(),
        "nup": processo.numero or "",
        "tipo_processo": _titulo(getattr(processo, "tipo_processo", None)),
        "especificacao": texto_livre(divulgacao.especificacao(processo)),
        "data_autuacao": _data(processo.created()),
        "unidade_geradora_sigla": unidade.sigla_completa()
        if unidade is not None and hasattr(unidade, "sigla_completa")
        else "",
        "unidade_geradora_nome": (
            getattr(unidade, "nome", "") or unidade.Title() if unidade else ""
        ),
        "nivel_acesso": C.NIVEL_PUBLICO
        if nivel == niveis.PUBLICO
        else C.NIVEL_RESTRITO,
        "interessados_pj": interessados_pj(processo),
        "quantidade_documentos": len(documentos),
        "url": url_de(processo),
    }


def linhas_processos(fonte, url_de: Callable | None = None) -> Iterator[dict]:
    """One row per process of ``fonte`` visitors may know of: a search's
    :class:`~seimg.pesquisa.api.Resultado` (as :func:`transparencia.todas`
    gives), its items, UIDs or process objects (the snapshots pass a lazy
    catalog walk). ``url_de`` gives a process's public address (default:
    the portal's, :func:`url_processo`). The security manager is anonymous
    only while a row is computed, never while the caller holds the
    generator."""
    url_de = url_de or url_processo
    for processo in _processos(fonte):
        with transparencia.como_anonimo():
            linha = _linha_processo(processo, url_de) if _publico(processo) else None
        if linha is not None:
            yield linha


# --- writers -----------------------------------------------------------------
def _csv_linha(valores) -> bytes:
    from seimg.pesquisa.api import celula_csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator=FIM_DE_LINHA).writerow(
        [celula_csv(v) for v in valores]
    )
    return buffer.getvalue().encode("utf-8")


def csv_bytes(linhas: Iterable[dict], colunas=C.PROCESSOS) -> Iterator[bytes]:
    """The rows as spreadsheets open them: the BOM and the header (column
    names) first, then a row at a time."""
    nomes = C.nomes(colunas)
    yield BOM.encode("utf-8") + _csv_linha(nomes)
    for linha in linhas:
        yield _csv_linha(linha.get(nome, "") for nome in nomes)


def criterios_publicos(criterios) -> dict:
    """The public search's criteria (a ``pesquisa.Criterios``) as JSON values."""
    if criterios is None:
        return {}
    if isinstance(criterios, dict):
        return criterios
    result = {}
    for nome in (
        "q",
        "tipo_processo",
        "tipo_documento",
        "assunto",
        "unidade",
        "orgao",
        "ano",
        "interessado",
        "de",
        "ate",
        "ordem",
    ):
        valor = getattr(criterios, nome, None)
        if isinstance(valor, datetime.date):
            valor = valor.isoformat()
        if valor not in (None, "", [], ()):
            result[nome] = list(valor) if isinstance(valor, tuple) else valor
    return result


def metadados(colunas, criterios=None, total: int | None = None, **extra) -> dict:
    """The ``metadados`` of a JSON export."""
    from seimg.base.brasil import em_brasilia

    agora = datetime.datetime.now(datetime.UTC)
    meta = {
        "gerado_em": em_brasilia(agora).replace(microsecond=0).isoformat(),
        "criterios": criterios_publicos(criterios),
        "total": total,
        "colunas": [
            {"nome": c.nome, "tipo": c.tipo, "significado": c.significado}
            for c in colunas
        ],
        **extra,
    }
    if total is None:
        del meta["total"]
    return meta


def _json(valor) -> bytes:
    return json.dumps(valor, ensure_ascii=False).encode("utf-8")


def json_bytes(
    linhas: Iterable[dict], meta: dict, chave: str = "processos"
) -> Iterator[bytes]:
    """``{"metadados": meta, chave: [rows]}``, a row at a time."""
    yield b'{"metadados": ' + _json(meta) + b", " + _json(chave) + b": ["
    primeira = True
    for linha in linhas:
        yield (b"\n" if primeira else b",\n") + _json(linha)
        primeira = False
    yield b"\n]}\n"


class FormatoDesconhecido(transparencia.NaoEncontrado, ValueError):
    """Neither CSV nor JSON (the portal answers 404, as for any unknown path)."""


def _bytes(linhas, formato, colunas, meta, chave) -> Iterator[bytes]:
    if formato == "csv":
        return csv_bytes(linhas, colunas)
    if formato == "json":
        return json_bytes(linhas, meta, chave)
    raise FormatoDesconhecido(formato)


def nome_seguro(nome: str, formato: str) -> str:
    """A file name safe in Content-Disposition (ASCII, no path)."""
    base = _NOME_ARQUIVO.sub("-", (nome or "").rsplit("/", 1)[-1]).strip(".-")
    base = base[:80] or "dados"
    sufixo = f".{formato}"
    return base if base.endswith(sufixo) else base + sufixo


def responder(
    request,
    linhas: Iterable[dict],
    formato: str,
    nome_arquivo: str,
    colunas=C.PROCESSOS,
    chave: str = "processos",
    criterios=None,
    total: int | None = None,
):
    """Answer ``request`` with the rows as a CSV or JSON download.

    Returns what the view returns: a ``filestream_iterator`` over a
    temporary file holding the export (written here, a row at a time, while
    the request's database connection is open; removed once sent), with
    Content-Type, Content-Length and Content-Disposition set. A ``formato``
    other than "csv" or "json" raises :class:`FormatoDesconhecido` (a
    ``NaoEncontrado``: 404). JSON: ``metadados`` with ``criterios`` (a
    ``pesquisa.Criterios`` or a dict) and ``total``, the number of rows in
    the file (counted here: the rows are bounded by the search's limit); when
    ``total`` (the search's count) is larger, it is kept as
    ``total_pesquisa`` (the export holds the first rows only).
    """
    if formato not in FORMATOS:
        raise FormatoDesconhecido(formato)
    meta = None
    if formato == "json":
        linhas = list(linhas)  # the count comes first
        extra = {}
        if total is not None and total > len(linhas):
            extra["total_pesquisa"] = total
        meta = metadados(colunas, criterios, len(linhas), **extra)
    return _responder_arquivo(
        request,
        _bytes(linhas, formato, colunas, meta, chave),
        FORMATOS[formato],
        nome_seguro(nome_arquivo, formato),
    )


def _responder_arquivo(request, partes, tipo: str, nome: str):
    from ZPublisher.Iterators import filestream_iterator

    descritor, caminho = tempfile.mkstemp(prefix="seimg-dados-")
    try:
        with os.fdopen(descritor, "wb") as arquivo:
            for parte in partes:
                arquivo.write(parte)
        iterador = filestream_iterator(caminho, "rb")
    finally:
        os.unlink(caminho)  # the open iterator keeps reading it
    return responder_iterador(request, iterador, tipo, nome)


def responder_iterador(request, iterador, tipo: str, nome: str):
    """Headers of a download of the open file ``iterador``; returns it."""
    tamanho = os.fstat(iterador.fileno()).st_size
    response = request.response
    response.setHeader("Content-Type", tipo)
    response.setHeader("Content-Length", str(tamanho))
    response.setHeader("Content-Disposition", f'attachment; filename="{nome}"')
    response.setHeader("X-Content-Type-Options", "nosniff")
    return iterador
