"""seimg's search (issue 18): one API for the staff page, the quick search
box, REST (``GET @pesquisa``) and the public portal.

:func:`ler_criterios` reads what was asked (raising :class:`InvalidInput`
with Portuguese messages), :func:`pesquisar` answers it for the current
viewer, :func:`abrir_direto` finds the one object a NUP or número SEI
names. The query language is :mod:`seimg.pesquisa.consulta`'s.

**No oracle.** Every candidate entry the engine returns is checked for the
current viewer before it counts for anything: its stored viewer classes
(``leitores``) must hold the viewer's class for that process or document
(:func:`seimg.divulgacao.api.leitor`), and the disclosure API must agree on
the live object (so a stale entry can only hide, never show). Results,
their grouping, counts, facets, snippets and scores are computed from the
readable entries alone, and scores use only each entry's own statistics
(occurrences, field weight; no document frequency, no average length): a
word in a hidden document changes nothing anyone else gets.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from dataclasses import field
from markupsafe import escape
from markupsafe import Markup
from plone import api
from seimg import _
from seimg.base import reader
from seimg.base.erros import InvalidInput
from seimg.divulgacao import api as divulgacao
from seimg.divulgacao import tabela
from seimg.pesquisa import analise
from seimg.pesquisa import consulta as linguagem
from seimg.pesquisa import entradas as E
from seimg.pesquisa import indice
from seimg.pesquisa.motor import frequencia
import datetime
import re


MAX_CONSULTA = 1000  # characters of the query text
MAX_TERMOS = 24
MIN_PREFIXO = 3
#: Readable matching entries a query reads at most (bounded work for common
#: words). Counted over readable entries only: whether a query reaches it,
#: and which entries it keeps (the first in the engine's order), depend on
#: nothing the viewer may not read.
MAX_LIDAS = 5000
TAMANHO = 20
MAX_TAMANHO = 100
#: Groups whose snippets and rows are built: a page, at most.
ORDENS = ("relevancia", "data", "data_asc")
NIVEIS = ("publico", "restrito", "sigiloso")

_LISTAS = ("tipo_processo", "tipo_documento", "assunto", "unidade", "orgao", "ano")

ESQUEMA = {
    "q": reader.Text(max_length=MAX_CONSULTA),
    "tipo_processo": reader.List(item=reader.Text(max_length=64), max_items=20),
    "tipo_documento": reader.List(item=reader.Text(max_length=64), max_items=20),
    "assunto": reader.List(item=reader.Text(max_length=64), max_items=20),
    "unidade": reader.List(item=reader.Text(max_length=64), max_items=20),
    "orgao": reader.List(item=reader.Text(max_length=64), max_items=20),
    "ano": reader.List(item=reader.Text(max_length=4, min_length=4), max_items=20),
    "interessado": reader.Text(max_length=200),
    "tramitacao": reader.Text(max_length=64),
    "de": reader.Date(),
    "ate": reader.Date(),
    "nivel": reader.Choice(values=NIVEIS),
    "ordem": reader.Choice(values=ORDENS),
    "b_start": reader.Integer(minimum=0, maximum=100_000),
    "b_size": reader.Integer(minimum=1, maximum=MAX_TAMANHO),
}


@dataclass
class Criterios:
    q: str = ""
    tipo_processo: list = field(default_factory=list)
    tipo_documento: list = field(default_factory=list)
    assunto: list = field(default_factory=list)
    unidade: list = field(default_factory=list)
    orgao: list = field(default_factory=list)
    ano: list = field(default_factory=list)
    interessado: str = ""
    tramitacao: str = ""
    de: datetime.date | None = None
    ate: datetime.date | None = None
    nivel: str = ""
    ordem: str = "relevancia"
    b_start: int = 0
    b_size: int = TAMANHO
    consulta: linguagem.Consulta = field(default_factory=linguagem.Consulta)

    @property
    def filtros(self) -> bool:
        return any(
            (
                self.tipo_processo,
                self.tipo_documento,
                self.assunto,
                self.unidade,
                self.orgao,
                self.ano,
                self.interessado,
                self.tramitacao,
                self.de,
                self.ate,
                self.nivel,
            )
        )

    def como_form(self) -> dict:
        """The criteria as query-string parameters (stable URLs)."""
        form = {}
        for nome in ESQUEMA:
            valor = getattr(self, nome)
            if (nome == "b_size" and valor == TAMANHO) or (
                nome == "ordem" and valor == "relevancia"
            ):
                continue
            if isinstance(valor, datetime.date):
                valor = valor.isoformat()
            if valor not in (None, "", [], 0):
                form[nome] = valor
        return form


def _erro(campo: str, mensagem) -> InvalidInput:
    return InvalidInput([(campo, mensagem)])


def ler_criterios(form) -> Criterios:
    """The criteria in ``form`` (a request's form or a dict of strings and
    lists of strings), checked; :class:`InvalidInput` names every problem."""
    problemas, dados = [], {}
    for nome, valor in dict(form).items():
        if nome in ("_", "formato", "SearchableText", "-C"):
            continue
        campo = ESQUEMA.get(nome)
        if campo is None:
            problemas.append(
                (
                    str(nome),
                    _(
                        "entrada_parametro_desconhecido",
                        default="Parâmetro desconhecido.",
                    ),
                )
            )
            continue
        valores = valor if isinstance(valor, (list, tuple)) else [valor]
        valores = [v for v in valores if v not in ("", None)]
        if not valores:
            continue
        if not all(isinstance(v, str) for v in valores):
            problemas.append(
                (
                    nome,
                    _(
                        "entrada_tipo",
                        default="Tipo de dado errado: esperado ${tipo}.",
                        mapping={"tipo": "texto"},
                    ),
                )
            )
            continue
        if isinstance(campo, reader.List):
            dados[nome] = list(valores)
        elif len(valores) > 1:
            problemas.append(
                (nome, _("entrada_um_valor", default="Informe um só valor."))
            )
        else:
            try:
                dados[nome] = reader._de_texto(campo, valores[0])
            except reader.FieldError as exc:
                problemas.append((nome, exc.mensagem))
    try:
        lidos = reader.read_values(dados, ESQUEMA)
    except InvalidInput as exc:
        problemas.extend(exc.campos)
        lidos = {}
    if problemas:
        raise InvalidInput(problemas)
    criterios = Criterios(**{k: v for k, v in lidos.items() if v is not None})
    if criterios.de and criterios.ate and criterios.de > criterios.ate:
        raise _erro(
            "ate",
            _("pesquisa_periodo", default="O fim do período vem antes do início."),
        )
    criterios.consulta = _interpretar(criterios.q)
    return criterios


def _interpretar(texto: str) -> linguagem.Consulta:
    consulta = linguagem.interpretar(texto)
    termos = [t for g in consulta.grupos for t in g] + consulta.excluidos
    if len(termos) > MAX_TERMOS:
        raise _erro(
            "q",
            _(
                "pesquisa_termos_demais",
                default="Consulta com termos demais: no máximo ${maximo}.",
                mapping={"maximo": MAX_TERMOS},
            ),
        )
    for termo in termos:
        if termo.tipo == linguagem.PREFIXO and len(termo.valores[0]) < MIN_PREFIXO:
            raise _erro(
                "q",
                _(
                    "pesquisa_prefixo_curto",
                    default="Um prefixo (palavra terminada em *) precisa de ao menos "
                    "${minimo} letras.",
                    mapping={"minimo": MIN_PREFIXO},
                ),
            )
    sobrou = re.sub(r'["*\-\s]|\b(E|OU|NÃO|NAO)\b', "", texto or "")
    if texto and texto.strip() and not termos and not sobrou:
        raise _erro(
            "q",
            _(
                "pesquisa_sem_termos",
                default="Informe ao menos uma palavra ou um número para pesquisar.",
            ),
        )
    if consulta.excluidos and not consulta.grupos:
        raise _erro(
            "q",
            _(
                "pesquisa_so_exclusao",
                default="Informe o que procurar além do que excluir (NÃO).",
            ),
        )
    return consulta


# --- results ---------------------------------------------------------------
@dataclass
class ItemDocumento:
    uid: str
    url: str
    titulo: str
    data: str
    estado: str
    restrito: bool
    pontuacao: float
    trecho: Markup = field(default_factory=Markup)
    ocr: bool = False
    numero_sei: str = ""


@dataclass
class ItemProcesso:
    uid: str
    url: str
    nup: str
    tipo: str
    especificacao: str | None
    unidade: str
    data: str
    nivel: str
    pontuacao: float
    trecho: Markup = field(default_factory=Markup)
    documentos: list = field(default_factory=list)


@dataclass
class Faceta:
    valor: str
    rotulo: str
    quantidade: int
    selecionada: bool = False


@dataclass
class Resultado:
    criterios: Criterios
    total: int = 0
    itens: list = field(default_factory=list)
    facetas: dict = field(default_factory=dict)
    aviso: str | None = None  # "indice": the index is being built
    #: More than :data:`MAX_LIDAS` readable entries matched: the results
    #: come from the first of them only (refine the query).
    ampla: bool = False

    @property
    def vazio(self) -> bool:
        return not self.total


class _Ampla(Exception):
    """The query reached :data:`MAX_LIDAS` readable entries."""


class _Contexto:
    """One query's view of the index for the current viewer."""

    def __init__(self, motor, portal):
        self.motor = motor
        self.portal = portal
        self.anonimo = api.user.is_anonymous()
        self._containers = {}
        self._registros = {}
        self._visivel = {}
        self._por_objeto = {}
        from seimg.organizacao.atual import unidade_atual

        unidade = None if self.anonimo else unidade_atual()
        self.unidade = unidade.UID() if unidade is not None else None

    def registro(self, ident):
        if ident not in self._registros:
            self._registros[ident] = self.motor.entrada(ident)
        return self._registros[ident]

    def _container(self, caminho):
        if caminho not in self._containers:
            self._containers[caminho] = self.portal.unrestrictedTraverse(caminho, None)
        return self._containers[caminho]

    def objetos(self, registro):
        """(processo, documento or None), acquisition-wrapped, or (None, None)."""
        caminho, base = registro.alvo
        container = self._container(caminho)
        if container is None:
            return None, None
        obj = base.__of__(container)
        if registro.objeto == registro.processo:
            return obj, None
        return container, obj

    def visivel(self, ident) -> bool:
        if ident not in self._visivel:
            registro = self.registro(ident)
            self._visivel[ident] = registro is not None and _pode_ler(self, registro)
        return self._visivel[ident]

    def entradas_de(self, uid: str) -> list:
        """Readable entries of object ``uid`` (ids)."""
        if uid not in self._por_objeto:
            idents = self.motor.idents_de(uid)
            self._por_objeto[uid] = [i for i in idents if self.visivel(i)]
        return self._por_objeto[uid]


