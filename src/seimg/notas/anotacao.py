"""Anotação: one post-it per unit on a process, with a priority flag."""

from seimg import _
from seimg.notas.modelo import _exigir_acesso
from seimg.notas.modelo import _reindexar
from seimg.notas.modelo import _str
from seimg.notas.modelo import _tree
from seimg.notas.modelo import _uid
from seimg.notas.modelo import _usuario
from seimg.notas.modelo import Anotacao
from seimg.notas.modelo import ANOTACOES
from seimg.notas.modelo import MAX_ANOTACAO
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido


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
    # The note's text is searchable by its unit (seimg.pesquisa follows the
    # catalog's queue).
    _reindexar(processo, "SearchableText")
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
    _reindexar(processo, "SearchableText")
