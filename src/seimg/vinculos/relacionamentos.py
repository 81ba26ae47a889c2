"""Relacionar: two-way links between processes (``_relacionados`` holds the
other side's UID on both).
"""

from BTrees.OOBTree import OOTreeSet
from seimg import _
from seimg import andamentos
from seimg.base.persistencia import atributo
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.vinculos.comum import _exigir_visivel
from seimg.vinculos.comum import por_uid


# -- relacionamentos -------------------------------------------------------------


def _conjunto(processo, nome: str) -> OOTreeSet:
    conjunto = atributo(processo, nome)
    if conjunto is None:
        conjunto = OOTreeSet()
        setattr(processo, nome, conjunto)
    return conjunto


def relacionados(processo) -> list:
    """The processes related to ``processo`` (any the user may or may not see)."""
    return [
        obj
        for obj in (por_uid(uid) for uid in atributo(processo, "_relacionados", ()))
        if obj is not None
    ]


def _exigir_outro(a, b) -> None:
    if a.UID() == b.UID():
        raise invalido(
            _(
                "relacionar_proprio",
                default="Processo: a process cannot be related to itself.",
            )
        )


def relacionar(a, b) -> None:
    """Relate ``a`` and ``b`` both ways (the acting unit has ``a`` open)."""
    unidade = regras.exigir_aberto(a)
    _exigir_outro(a, b)
    _exigir_visivel(b)
    if b.UID() in atributo(a, "_relacionados", ()):
        raise invalido(
            _(
                "relacionar_duplicado",
                default="Processo: ${a} and ${b} are already related.",
                mapping={"a": a.numero, "b": b.numero},
            )
        )
    _conjunto(a, "_relacionados").add(b.UID())
    _conjunto(b, "_relacionados").add(a.UID())
    andamentos.registrar(
        a, "relacionamento_incluido", unidade=unidade, processo_relacionado=b.numero
    )
    andamentos.registrar(
        b, "relacionamento_incluido", unidade=unidade, processo_relacionado=a.numero
    )
    tramite.reindexar(a)
    tramite.reindexar(b)


def remover_relacionamento(a, b) -> None:
    unidade = regras.exigir_aberto(a)
    _exigir_outro(a, b)
    if b.UID() not in atributo(a, "_relacionados", ()):
        raise invalido(
            _(
                "relacionamento_inexistente",
                default="Processo: ${a} and ${b} are not related.",
                mapping={"a": a.numero, "b": b.numero},
            )
        )
    _conjunto(a, "_relacionados").remove(b.UID())
    outro = _conjunto(b, "_relacionados")
    if a.UID() in outro:
        outro.remove(a.UID())
    andamentos.registrar(
        a, "relacionamento_removido", unidade=unidade, processo_relacionado=b.numero
    )
    andamentos.registrar(
        b, "relacionamento_removido", unidade=unidade, processo_relacionado=a.numero
    )
    tramite.reindexar(a)
    tramite.reindexar(b)