_EXISTENCIA = (tabela.EXISTENCIA,)
_METADADOS = (tabela.ESPECIFICACAO, tabela.INTERESSADO_PJ)


def _pode_ler(ctx: _Contexto, registro) -> bool:
    """May the current viewer match ``registro``? Its stored classes and the
    disclosure API on the live object must both say yes."""
    if ctx.anonimo and tabela.ANONIMO not in registro.leitores:
        return False  # decided without loading the object
    processo, documento = ctx.objetos(registro)
    if processo is None:
        return False
    if divulgacao.leitor(processo, documento) not in registro.leitores:
        return False
    campo = registro.campo
    if campo == tabela.EXISTENCIA:
        return not divulgacao.processo_oculto(processo)
    if campo in _METADADOS:
        return divulgacao.ve(campo, processo)
    if campo == tabela.INTERESSADO_PF:
        # The tipo's flag as it is now: turning it off re-indexes nothing.
        from seimg.tabelas import obter

        tipo = obter(getattr(processo, "tipo_processo", None))
        publicos = bool(registro.condicoes.get(tabela.INTERESSADOS_PUBLICOS)) and bool(
            getattr(tipo, "interessados_publicos", False)
        )
        return divulgacao.ve(campo, processo, interessados_publicos=publicos)
    if campo == tabela.OBSERVACOES:
        escreveu = bool(ctx.unidade) and ctx.unidade == registro.condicoes.get(
            "unidade"
        )
        return divulgacao.ve(campo, processo, escreveu=escreveu)
    if documento is None:
        return False
    estado = api.content.get_state(documento, default=None)
    if campo in (tabela.LISTA_DOCUMENTOS, tabela.CANCELADO):
        return not divulgacao.documento_oculto(documento)
    if campo == tabela.MINUTA:
        return estado == "minuta" and not divulgacao.documento_oculto(documento)
    if campo in (tabela.CONTEUDO_PUBLICO, tabela.CONTEUDO_RESTRITO):
        return estado not in ("minuta", "cancelado") and (
            divulgacao.forma_na_lista(documento) == tabela.VE
        )
    return False


