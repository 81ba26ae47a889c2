"""The Controle de Processos: each unit's inbox.

See :mod:`seimg.controle` for the lists and how they are sorted. The
default order (newest first, no filter) is read from the per-unit index of
:mod:`seimg.controle.indice`; other orders and the filters query the
catalog. This
module is the API its surfaces call: :func:`listar` (and the shortcuts per
list), :func:`contagens`, the row data (:class:`Linha`, :class:`Pagina`).
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from plone import api
from seimg.controle import indice
from seimg.processos import tramite
from zExceptions import Unauthorized
import itertools
import zoneinfo


FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")

LISTAS = (
    "recebidos",
    "gerados",
    "retornos_devolver",
    "retornos_aguardando",
    "sobrestados",
)

#: sort column → catalog index (None: sorted in Python, see the docstring)
ORDENACOES = {
    "numero": "numero",
    "nivel_acesso_efetivo": "nivel_acesso_efetivo",
    "created": "created",
    "tipo": None,
    "especificacao": None,
    "recebido": None,
    "atribuido_a": None,
    "marcador": None,
    "retorno_data": None,
}

ORDEM_PADRAO = ("created", "descending")
TAMANHO_PADRAO = 50

MARCADORES_INDEX = "marcadores"


@dataclass
class Linha:
    """One process as a unit's list shows it."""

    uid: str
    url: str
    numero: str
    tipo_uid: str | None
    tipo: str
    especificacao: str
    nivel_acesso_efetivo: str
    recebido: bool = True
    novo_documento: bool = False
    atribuido_a: str | None = None
    atribuido_nome: str | None = None
    retorno_data: date | None = None
    retorno_atrasado: bool = False
    retorno_hoje: bool = False
    retorno_unidade: str | None = None
    marcador: dict | None = None
    anotacao: dict | None = None


@dataclass
class Pagina:
    """A page of a list: ``total`` counts every row the user may see."""

    lista: str
    total: int
    linhas: list[Linha] = field(default_factory=list)
    b_start: int = 0
    b_size: int = TAMANHO_PADRAO


def hoje() -> date:
    return datetime.now(FUSO).date()


def _uid(unidade) -> str:
    return unidade if isinstance(unidade, str) else unidade.UID()


def _catalog():
    return api.portal.get_tool("portal_catalog")


def tem_indice(nome: str) -> bool:
    return nome in _catalog().indexes()


def consulta(
    unidade,
    lista: str = "recebidos",
    atribuido_a_mim: bool = False,
    marcador: str | None = None,
    tipo_processo: str | None = None,
    userid: str | None = None,
) -> dict | None:
    """The catalog query of ``lista`` for ``unidade``; None when it is empty.

    None means a filter cannot match anything (a marcador filter before
    marcadores are indexed).
    """
    if lista not in LISTAS:
        raise ValueError(lista)
    uid = _uid(unidade)
    query: dict = {"portal_type": "Processo"}
    if lista == "recebidos":
        query.update(unidades_recebidas=uid, sobrestado=False)
    elif lista == "gerados":
        query.update(unidades_geradoras_abertas=uid, sobrestado=False)
    elif lista == "retornos_devolver":
        query.update(unidades_abertas=uid, retorno_programado=uid)
    elif lista == "retornos_aguardando":
        query.update(aguardando_retorno=uid)
    else:
        query.update(unidades_abertas=uid, sobrestado=True)
    if atribuido_a_mim:
        userid = userid or api.user.get_current().getId()
        query["atribuido_a"] = f"{uid}:{userid}"
    if marcador:
        if not tem_indice(MARCADORES_INDEX):
            return None
        query[MARCADORES_INDEX] = f"{uid}:{marcador}"
    if tipo_processo:
        query["tipo_processo"] = tipo_processo
    return query


def _entradas(indice: str, rid: int, uid: str) -> list[str]:
    """The values of ``<uid>:<value>`` keywords of catalog entry ``rid``."""
    catalog = _catalog()._catalog
    if indice not in catalog.indexes:
        return []
    entry = catalog.getIndex(indice).getEntryForObject(rid, default=None) or ()
    prefixo = f"{uid}:"
    return sorted(k[len(prefixo) :] for k in entry if k.startswith(prefixo))


def _rids(indice: str, valor: str) -> set:
    """Catalog entries holding ``valor`` in a keyword index."""
    catalog = _catalog()._catalog
    if indice not in catalog.indexes:
        return set()
    found = catalog.getIndex(indice)._index.get(valor)
    if found is None:
        return set()
    return {found} if isinstance(found, int) else set(found)


