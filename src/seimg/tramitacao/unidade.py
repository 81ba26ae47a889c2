"""Each unit's own notes on processos: anotação, marcadores, acompanhamento especial.

Nothing here is seen by other units. Storage is split so that two units
never write the same persistent object (except the BTrees below, whose
conflict resolution merges inserts of different keys):

- annotation ``seimg.anotacoes`` of a Processo: unit UID → :class:`Anotacao`
  (one post-it per unit, with a priority flag);
- annotation ``seimg.marcadores`` of a Unidade: the unit's tags
  ``{id, nome, cor}`` (``cor`` from :data:`CORES`) and the next id;
- annotation ``seimg.marcacoes`` of a Processo: unit UID → :class:`Marcacao`
  (at most one tag per unit, with a text and the history of changes);
  catalog index ``marcadores``: ``"<unit UID>:<marcador id>"``;
- annotation ``seimg.acompanhamentos`` of a Unidade: processo UID →
  ``{grupo, observacao, usuario, data}`` (the unit's watch list, kept after
  conclusion) and, on the Processo, ``seimg.acompanhado_por`` (set of unit
  UIDs) for the catalog index ``acompanhado_por``.

The acting unit is :func:`seimg.organizacao.atual.unidade_atual`; writing a
note on a process needs it open there (removing one, only that the unit had
it); refusals are Portuguese messages (403/400) raised before any change.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from seimg import _
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations


ANOTACOES = "seimg.anotacoes"
MARCADORES = "seimg.marcadores"
MARCACOES = "seimg.marcacoes"
ACOMPANHAMENTOS = "seimg.acompanhamentos"
ACOMPANHADO_POR = "seimg.acompanhado_por"

MAX_ANOTACAO = 2000
MAX_NOME_MARCADOR = 50
MAX_TEXTO_MARCADOR = 250
MAX_GRUPO = 100
MAX_OBSERVACAO = 500

#: token → (label, CSS colour): the fixed palette of marcadores.
CORES = {
    "vermelho": (_("cor_vermelho", default="Red"), "#dc3545"),
    "laranja": (_("cor_laranja", default="Orange"), "#fd7e14"),
    "amarelo": (_("cor_amarelo", default="Yellow"), "#ffc107"),
    "verde": (_("cor_verde", default="Green"), "#198754"),
    "azul": (_("cor_azul", default="Blue"), "#0d6efd"),
    "roxo": (_("cor_roxo", default="Purple"), "#6f42c1"),
    "rosa": (_("cor_rosa", default="Pink"), "#d63384"),
    "ciano": (_("cor_ciano", default="Cyan"), "#0dcaf0"),
    "cinza": (_("cor_cinza", default="Grey"), "#6c757d"),
    "preto": (_("cor_preto", default="Black"), "#212529"),
}


class Anotacao(Persistent):
    def __init__(self, texto: str, prioridade: bool, usuario: str | None):
        self.texto = texto
        self.prioridade = prioridade
        self.usuario = usuario
        self.data = tramite.agora()

    def info(self) -> dict:
        return {
            "texto": self.texto,
            "prioridade": self.prioridade,
            "usuario": self.usuario,
            "data": self.data,
        }


class Marcacao(Persistent):
    """One unit's marcador on one process (None when removed) and its history."""

    def __init__(self):
        self.marcador: str | None = None
        self.texto = ""
        self.usuario = None
        self.data = None
        self.historico = PersistentList()


# -- helpers -----------------------------------------------------------------


def _usuario() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _uid(unidade) -> str:
    return unidade if isinstance(unidade, str) else unidade.UID()


def _tree(obj, key: str, criar: bool):
    annotations = IAnnotations(obj)
    tree = annotations.get(key)
    if tree is None and criar:
        tree = annotations[key] = OOBTree()
    return tree


def _str(valor) -> str:
    return valor.strip() if isinstance(valor, str) else ""


def _reindexar(processo, *indexes: str) -> None:
    processo.reindexObject(idxs=list(indexes))