def _termos(consulta) -> list:
    return [t for g in consulta.grupos for t in g]


def _com_cpf(termo, anonimo: bool):
    """A staff query for a CPF also looks up the ``cpf:`` keys of free text;
    anonymous queries never do."""
    if anonimo or not analise.cpf_valido(termo.original):
        return termo
    digitos = re.sub(r"\D", "", termo.original)
    return linguagem.Termo(
        termo.tipo, termo.valores, termo.numeros | {E.CPF + digitos}, termo.original
    )


def _pontos(termo, registro) -> float:
    tf = frequencia(termo, registro)
    return registro.peso * tf / (tf + 1.0) if tf else 0.0


#: Filters shown as facets: each facet counts the results of every other
#: filter (its own left out), so more values of it can be chosen.
FACETAS = ("tipo_processo", "unidade", "ano")


def _chaves_processo(c: Criterios) -> list[tuple[str, set]]:
    """Process-level filters, ``(name, keys)``, one key of which must hold;
    those that are not facets first (they narrow the candidates best)."""
    filtros = []
    if c.tramitacao:
        filtros.append(("tramitacao", {E.TRAMITOU + c.tramitacao}))
    if c.nivel:
        filtros.append(("nivel", {E.NIVEL + c.nivel}))
    for nome, prefixo in (
        ("orgao", E.ORGAO),
        ("tipo_processo", E.TIPO_PROCESSO),
        ("unidade", E.UNIDADE),
        ("ano", E.ANO),
    ):
        valores = getattr(c, nome)
        if valores:
            filtros.append((nome, {prefixo + v for v in valores}))
    return filtros