def _tipos() -> dict:
    cache: dict[str, str] = {}

    def titulo(uid):
        if not uid:
            return ""
        if uid not in cache:
            from seimg.tabelas import obter

            item = obter(uid)
            cache[uid] = (getattr(item, "title", "") or "") if item else ""
        return cache[uid]

    return titulo


def _nomes() -> dict:
    cache: dict[str, str] = {}

    def nome(userid):
        if not userid:
            return ""
        if userid not in cache:
            user = api.user.get(userid=userid)
            fullname = user.getProperty("fullname", "") if user is not None else ""
            cache[userid] = fullname or userid
        return cache[userid]

    return nome


def _objeto(brain):
    try:
        return brain.getObject()
    except (Unauthorized, AttributeError, KeyError):
        return None


def _primeiro_devido(processo, uid: str):
    """The earliest retorno programado unit ``uid`` owes, or None."""
    devidos = tramite.devidos_por(processo, uid) if processo is not None else []
    return devidos[0] if devidos else None


def _aguardados(processo, uid: str) -> list:
    """The retornos owed to unit ``uid``: one row of *aguardando* each."""
    if processo is None:
        return []
    return [r for r in tramite.retornos_pendentes(processo) if r.credora == uid]


def _ordenar_em_python(brains, coluna: str, uid: str, lista: str, reverso: bool):
    titulo_tipo = _tipos()
    nome = _nomes()
    if coluna == "tipo":

        def key(b):
            return (titulo_tipo(b.tipo_processo).lower(), b.numero or "")
    elif coluna == "especificacao":

        def key(b):
            return ((b.Description or "").lower(), b.numero or "")
    elif coluna == "recebido":
        nao = _rids("unidades_nao_recebidas", uid)

        def key(b):
            return (b.getRID() not in nao, b.numero or "")
    elif coluna == "atribuido_a":

        def key(b):
            users = _entradas("atribuido_a", b.getRID(), uid)
            return (nome(users[0]).lower() if users else "\uffff", b.numero or "")
    elif coluna == "marcador":

        def key(b):
            ids = _entradas(MARCADORES_INDEX, b.getRID(), uid)
            return (_nome_marcador(uid, ids[0]).lower() if ids else "\uffff", b.numero)
    else:  # retorno_data (retornos_aguardando sorts its rows itself)
        devendo = _rids("retorno_programado", uid)

        def key(b):
            if b.getRID() not in devendo:
                return (date.max, b.numero or "")
            devido = _primeiro_devido(_objeto(b), uid)
            return (devido.data if devido else date.max, b.numero or "")

    return sorted(brains, key=key, reverse=reverso)


def _nome_marcador(uid: str, marcador_id: str) -> str:
    from seimg.notas import api as notas

    definicao = notas.marcador(uid_para_unidade(uid), marcador_id)
    return definicao["nome"] if definicao else marcador_id


def uid_para_unidade(uid: str):
    from seimg.tabelas import obter

    return obter(uid)


def cor_css(cor: str | None) -> str:
    """The CSS colour of a marcador colour token (grey when unknown)."""
    from seimg.notas import api as notas

    return notas.CORES.get(cor or "", notas.CORES["cinza"])[1]


def marcador_do_processo(processo, unidade) -> dict | None:
    """The unit's marcador on ``processo``: ``{"id", "nome", "cor", "texto"}``.

    ``cor`` is the CSS colour.
    """
    from seimg.notas import api as notas

    atual = notas.marcacao(processo, unidade)
    if not atual:
        return None
    definicao = atual["marcador"]
    return {
        "id": definicao["id"],
        "nome": definicao["nome"],
        "cor": cor_css(definicao.get("cor")),
        "texto": atual.get("texto") or "",
    }


def anotacao_do_processo(processo, unidade) -> dict | None:
    """``{"texto", "prioridade"}`` of the unit's anotação, or None."""
    from seimg.notas import api as notas

    nota = notas.anotacao(processo, unidade)
    if not nota or not nota.get("texto"):
        return None
    return {"texto": nota["texto"], "prioridade": bool(nota.get("prioridade"))}


def _novo_documento(processo, abertura) -> bool:
    ultimo = tramite.ultimo_documento_em(processo)
    if ultimo is None or abertura is None or not abertura.recebido:
        return False
    visto = getattr(abertura, "visto_em", None)
    return visto is None or ultimo > visto


