"""Acompanhamento especial: the unit's watch list of processes, kept after
conclusion.
"""

from BTrees.OOBTree import OOTreeSet
from persistent.mapping import PersistentMapping
from plone import api
from seimg import _
from seimg.notas.modelo import _exigir_acesso
from seimg.notas.modelo import _reindexar
from seimg.notas.modelo import _str
from seimg.notas.modelo import _tree
from seimg.notas.modelo import _usuario
from seimg.notas.modelo import ACOMPANHADO_POR
from seimg.notas.modelo import ACOMPANHAMENTOS
from seimg.notas.modelo import MAX_GRUPO
from seimg.notas.modelo import MAX_OBSERVACAO
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from zope.annotation.interfaces import IAnnotations


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