def pesquisar(criterios: Criterios, trechos: bool = True) -> Resultado:
    """The processes (with their matching documents) the current viewer may
    find with ``criterios``; without snippets unless ``trechos``."""
    from Products.CMFCore.indexing import processQueue

    processQueue()  # this transaction's changes, as the catalog does
    resultado = Resultado(criterios)
    portal = api.portal.get()
    motor = indice.motor(portal)
    if motor is None or getattr(portal, indice.PROGRESSO, None):
        resultado.aviso = "indice"
        if motor is None:
            return resultado
    c = criterios
    consulta = c.consulta
    if consulta.vazia and not c.filtros:
        return resultado
    ctx = _Contexto(motor, portal)
    grupos = [[_com_cpf(t, ctx.anonimo) for t in g] for g in consulta.grupos]
    excluidos = [_com_cpf(t, ctx.anonimo) for t in consulta.excluidos]
    filtros_processo = _chaves_processo(c)
    filtro_documento = {E.TIPO_DOCUMENTO + v for v in c.tipo_documento}
    pessoa = E.pessoa(c.interessado) if c.interessado else None
    assuntos = {E.ASSUNTO + v for v in c.assunto}

    # 1. Candidates: entries holding a query term, or the filters' keys.
    achados: dict[str, dict[int, list]] = {}  # object UID → term → entry ids

    lidas = [0]

    def anotar(ident, chave_termo):
        if not ctx.visivel(ident):
            return
        registro = ctx.registro(ident)
        achados.setdefault(registro.objeto, {}).setdefault(chave_termo, []).append(
            ident
        )
        lidas[0] += 1
        if lidas[0] >= MAX_LIDAS:
            raise _Ampla

    try:
        if grupos:
            for g, grupo in enumerate(grupos):
                for t, termo in enumerate(grupo):
                    for ident in motor.encontrar(termo):
                        anotar(ident, (g, t))
        else:
            from BTrees.IIBTree import multiunion

            if pessoa:
                chaves = {pessoa}
            elif filtro_documento:
                chaves = filtro_documento
            elif assuntos:
                chaves = assuntos
            elif filtros_processo:
                chaves = filtros_processo[0][1]
            else:  # a period alone: the years it spans
                chaves = {E.ANO + str(ano) for ano in _anos(c)}
            fonte = multiunion([motor.com_chave(k) for k in sorted(chaves)])
            for ident in fonte:
                anotar(ident, None)

    except _Ampla:
        resultado.ampla = True

    # 2. Objects that match: every group by a readable entry, no exclusion.
    excluidas = [motor.encontrar(termo) for termo in excluidos]

    def exclui(uid) -> bool:
        """Does a readable entry of ``uid`` hold an excluded term?"""
        return any(
            i in encontrados for encontrados in excluidas for i in ctx.entradas_de(uid)
        )

    def pontuacao(uid, por_termo) -> float:
        total = 0.0
        for chave, idents in por_termo.items():
            if chave is None:
                continue
            g, t = chave
            total += sum(_pontos(grupos[g][t], ctx.registro(i)) for i in idents)
        return total

    objetos = {}
    for uid, por_termo in achados.items():
        if grupos and not all(
            any((g, t) in por_termo for t in range(len(grupo)))
            for g, grupo in enumerate(grupos)
        ):
            continue
        if exclui(uid):
            continue
        objetos[uid] = pontuacao(uid, por_termo)

    # 3. Group under processes; filters on the process and the documents.
    def registro_com(uid, chave_entrada):
        for ident in ctx.entradas_de(uid):
            registro = ctx.registro(ident)
            if registro.chave == chave_entrada:
                return registro
        return None

    def tem_chave(uid, chaves) -> bool:
        return any(ctx.registro(i).chaves & chaves for i in ctx.entradas_de(uid))

    grupos_processo: dict[str, dict] = {}
    for uid, pontos in objetos.items():
        idents = next(iter(achados[uid].values()))
        registro = ctx.registro(idents[0])
        processo_uid = registro.processo
        documento = registro.objeto != processo_uid
        if documento:
            if filtro_documento and not tem_chave(uid, filtro_documento):
                continue
        else:
            if filtro_documento:
                continue
        grupo = grupos_processo.setdefault(
            processo_uid, {"pontos": 0.0, "documentos": [], "proprio": False}
        )
        if documento:
            grupo["documentos"].append((pontos, uid))
        else:
            grupo["proprio"] = True
        grupo["pontos"] += pontos

    selecionados = []
    quase = {nome: [] for nome in FACETAS}  # failing only that facet's filter
    for processo_uid, grupo in grupos_processo.items():
        existencia = registro_com(processo_uid, "existencia")
        if existencia is None:
            continue  # the viewer may not learn that the process exists
        falhas = [n for n, f in filtros_processo if not (existencia.chaves & f)]
        if len(falhas) > 1 or (falhas and falhas[0] not in FACETAS):
            continue
        data = existencia.dados.get("data", "")
        if (c.de and data < c.de.isoformat()) or (c.ate and data > c.ate.isoformat()):
            continue
        if assuntos and not tem_chave(processo_uid, assuntos):
            continue
        if pessoa and not (
            tem_chave(processo_uid, {pessoa})
            or any(tem_chave(uid, {pessoa}) for _p, uid in grupo["documentos"])
        ):
            continue
        grupo["existencia"] = existencia
        grupo["uid"] = processo_uid
        if falhas:
            quase[falhas[0]].append(grupo)
        else:
            selecionados.append(grupo)

    # 4. Facets, count and order: from the readable entries only.
    resultado.total = len(selecionados)
    resultado.facetas = _facetas(selecionados, quase, c)
    if c.ordem == "relevancia" and grupos:
        selecionados.sort(
            key=lambda g: (
                -round(g["pontos"], 9),
                _inverso(_momento(g["existencia"])),
                g["uid"],
            )
        )
    else:
        selecionados.sort(
            key=lambda g: (_momento(g["existencia"]), g["uid"]),
            reverse=c.ordem != "data_asc",
        )
    pagina = selecionados[c.b_start : c.b_start + c.b_size]
    resultado.itens = [
        _item(ctx, grupo, grupos if trechos else [], achados) for grupo in pagina
    ]
    return resultado