def _linha(brain, unidade, lista: str, titulo_tipo, nome, devido=None) -> Linha:
    """A row; in *retornos_aguardando*, ``devido`` is the row's Retorno.

    The unit's flags come from the process's opening there (already loaded
    for the row), never from the catalog's per-unit keyword indexes.
    """
    uid = _uid(unidade)
    linha = Linha(
        uid=brain.UID,
        url=brain.getURL(),
        numero=brain.numero or "",
        tipo_uid=brain.tipo_processo,
        tipo=titulo_tipo(brain.tipo_processo),
        especificacao=brain.Description or "",
        nivel_acesso_efetivo=brain.nivel_acesso_efetivo or "publico",
    )
    processo = _objeto(brain)
    if processo is None:
        return linha
    if lista == "retornos_aguardando":
        if devido is None:
            devidos = _aguardados(processo, uid)
            devido = devidos[0] if devidos else None
        if devido is not None:
            from seimg.tabelas import obter

            devedora = obter(devido.devedora)
            linha.retorno_unidade = devedora.sigla_completa() if devedora else None
    else:
        abertura = tramite.abertura(processo, uid)
        if abertura is not None:
            linha.recebido = abertura.recebido
            if abertura.atribuido_a:
                linha.atribuido_a = abertura.atribuido_a
                linha.atribuido_nome = nome(abertura.atribuido_a)
            linha.novo_documento = _novo_documento(processo, abertura)
        devido = _primeiro_devido(processo, uid)
    if devido is not None:
        linha.retorno_data = devido.data
        linha.retorno_atrasado = devido.data < hoje()
        linha.retorno_hoje = devido.data == hoje()
    if lista != "retornos_aguardando":
        linha.marcador = marcador_do_processo(processo, unidade)
        linha.anotacao = anotacao_do_processo(processo, unidade)
    return linha


def _membro(uid: str) -> bool:
    """Does the current user hold a perfil in unit ``uid``? Its members read
    every non-sigiloso process of its lists (:mod:`seimg.processos.roles`)."""
    from seimg.organizacao import perfis

    prefixo = f"{perfis.GROUP_PREFIX}{uid}-"
    grupos = getattr(api.user.get_current(), "getGroups", lambda: [])()
    return any(g.startswith(prefixo) for g in grupos)


def usa_indice(
    unidade, sort_on: str, reverso: bool, atribuido_a_mim, marcador, tipo_processo
) -> bool:
    """Is this page read from :mod:`seimg.controle.indice`? The default order
    (newest first) with no filter, for a member of the unit, on a site that
    has built the index. Anything else is a restricted catalog search."""
    return (
        sort_on == "created"
        and reverso
        and not (atribuido_a_mim or marcador or tipo_processo)
        and indice.raiz() is not None
        and _membro(_uid(unidade))
    )


def _brain(catalog, uid: str):
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain
    return None


def _visivel(catalog):
    """May the current user see the process of an index key (asked of
    sigiloso processes only)?"""

    def visivel(chave) -> bool:
        brain = _brain(catalog, chave[2])
        return brain is not None and _objeto(brain) is not None

    return visivel


def _listar_do_indice(pagina: Pagina, unidade, lista: str) -> Pagina:
    uid = _uid(unidade)
    catalog = _catalog()
    total, chaves, listas = indice.chaves(uid, lista, _visivel(catalog))
    fim = pagina.b_start + pagina.b_size if pagina.b_size else None
    escolhidas = list(itertools.islice(chaves, pagina.b_start, fim))
    titulo_tipo = _tipos()
    nome = _nomes()
    portal = api.portal.get()
    pagina.total = total
    for chave in escolhidas:
        # the process itself, from the index: no catalog or folder look-up
        processo = indice.processo_de(listas, lista, chave, portal)
        if processo is None:
            continue
        ficha = _Ficha(processo)
        devido = None
        if lista == "retornos_aguardando":
            devido = tramite.retorno(processo, chave[3], uid)
        pagina.linhas.append(_linha(ficha, unidade, lista, titulo_tipo, nome, devido))
    return pagina


class _Ficha:
    """A process read from :mod:`.indice`, with the catalog-brain attributes
    a row reads (the same values the catalog's metadata holds); the process
    itself only when the user may view it, as ``brain.getObject()``."""

    def __init__(self, processo):
        self._processo = processo
        self.UID = processo.UID()
        self.numero = processo.numero
        self.tipo_processo = processo.tipo_processo
        self.Description = processo.Description()
        self.nivel_acesso_efetivo = processo.nivel_efetivo

    def getURL(self) -> str:
        return self._processo.absolute_url()

    def getObject(self):
        if not api.user.has_permission("View", obj=self._processo):
            raise Unauthorized(self.UID)
        return self._processo


