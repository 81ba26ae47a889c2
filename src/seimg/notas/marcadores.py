"""Marcadores: a unit's tags (name and colour) and the tag it puts on a
process (one per unit, with a text and the history of changes).
"""

from persistent.mapping import PersistentMapping
from plone import api
from seimg import _
from seimg.notas.modelo import _exigir_acesso
from seimg.notas.modelo import _reindexar
from seimg.notas.modelo import _str
from seimg.notas.modelo import _tree
from seimg.notas.modelo import _uid
from seimg.notas.modelo import _usuario
from seimg.notas.modelo import CORES
from seimg.notas.modelo import Marcacao
from seimg.notas.modelo import MARCACOES
from seimg.notas.modelo import MARCADORES
from seimg.notas.modelo import MAX_NOME_MARCADOR
from seimg.notas.modelo import MAX_TEXTO_MARCADOR
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations


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


def _validar_texto(texto) -> str:
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
    return texto


def marcar(processo, marcador_id: str, texto: str = "") -> dict:
    """Put the acting unit's tag on ``processo`` (replacing its previous one)."""
    unidade = regras.exigir_aberto(processo)
    definicao = _exigir_marcador(unidade, marcador_id)
    texto = _validar_texto(texto)
    _registrar_marcacao(processo, unidade, "marcado", definicao, texto)
    return marcacao(processo, unidade)


def criar_e_marcar(processo, nome: str, cor: str, texto: str = "") -> dict:
    """Create a tag of the acting unit and put it on ``processo`` at once.

    Everything is checked before anything is written: the process open in
    the unit, the new tag's name and colour, the text.
    """
    unidade = regras.exigir_aberto(processo)
    _validar_marcador(unidade, nome, cor)
    texto = _validar_texto(texto)
    novo = criar_marcador(nome, cor)
    _registrar_marcacao(processo, unidade, "marcado", novo, texto)
    return marcacao(processo, unidade)


def pode_gerenciar_marcadores() -> bool:
    """For the "Marcadores" menu item: the user acts for a unit."""
    from seimg.organizacao.atual import unidade_atual
    from zExceptions import Forbidden

    if api.user.is_anonymous():
        return False
    try:
        return unidade_atual() is not None
    except Forbidden:  # a refused X-Unidade header: no menu item, no error
        return False


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