#: The years a period without a start or an end spans.
PRIMEIRO_ANO = 1990


def _anos(c: Criterios) -> range:
    inicio = c.de.year if c.de else PRIMEIRO_ANO
    fim = c.ate.year if c.ate else datetime.date.today().year
    return range(max(inicio, PRIMEIRO_ANO), fim + 1)


def _momento(existencia) -> str:
    return existencia.dados.get("momento") or existencia.dados.get("data", "")


def _inverso(data: str) -> tuple:
    return tuple(-ord(ch) for ch in data)


def _facetas(selecionados, quase, c: Criterios) -> dict:
    """Counts per facet value: the results, plus (for each facet) those that
    fail only that facet's own filter."""
    from seimg.tabelas import obter

    contagens = {"tipo_processo": {}, "unidade": {}, "ano": {}}
    for nome, chave in (
        ("tipo_processo", "tipo"),
        ("unidade", "unidade"),
        ("ano", "ano"),
    ):
        for grupo in [*selecionados, *quase[nome]]:
            valor = grupo["existencia"].dados.get(chave)
            if valor:
                contagens[nome][valor] = contagens[nome].get(valor, 0) + 1

    def rotulo(nome, valor):
        if nome == "ano":
            return valor
        item = obter(valor)
        if item is None:
            return valor
        if nome == "unidade" and hasattr(item, "sigla_completa"):
            return item.sigla_completa()
        return item.title or valor

    facetas = {}
    for nome, valores in contagens.items():
        escolhidos = set(getattr(c, nome))
        lista = [
            Faceta(valor, rotulo(nome, valor), n, valor in escolhidos)
            for valor, n in valores.items()
        ]
        if nome == "ano":
            lista.sort(key=lambda f: f.valor, reverse=True)
        else:
            lista.sort(key=lambda f: (-f.quantidade, f.rotulo))
        facetas[nome] = lista
    return facetas