def _exigir_acesso(processo):
    """The acting unit, which must have (or have had) ``processo``."""
    unidade = regras.exigir_unidade()
    regras.exigir_acesso(processo)
    if not tramite.passou_por(processo, unidade):
        raise proibido(
            _(
                "nota_sem_acesso",
                default="The process ${numero} never was in your unit ${unidade}.",
                mapping={
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    return unidade


# -- anotação --------------------------------------------------------------------


def anotacao(processo, unidade) -> dict | None:
    """``{texto, prioridade, usuario, data}`` of ``unidade``'s note, or None."""
    if unidade is None:
        return None
    tree = _tree(processo, ANOTACOES, criar=False)
    nota = tree.get(_uid(unidade)) if tree is not None else None
    return nota.info() if nota is not None else None


def anotar(processo, texto: str, prioridade: bool = False) -> dict:
    """Write (or replace) the acting unit's note on ``processo``."""
    unidade = regras.exigir_aberto(processo)
    texto = _str(texto)
    if not texto:
        raise invalido(_("anotacao_texto_obrigatorio", default="Texto: required."))
    if len(texto) > MAX_ANOTACAO:
        raise invalido(
            _(
                "anotacao_texto_longo",
                default="Texto: at most ${maximo} characters.",
                mapping={"maximo": MAX_ANOTACAO},
            )
        )
    if not isinstance(prioridade, bool):
        raise invalido(
            _("anotacao_prioridade_invalida", default="Prioridade: true or false.")
        )
    tree = _tree(processo, ANOTACOES, criar=True)
    nota = tree.get(unidade.UID())
    if nota is None:
        tree[unidade.UID()] = Anotacao(texto, prioridade, _usuario())
    else:  # change the unit's own object, not the shared tree
        nota.texto, nota.prioridade = texto, prioridade
        nota.usuario, nota.data = _usuario(), tramite.agora()
    return anotacao(processo, unidade)


def remover_anotacao(processo) -> None:
    unidade = _exigir_acesso(processo)
    tree = _tree(processo, ANOTACOES, criar=False)
    if tree is None or unidade.UID() not in tree:
        raise invalido(
            _(
                "anotacao_inexistente",
                default="Anotação: your unit has no note on this process.",
            )
        )
    del tree[unidade.UID()]


# -- marcadores of a unit --------------------------------------------------------


def _definicoes(unidade, criar: bool):
    annotations = IAnnotations(unidade)
    dados = annotations.get(MARCADORES)
    if dados is None and criar:
        dados = annotations[MARCADORES] = PersistentMapping(
            {"proximo": 1, "itens": PersistentMapping()}
        )
    return dados


def marcadores(unidade) -> list[dict]:
    """The unit's tags ``{id, nome, cor}``, by name."""
    dados = _definicoes(unidade, criar=False)
    if dados is None:
        return []
    itens = [dict(item) for item in dados["itens"].values()]
    return sorted(itens, key=lambda item: item["nome"].lower())


def marcador(unidade, marcador_id) -> dict | None:
    dados = _definicoes(unidade, criar=False)
    if dados is None or not isinstance(marcador_id, str):
        return None
    item = dados["itens"].get(marcador_id)
    return dict(item) if item is not None else None


def _validar_marcador(unidade, nome, cor, ignorar: str | None = None):
    nome = _str(nome)
    if not nome:
        raise invalido(_("marcador_nome_obrigatorio", default="Nome: required."))
    if len(nome) > MAX_NOME_MARCADOR:
        raise invalido(
            _(
                "marcador_nome_longo",
                default="Nome: at most ${maximo} characters.",
                mapping={"maximo": MAX_NOME_MARCADOR},
            )
        )
    if cor not in CORES:
        raise invalido(
            _(
                "marcador_cor_invalida",
                default="Cor: choose one of ${cores}.",
                mapping={"cores": ", ".join(CORES)},
            )
        )
    for item in marcadores(unidade):
        if item["id"] != ignorar and item["nome"].lower() == nome.lower():
            raise invalido(
                _(
                    "marcador_nome_repetido",
                    default="Nome: your unit already has a marcador '${nome}'.",
                    mapping={"nome": nome},
                )
            )
    return nome


def _exigir_marcador(unidade, marcador_id) -> dict:
    item = marcador(unidade, marcador_id)
    if item is None:
        raise invalido(
            _(
                "marcador_desconhecido",
                default="Marcador: your unit has no marcador '${marcador}'.",
                mapping={"marcador": str(marcador_id or "")},
            )
        )
    return item


def criar_marcador(nome: str, cor: str) -> dict:
    """A new tag of the acting unit."""
    unidade = regras.exigir_unidade()
    nome = _validar_marcador(unidade, nome, cor)
    dados = _definicoes(unidade, criar=True)
    marcador_id = str(dados["proximo"])
    dados["proximo"] += 1
    dados["itens"][marcador_id] = PersistentMapping(
        {"id": marcador_id, "nome": nome, "cor": cor}
    )
    return marcador(unidade, marcador_id)


def editar_marcador(marcador_id: str, nome: str | None = None, cor: str | None = None):
    unidade = regras.exigir_unidade()
    atual = _exigir_marcador(unidade, marcador_id)
    nome = atual["nome"] if nome is None else nome
    cor = atual["cor"] if cor is None else cor
    nome = _validar_marcador(unidade, nome, cor, ignorar=marcador_id)
    item = _definicoes(unidade, criar=False)["itens"][marcador_id]
    item["nome"], item["cor"] = nome, cor
    return marcador(unidade, marcador_id)


def processos_marcados(unidade, marcador_id: str) -> int:
    """How many processes carry this tag of ``unidade`` (any the system holds)."""
    catalog = api.portal.get_tool("portal_catalog")
    return len(
        catalog.unrestrictedSearchResults(marcadores=f"{_uid(unidade)}:{marcador_id}")
    )


def excluir_marcador(marcador_id: str) -> None:
    """Delete a tag of the acting unit that no process carries."""
    unidade = regras.exigir_unidade()
    _exigir_marcador(unidade, marcador_id)
    em_uso = processos_marcados(unidade, marcador_id)
    if em_uso:
        raise proibido(
            _(
                "marcador_em_uso",
                default="The marcador is on ${total} process(es): remove it from them "
                "first.",
                mapping={"total": em_uso},
            )
        )
    del _definicoes(unidade, criar=False)["itens"][marcador_id]


# -- marcadores on processes -----------------------------------------------------


def marcacao(processo, unidade) -> dict | None:
    """``{marcador: {id, nome, cor}, texto, usuario, data}`` of ``unidade``, or None."""
    if unidade is None:
        return None
    tree = _tree(processo, MARCACOES, criar=False)
    atual = tree.get(_uid(unidade)) if tree is not None else None
    if atual is None or atual.marcador is None:
        return None
    definicao = marcador(unidade, atual.marcador) or {
        "id": atual.marcador,
        "nome": atual.marcador,
        "cor": "cinza",
    }
    return {
        "marcador": definicao,
        "texto": atual.texto,
        "usuario": atual.usuario,
        "data": atual.data,
    }


def historico_marcadores(processo, unidade) -> list[dict]:
    """Every change of ``unidade``'s marcador on ``processo``, oldest first.

    ``{acao: "marcado"|"desmarcado", marcador, nome, cor, texto, usuario, data}``
    """
    tree = _tree(processo, MARCACOES, criar=False)
    atual = tree.get(_uid(unidade)) if tree is not None else None
    return [dict(item) for item in atual.historico] if atual is not None else []


def _registrar_marcacao(processo, unidade, acao: str, definicao, texto: str):
    tree = _tree(processo, MARCACOES, criar=True)
    atual = tree.get(unidade.UID())
    if atual is None:
        atual = tree[unidade.UID()] = Marcacao()
    usuario, data = _usuario(), tramite.agora()
    atual.marcador = definicao["id"] if acao == "marcado" else None
    atual.texto = texto if acao == "marcado" else ""
    atual.usuario, atual.data = usuario, data
    atual.historico.append(
        {
            "acao": acao,
            "marcador": definicao["id"],
            "nome": definicao["nome"],
            "cor": definicao["cor"],
            "texto": texto,
            "usuario": usuario,
            "data": data,
        }
    )
    _reindexar(processo, "marcadores")


def marcar(processo, marcador_id: str, texto: str = "") -> dict:
    """Put the acting unit's tag on ``processo`` (replacing its previous one)."""
    unidade = regras.exigir_aberto(processo)
    definicao = _exigir_marcador(unidade, marcador_id)
    if texto is not None and not isinstance(texto, str):
        raise invalido(_("marcador_texto_invalido", default="Texto: must be text."))
    texto = _str(texto)
    if len(texto) > MAX_TEXTO_MARCADOR:
        raise invalido(
            _(
                "marcador_texto_longo",
                default="Texto: at most ${maximo} characters.",
                mapping={"maximo": MAX_TEXTO_MARCADOR},
            )
        )
    _registrar_marcacao(processo, unidade, "marcado", definicao, texto)
    return marcacao(processo, unidade)


def desmarcar(processo) -> None:
    """Remove the acting unit's tag from ``processo``."""
    unidade = _exigir_acesso(processo)
    atual = marcacao(processo, unidade)
    if atual is None:
        raise invalido(
            _(
                "marcador_ausente",
                default="Marcador: your unit has no marcador on this process.",
            )
        )
    _registrar_marcacao(processo, unidade, "desmarcado", atual["marcador"], "")


def marcadores_indexados(processo) -> list[str]:
    """``"<unit UID>:<marcador id>"`` of every unit's current tag (catalog)."""
    tree = _tree(processo, MARCACOES, criar=False)
    if tree is None:
        return []
    return [f"{uid}:{m.marcador}" for uid, m in tree.items() if m.marcador]


# -- acompanhamento especial ---------------------------------------------------


def _acompanhados(unidade, criar: bool):
    return _tree(unidade, ACOMPANHAMENTOS, criar=criar)


def acompanhado_por(processo) -> list[str]:
    """UIDs of the units watching ``processo`` (catalog)."""
    conjunto = IAnnotations(processo).get(ACOMPANHADO_POR)
    return list(conjunto) if conjunto is not None else []


def acompanhamento(processo, unidade) -> dict | None:
    if unidade is None:
        return None
    tree = _acompanhados(unidade, criar=False)
    info = tree.get(processo.UID()) if tree is not None else None
    return dict(info) if info is not None else None


def acompanhar(processo, grupo: str = "", observacao: str = "") -> dict:
    """Put (or update) ``processo`` on the acting unit's watch list."""
    unidade = _exigir_acesso(processo)
    for valor, campo in ((grupo, "grupo"), (observacao, "observacao")):
        if valor is not None and not isinstance(valor, str):
            raise invalido(
                _(
                    "acompanhamento_campo_invalido",
                    default="${campo}: must be text.",
                    mapping={"campo": campo},
                )
            )
    grupo, observacao = _str(grupo), _str(observacao)
    if len(grupo) > MAX_GRUPO:
        raise invalido(
            _(
                "acompanhamento_grupo_longo",
                default="Grupo: at most ${maximo} characters.",
                mapping={"maximo": MAX_GRUPO},
            )
        )
    if len(observacao) > MAX_OBSERVACAO:
        raise invalido(
            _(
                "acompanhamento_observacao_longa",
                default="Observação: at most ${maximo} characters.",
                mapping={"maximo": MAX_OBSERVACAO},
            )
        )
    tree = _acompanhados(unidade, criar=True)
    info = tree.get(processo.UID())
    dados = {
        "grupo": grupo,
        "observacao": observacao,
        "usuario": _usuario(),
        "data": tramite.agora(),
    }
    if info is None:
        tree[processo.UID()] = PersistentMapping(dados)
    else:
        info.update(dados)
    annotations = IAnnotations(processo)
    conjunto = annotations.get(ACOMPANHADO_POR)
    if conjunto is None:
        conjunto = annotations[ACOMPANHADO_POR] = OOTreeSet()
    if unidade.UID() not in conjunto:
        conjunto.add(unidade.UID())
        _reindexar(processo, "acompanhado_por")
    return acompanhamento(processo, unidade)


def deixar_de_acompanhar(processo) -> None:
    unidade = regras.exigir_unidade()
    tree = _acompanhados(unidade, criar=False)
    if tree is None or processo.UID() not in tree:
        raise invalido(
            _(
                "acompanhamento_inexistente",
                default="Acompanhamento: the process ${numero} is not on your unit's "
                "watch list.",
                mapping={"numero": processo.numero},
            )
        )
    del tree[processo.UID()]
    conjunto = IAnnotations(processo).get(ACOMPANHADO_POR)
    if conjunto is not None and unidade.UID() in conjunto:
        conjunto.remove(unidade.UID())
    _reindexar(processo, "acompanhado_por")


def acompanhamentos(unidade) -> list[dict]:
    """The unit's watch list, by group then number, of processes the user sees.

    ``{processo: UID, numero, url, especificacao, grupo, observacao, usuario,
    data, aberto}`` (``aberto``: open in ``unidade`` now).
    """
    tree = _acompanhados(unidade, criar=False)
    if not tree:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = {b.UID: b for b in catalog(UID=list(tree.keys()), portal_type="Processo")}
    result = []
    for uid, info in tree.items():
        brain = brains.get(uid)
        if brain is None:
            continue
        processo = brain.getObject()
        result.append(
            {
                "processo": uid,
                "numero": processo.numero,
                "url": processo.absolute_url(),
                "especificacao": processo.especificacao or "",
                "aberto": tramite.aberto_em(processo, unidade),
                **dict(info),
            }
        )
    result.sort(key=lambda item: (item["grupo"].lower(), item["numero"] or ""))
    return result