def listar(
    unidade,
    lista: str = "recebidos",
    atribuido_a_mim: bool = False,
    marcador: str | None = None,
    tipo_processo: str | None = None,
    sort_on: str | None = None,
    sort_order: str | None = None,
    b_start: int = 0,
    b_size: int | None = TAMANHO_PADRAO,
    userid: str | None = None,
) -> Pagina:
    """A page of ``lista`` for ``unidade``; ``b_size`` 0 or None: every row.

    Raises ``ValueError`` for an unknown list or sort column.
    """
    if lista not in LISTAS:
        raise ValueError(f"lista={lista}")
    sort_on = sort_on or ORDEM_PADRAO[0]
    if sort_on not in ORDENACOES:
        raise ValueError(f"sort_on={sort_on}")
    if sort_order not in (None, "", "ascending", "descending", "reverse"):
        raise ValueError(f"sort_order={sort_order}")
    if not sort_order:
        sort_order = ORDEM_PADRAO[1] if sort_on == ORDEM_PADRAO[0] else "ascending"
    reverso = sort_order in ("descending", "reverse")
    b_start = max(int(b_start or 0), 0)
    b_size = int(b_size or 0)
    pagina = Pagina(lista=lista, total=0, b_start=b_start, b_size=b_size)
    if usa_indice(unidade, sort_on, reverso, atribuido_a_mim, marcador, tipo_processo):
        return _listar_do_indice(pagina, unidade, lista)
    query = consulta(unidade, lista, atribuido_a_mim, marcador, tipo_processo, userid)
    if query is None:
        return pagina
    catalog = _catalog()
    uid = _uid(unidade)
    aguardando = lista == "retornos_aguardando"
    coluna = ORDENACOES[sort_on]
    if coluna is not None:
        query["sort_on"] = coluna if coluna == "numero" else [coluna, "numero"]
        query["sort_order"] = "descending" if reverso else "ascending"
        if b_size and not aguardando:
            query["sort_limit"] = b_start + b_size
        results = catalog.searchResults(**query)
        pagina.total = results.actual_result_count
    elif aguardando and sort_on == "retorno_data":
        results = catalog.searchResults(**query)
    else:
        results = _ordenar_em_python(
            catalog.searchResults(**query), sort_on, uid, lista, reverso
        )
        pagina.total = len(results)
    titulo_tipo = _tipos()
    nome = _nomes()
    if aguardando:  # one row per unit owing the return
        pares = [(b, d) for b in results for d in _aguardados(_objeto(b), uid)]
        if sort_on == "retorno_data":
            pares.sort(key=lambda par: (par[1].data, par[0].numero or ""))
            if reverso:
                pares.reverse()
        pagina.total = len(pares)
        visiveis = pares[b_start : b_start + b_size] if b_size else pares[b_start:]
        pagina.linhas = [
            _linha(b, unidade, lista, titulo_tipo, nome, d) for b, d in visiveis
        ]
        return pagina
    visiveis = results[b_start : b_start + b_size] if b_size else results[b_start:]
    pagina.linhas = [_linha(b, unidade, lista, titulo_tipo, nome) for b in visiveis]
    return pagina


def recebidos(unidade, **filtros) -> Pagina:
    return listar(unidade, "recebidos", **filtros)


def gerados(unidade, **filtros) -> Pagina:
    return listar(unidade, "gerados", **filtros)


def sobrestados(unidade, **filtros) -> Pagina:
    return listar(unidade, "sobrestados", **filtros)


def retornos(unidade, **filtros) -> dict[str, Pagina]:
    """``{"devolver": …, "aguardando": …}`` retornos programados of the unit."""
    return {
        "devolver": listar(unidade, "retornos_devolver", **filtros),
        "aguardando": listar(unidade, "retornos_aguardando", **filtros),
    }


def contagens(unidade, userid: str | None = None) -> dict[str, int]:
    """How many rows each list holds for the current user (tab badges)."""
    if indice.raiz() is not None and _membro(_uid(unidade)):
        uid, visivel = _uid(unidade), _visivel(_catalog())
        return {lista: indice.chaves(uid, lista, visivel)[0] for lista in LISTAS}
    catalog = _catalog()
    result = {}
    for lista in LISTAS:
        if lista == "retornos_aguardando":
            result[lista] = listar(unidade, lista, sort_on="numero", b_size=1).total
            continue
        query = consulta(unidade, lista, userid=userid)
        result[lista] = len(catalog.searchResults(**query)) if query else 0
    return result