# --- rows and snippets -----------------------------------------------------
def _item(ctx: _Contexto, grupo, grupos, achados) -> ItemProcesso:
    from seimg.tabelas import obter

    existencia = grupo["existencia"]
    processo, _doc = ctx.objetos(existencia)
    dados = existencia.dados
    unidade = obter(dados.get("unidade"))
    tipo = obter(dados.get("tipo"))
    especificacao = divulgacao.especificacao(processo)
    item = ItemProcesso(
        uid=grupo["uid"],
        url=processo.absolute_url(),
        nup=processo.numero or "",
        tipo=(tipo.title if tipo is not None else "") or "",
        especificacao=especificacao,
        unidade=unidade.sigla_completa()
        if unidade is not None and hasattr(unidade, "sigla_completa")
        else "",
        data=dados.get("data", ""),
        nivel=divulgacao.nivel_exibido(processo),
        pontuacao=round(grupo["pontos"], 6),
    )
    termos = [t for g in grupos for t in g]
    if grupo["proprio"]:
        item.trecho = _trecho_de(ctx, achados.get(grupo["uid"], {}), termos)
    for pontos, uid in sorted(grupo["documentos"], key=lambda d: (-d[0], d[1])):
        idents = next(iter(achados[uid].values()))
        registro = ctx.registro(idents[0])
        _proc, documento = ctx.objetos(registro)
        if documento is None:
            continue
        forma = divulgacao.forma_na_lista(documento)
        restrito = forma != tabela.VE
        estado = api.content.get_state(documento, default="")
        titulo = documento.Title()
        if ctx.anonimo:
            # typed by people (an external document's número): CPFs masked
            from seimg.base.dados_pessoais import texto_publico

            titulo = texto_publico(titulo)
        item.documentos.append(
            ItemDocumento(
                uid=uid,
                url=documento.absolute_url(),
                titulo=titulo,
                data=registro.dados.get("data", "") or "",
                estado=estado,
                restrito=restrito,
                numero_sei=documento.numero_sei or "",
                pontuacao=round(pontos, 6),
                trecho=_trecho_de(ctx, achados.get(uid, {}), termos),
                ocr=any(
                    ctx.registro(i).dados.get("ocr")
                    for ids in achados.get(uid, {}).values()
                    for i in ids
                ),
            )
        )
    return item


