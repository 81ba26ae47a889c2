"""What seimg's search indexes of a process or a document (issue 18).

Each object becomes entries (:class:`seimg.pesquisa.motor.Entrada`), one
per piece that one set of viewers may read, named after the disclosure
table's rows (:mod:`seimg.divulgacao.tabela`):

process
    ``existencia`` (tipo; its NUP and the filters as keys), ``assuntos``
    (read as the especificação is: not in the table's existence row),
    ``especificacao``, ``interessados_pj`` (legal persons' names),
    ``interessados_pf`` (natural persons and MEI: their exact names as keys
    only, never words: no autocompletion of people), ``obs:<unit>`` and
    ``anot:<unit>`` (a unit's observações and anotação);
document
    ``linha`` (its row: tipo, número SEI, number; a minuta's row is a
    minuta's), ``cabecalho`` (number/name, addressees, sender) and
    ``conteudo`` (the body: the frozen rendering once signed, an upload's
    extracted or recognised text) — content only while it can be read
    (never of a cancelled document).

``leitores`` are the viewer classes whose cell shows the row at the
object's level; conditions that depend on the viewer (the generating unit,
the writing unit) are kept in ``condicoes`` and checked by the API with the
live object. CPF-shaped numbers with valid digits never become words: they
are kept as ``cpf:`` keys, which anonymous queries never look up.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from seimg.base.dados_pessoais import cpfs
from seimg.base.dados_pessoais import sem_cpfs
from seimg.base.dados_pessoais import sem_emails
from seimg.divulgacao import api as divulgacao
from seimg.divulgacao import tabela
from seimg.pesquisa import analise
from seimg.pesquisa import numeros
from seimg.pesquisa.motor import Entrada
import hashlib


#: Text kept per entry for snippets and phrases (characters).
MAX_TEXTO = 500_000

PESO_TITULO = 4.0
PESO_METADADO = 2.0
PESO_CORPO = 1.0

#: Keys (filters), kept out of the lexicon.
TIPO_PROCESSO = "tp:"
TIPO_DOCUMENTO = "td:"
ASSUNTO = "as:"
UNIDADE = "un:"
ORGAO = "og:"
TRAMITOU = "tr:"
ANO = "ano:"
NIVEL = "nv:"
PESSOA = "pessoa:"
CPF = "cpf:"
#: An interessado's contato (UID): which processes to re-index when it
#: changes. Never looked up by a query.
CONTATO = "ct:"
PROCESSO = "processo"
DOCUMENTO = "documento"
TIPO = "tipo:"


def leitores(campo: str, nivel: str, **condicoes) -> frozenset:
    """Viewer classes whose cell lets ``campo`` match at ``nivel``.

    Conditions on the viewer (generating unit, writing unit) are taken as
    met here and checked again, live, by the search API.
    """
    aceitos = (tabela.VE, tabela.LISTA) if campo in _LINHAS else (tabela.VE,)
    condicoes = {
        tabela.GERADORA_DO_DOCUMENTO: True,
        tabela.ESCREVEU: True,
        **condicoes,
    }
    return frozenset(
        leitor
        for leitor in tabela.LEITORES
        if tabela.celula(campo, nivel, leitor, **condicoes) in aceitos
    )


# Rows whose listed form (lst) still shows what they index: type and numbers.
_LINHAS = (tabela.LISTA_DOCUMENTOS, tabela.CANCELADO)


def pessoa(nome: str) -> str:
    """The key of a person's exact name (folded, spaces collapsed)."""
    return PESSOA + " ".join(analise.palavras(nome))


def _titulo(uid) -> str:
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    return (item.title or "") if item is not None else ""


def _uid_de(obj) -> str:
    """The UID, read once per object and indexing (plone.app.multilingual
    makes ``UID()`` a few adapter look-ups; an object has several entries)."""
    cache = obj.__dict__.get("_v_seimg_uid")
    if cache is None:
        cache = obj.UID()
        obj._v_seimg_uid = cache
    return cache


def _alvo(obj) -> tuple:
    return (aq_parent(aq_inner(obj)).getPhysicalPath(), aq_base(obj))