def _trecho_de(ctx, por_termo, termos) -> Markup:
    if not termos:
        return Markup("")
    melhores = sorted(
        {i for ids in por_termo.values() for i in ids},
        key=lambda i: (-ctx.registro(i).peso, i),
    )
    for ident in melhores:
        registro = ctx.registro(ident)
        if registro.texto:
            achado = trecho(registro.texto, termos, mascarar=ctx.anonimo)
            if achado:
                return achado
    return Markup("")


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def trecho(texto: str, termos, largura: int = 30, mascarar: bool = False) -> Markup:
    """Up to ``largura`` words of ``texto`` around its first matching word,
    matching words in ``<mark>``; HTML-escaped. Pure."""
    radicais, prefixos = set(), []
    for termo in termos:
        if termo.tipo == linguagem.PREFIXO:
            prefixos.append(termo.valores[0])
        else:
            radicais.update(termo.valores)
    if mascarar:
        from seimg.base.dados_pessoais import texto_publico

        texto = texto_publico(texto)
    casados: dict[str, bool] = {}

    def casa(palavra: str) -> bool:
        if palavra not in casados:
            forma = analise.dobrar(palavra)
            casados[palavra] = forma not in analise.PARADAS and (
                analise.radical(forma) in radicais
                or any(forma.startswith(p) for p in prefixos)
            )
        return casados[palavra]

    # One pass that stops at the window's end, each distinct word analysed
    # once: a long text is not stemmed word by word beyond the snippet.
    recentes = deque(maxlen=largura // 3 + 1)  # the window's first word
    posicoes, fim_n, inicio, ultimo = [], None, 0, None
    for n, achado in enumerate(_TOKEN.finditer(texto)):
        ultimo = achado.span()
        if fim_n is None:
            recentes.append(ultimo)
            if not casa(achado.group()):
                continue
            inicio = recentes[0][0]
            fim_n = n - (len(recentes) - 1) + largura
            posicoes.append(ultimo)
        elif casa(achado.group()):
            posicoes.append(ultimo)
        if n >= fim_n:
            break
    if not posicoes:
        return Markup("")
    fim = ultimo[1]
    partes, cursor = [], inicio
    for a, b in posicoes:
        if a < inicio or b > fim:
            continue
        partes.append(escape(texto[cursor:a]))
        partes.append(Markup("<mark>%s</mark>") % texto[a:b])
        cursor = b
    partes.append(escape(texto[cursor:fim]))
    prefixo = "… " if inicio > 0 else ""
    sufixo = " …" if fim < len(texto) else ""
    return Markup("").join([escape(prefixo), *partes, escape(sufixo)])


# --- quick search ------------------------------------------------------------
def abrir_direto(texto: str, abrir: bool = True):
    """The object a NUP or número SEI typed in the quick search box names,
    when exactly one the viewer may find carries it; else None. With
    ``abrir`` (the staff box), only an object the viewer may open; without
    (the public portal's pages), any whose existence the viewer may know."""
    from seimg.pesquisa import numeros

    chaves = numeros.chaves_da_consulta((texto or "").strip()[:100])
    chaves = {k for k in chaves if k.startswith(("nup:", "sei:"))}
    if not chaves:
        return None
    from Products.CMFCore.indexing import processQueue

    processQueue()
    portal = api.portal.get()
    motor = indice.motor(portal)
    if motor is None:
        return None
    ctx = _Contexto(motor, portal)
    achados = set()
    for chave in sorted(chaves):
        for ident in motor.com_chave(chave):
            registro = ctx.registro(ident)
            if registro.chave in ("existencia", "linha") and ctx.visivel(ident):
                achados.add(ident)
    if len(achados) != 1:
        return None
    registro = ctx.registro(achados.pop())
    processo, documento = ctx.objetos(registro)
    alvo = documento if documento is not None else processo
    # Existence may be shown to viewers who may not open the object (A, O
    # and U of an Rc, Ro or Rp process, a restrito document's lst): they
    # get it among the results, not a redirect to "access denied".
    if alvo is None or (abrir and not api.user.has_permission("View", obj=alvo)):
        return None
    return alvo


# --- CSV -------------------------------------------------------------------
COLUNAS_CSV = (
    ("nup", _("pesquisa_csv_nup", default="NUP")),
    ("tipo", _("pesquisa_csv_tipo", default="Tipo de processo")),
    ("especificacao", _("pesquisa_csv_especificacao", default="Especificação")),
    ("unidade", _("pesquisa_csv_unidade", default="Unidade geradora")),
    ("data", _("pesquisa_csv_data", default="Data de autuação")),
    ("nivel", _("pesquisa_csv_nivel", default="Nível de acesso")),
    ("documentos", _("pesquisa_csv_documentos", default="Documentos encontrados")),
    ("url", _("pesquisa_csv_url", default="Endereço")),
)


#: Spreadsheets run cells that start with these as formulas.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def celula_csv(valor) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    texto = "" if valor is None else str(valor)
    return "'" + texto if texto.startswith(_FORMULA) else texto


def linhas_csv(resultado: Resultado, request=None):
    """Rows (lists of strings) of the results, the column titles first
    (translated for ``request``): ISO 8601 dates, the level's name, no cell
    a spreadsheet would run as a formula."""
    from seimg.processos import rotulos
    from zope.i18n import translate

    yield [translate(titulo, context=request) for _c, titulo in COLUNAS_CSV]
    for item in resultado.itens:
        linha = [
            item.nup,
            item.tipo,
            item.especificacao or "",
            item.unidade,
            item.data,
            rotulos.nivel(item.nivel, request)["titulo"],
            " | ".join(d.titulo for d in item.documentos),
            item.url,
        ]
        yield [celula_csv(c) for c in linha]


def exportar_csv(resultado: Resultado, request=None) -> bytes:
    """The results as spreadsheets open them: ``;``-separated UTF-8 with BOM."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(linhas_csv(resultado, request))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def todas(criterios: Criterios, limite: int = 1000) -> Resultado:
    """The whole result (up to ``limite`` processes), for exports: no
    snippets (no column shows them; cutting them would read every matching
    text)."""
    criterios.b_start, criterios.b_size = 0, limite
    return pesquisar(criterios, trechos=False)


__all__ = [
    "Criterios",
    "Resultado",
    "abrir_direto",
    "ler_criterios",
    "linhas_csv",
    "pesquisar",
    "todas",
    "trecho",
]