def _impressao(*partes) -> str:
    h = hashlib.blake2b(digest_size=12)
    for parte in partes:
        h.update((parte or "").encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _palavras(texto: str, anteriores=None) -> dict:
    """Stems, forms, CPF keys and the kept text of ``texto``."""
    texto = (texto or "")[:MAX_TEXTO]
    chaves = {CPF + c for c in cpfs(texto)}
    limpo = sem_cpfs(texto) if chaves else texto
    termos = analise.analisar(limpo)
    return {
        "radicais": tuple(t.radical for t in termos),
        "formas": tuple(t.forma for t in termos),
        "chaves": chaves,
        "texto": limpo,
    }


def _entrada(chave, obj, processo, campo, nivel, texto, peso, chaves=(), **extra):
    condicoes = extra.pop("condicoes", {})
    cond_tabela = {k: v for k, v in condicoes.items() if k in _CONDICOES_TABELA}
    quem = leitores(campo, nivel, **cond_tabela)
    if tabela.ANONIMO in quem:
        # e-mail never for the public (the table): not even findable
        texto = sem_emails(texto)
    palavras = _palavras(texto)
    return Entrada(
        chave=chave,
        objeto=_uid_de(obj),
        processo=_uid_de(processo),
        campo=campo,
        leitores=quem,
        condicoes=condicoes,
        peso=peso,
        radicais=palavras["radicais"],
        formas=palavras["formas"],
        chaves=frozenset(set(chaves) | palavras["chaves"]),
        texto=palavras["texto"],
        fonte=extra.pop("fonte", ""),
        dados=extra.pop("dados", {}),
        alvo=_alvo(obj),
    )


_CONDICOES_TABELA = (tabela.INTERESSADOS_PUBLICOS,)


# --- processes -------------------------------------------------------------
def _data(obj):
    data = obj.created()
    return data.asdatetime().date().isoformat() if data is not None else ""


def _fisica(contato) -> bool:
    from seimg.tabelas.contato import FISICA

    return getattr(contato, "tipo_pessoa", FISICA) == FISICA or bool(
        getattr(contato, "empresario_individual", False)
    )


def dados_processo(processo) -> dict:
    """Sort and facet values of a process (its existence row: who may find
    the process may see them)."""
    data = _data(processo)
    criado = processo.created()
    return {
        "data": data,
        "momento": criado.asdatetime().isoformat() if criado is not None else "",
        "ano": data[:4],
        "tipo": getattr(processo, "tipo_processo", None) or "",
        "unidade": getattr(processo, "unidade_geradora", None) or "",
        "orgao": divulgacao.orgao_do_processo(processo) or "",
    }


def _chaves_processo(processo, dados: dict) -> set:
    from seimg.processos import tramite

    chaves = set(numeros.chaves_nup(getattr(processo, "numero", None) or ""))
    chaves |= {PROCESSO, ANO + dados["ano"], TIPO_PROCESSO + dados["tipo"]}
    chaves |= {UNIDADE + dados["unidade"], ORGAO + dados["orgao"]}
    chaves |= {CONTATO + uid for uid in getattr(processo, "interessados", None) or ()}
    unidades = set(tramite.unidades_com_acesso(processo)) | {dados["unidade"]}
    chaves |= {TRAMITOU + uid for uid in unidades if uid}
    chaves.add(NIVEL + (getattr(processo, "nivel_efetivo", None) or "publico"))
    return chaves


def entradas_processo(processo) -> list[Entrada]:
    from seimg.tabelas import obter

    nivel = divulgacao.nivel(processo)
    dados = dados_processo(processo)
    palavras = [_titulo(getattr(processo, "tipo_processo", None))]
    assuntos = list(getattr(processo, "assuntos", None) or ())
    entradas = [
        _entrada(
            "existencia",
            processo,
            processo,
            tabela.EXISTENCIA,
            nivel,
            " ".join(palavras),
            PESO_METADADO,
            _chaves_processo(processo, dados),
            dados=dados,
        ),
        _entrada(
            "especificacao",
            processo,
            processo,
            tabela.ESPECIFICACAO,
            nivel,
            getattr(processo, "especificacao", None) or "",
            PESO_TITULO,
        ),
    ]
    if assuntos:
        # The classification may itself say what the process is about
        # ("processo disciplinar"): read as the especificação is.
        entradas.append(
            _entrada(
                "assuntos",
                processo,
                processo,
                tabela.ESPECIFICACAO,
                nivel,
                " ".join(_titulo(uid) for uid in assuntos),
                PESO_METADADO,
                {ASSUNTO + uid for uid in assuntos},
            )
        )
    tipo = obter(getattr(processo, "tipo_processo", None))
    publicos = bool(getattr(tipo, "interessados_publicos", False))
    juridicas, fisicas = [], []
    for uid in getattr(processo, "interessados", None) or ():
        contato = obter(uid)
        if contato is None:
            continue
        nome = getattr(contato, "nome", None) or contato.title or ""
        (fisicas if _fisica(contato) else juridicas).append(nome)
    if juridicas:
        entradas.append(
            _entrada(
                "interessados_pj",
                processo,
                processo,
                tabela.INTERESSADO_PJ,
                nivel,
                " ".join(juridicas),
                PESO_METADADO,
                {pessoa(n) for n in juridicas},
            )
        )
    if fisicas:
        # Exact names only: no words of people's names in the lexicon.
        entradas.append(
            _entrada(
                "interessados_pf",
                processo,
                processo,
                tabela.INTERESSADO_PF,
                nivel,
                "",
                PESO_METADADO,
                {pessoa(n) for n in fisicas},
                condicoes={tabela.INTERESSADOS_PUBLICOS: publicos},
            )
        )
    for unidade, texto in sorted(
        (getattr(processo, "_observacoes", None) or {}).items()
    ):
        entradas.append(_nota("obs:", processo, nivel, unidade, texto))
    from zope.annotation.interfaces import IAnnotations

    notas = IAnnotations(processo).get("seimg.anotacoes") or {}
    for unidade, nota in sorted(notas.items()):
        entradas.append(_nota("anot:", processo, nivel, unidade, nota.texto))
    return entradas


def _nota(prefixo, processo, nivel, unidade, texto) -> Entrada:
    return _entrada(
        prefixo + unidade,
        processo,
        processo,
        tabela.OBSERVACOES,
        nivel,
        texto or "",
        PESO_CORPO,
        condicoes={"unidade": unidade},
    )


# --- documents -------------------------------------------------------------
def _html_texto(html: str) -> str:
    """The words of an HTML fragment (lxml; blocks separated)."""
    if not html or not html.strip():
        return ""
    import lxml.html

    try:
        raiz = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return ""
    for lixo in raiz.xpath("//script|//style"):
        lixo.drop_tree()
    return " ".join(" ".join(raiz.itertext()).split())


def _fonte_interna(documento) -> tuple[str, object]:
    """(fingerprint, a function giving the text) of an internal document:
    the frozen rendering once signed, else the current text."""
    from seimg.assinatura.registro import registro

    reg = registro(documento)
    if reg is not None and getattr(reg, "html", None):
        html = reg.html
    else:
        texto = getattr(documento, "texto", None)
        html = getattr(texto, "raw", "") or "" if texto is not None else ""
    return _impressao("html", html), lambda: _html_texto(html)


def _fonte_externa(documento) -> tuple[str, object, bool]:
    try:
        from seimg.pesquisa import arquivos
    except ImportError:  # pragma: no cover — during development only
        return "", lambda: "", False
    texto, ocr = arquivos.texto(documento)
    return _impressao("arquivo", texto, str(ocr)), lambda: texto, ocr


def nivel_conteudo(documento) -> str:
    from seimg.nivel_acesso import niveis

    nivel_doc = getattr(documento, "nivel_acesso", None)
    if nivel_doc in (niveis.RESTRITO, niveis.SIGILOSO):
        return tabela.CONTEUDO_RESTRITO
    return tabela.CONTEUDO_PUBLICO


def entradas_documento(documento, anteriores=None) -> list[Entrada]:
    """The entries of ``documento``; ``anteriores`` (its stored entries, by
    key) spare the analysis of a body whose source did not change."""
    processo = aq_parent(aq_inner(documento))
    nivel = divulgacao.nivel(processo)
    estado = api.content.get_state(documento, default=None)
    data = _data(documento)
    dados = {
        "data": data,
        "ano": data[:4],
        "tipo": getattr(documento, "tipo_documento", None) or "",
        "unidade": getattr(documento, "unidade_geradora", None) or "",
    }
    chaves = set(numeros.chaves_numero_sei(getattr(documento, "numero_sei", None)))
    chaves |= numeros.chaves_numero_tipo(getattr(documento, "numero_formatado", None))
    chaves |= {DOCUMENTO, TIPO_DOCUMENTO + dados["tipo"]}
    if estado == "minuta":
        campo_linha = campo_conteudo = tabela.MINUTA
    elif estado == "cancelado":
        campo_linha, campo_conteudo = tabela.CANCELADO, None
    else:
        campo_linha, campo_conteudo = tabela.LISTA_DOCUMENTOS, nivel_conteudo(documento)
    entradas = [
        _entrada(
            "linha",
            documento,
            processo,
            campo_linha,
            nivel,
            _titulo(getattr(documento, "tipo_documento", None)),
            PESO_TITULO,
            chaves,
            dados=dados,
        )
    ]
    if campo_conteudo is None:
        return entradas
    remetente = getattr(documento, "remetente", None) or ""
    destinatarios = list(getattr(documento, "destinatarios", None) or ())
    cabecalho = [getattr(documento, "numero", None) or "", remetente, *destinatarios]
    pessoas = {pessoa(n) for n in [remetente, *destinatarios] if n}
    entradas.append(
        _entrada(
            "cabecalho",
            documento,
            processo,
            campo_conteudo,
            nivel,
            " ".join(p for p in cabecalho if p),
            PESO_TITULO,
            pessoas,
        )
    )
    ocr = False
    if documento.portal_type == "DocumentoExterno":
        fonte, texto, ocr = _fonte_externa(documento)
    else:
        fonte, texto = _fonte_interna(documento)
    anterior = (anteriores or {}).get("conteudo")
    if anterior is not None and anterior.fonte == fonte:
        # Same source: keep the analysis, refresh who may read it.
        entrada = anterior.como_entrada()
        entrada.campo = campo_conteudo
        entrada.leitores = leitores(campo_conteudo, nivel)
        entrada.dados = {"ocr": ocr}
        entrada.alvo = _alvo(documento)
        entradas.append(entrada)
    else:
        entradas.append(
            _entrada(
                "conteudo",
                documento,
                processo,
                campo_conteudo,
                nivel,
                texto(),
                PESO_CORPO,
                fonte=fonte,
                dados={"ocr": ocr},
            )
        )
    return entradas
