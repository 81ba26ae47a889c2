"""seimg's disclosure table (``docs/divulgacao.md``) as data.

One copy of the normative table "who sees what": the disclosure API
(:mod:`seimg.divulgacao.api`), the views, the REST serializers and the leak
tests read it from here. Pure Python, no Plone: unit tests import it alone.

Rows are *fields or surfaces* of a process or document; columns are the
*level* of the process as the viewer meets it and the *kind of viewer*. A
cell is one of the :data:`CELULAS` values; a few cells depend on a condition
of the object and are written as :class:`Condicional`, resolved by
:func:`celula`.
"""

from dataclasses import dataclass


# --- viewers -------------------------------------------------------------
ANONIMO = "A"  # anonymous visitor
OUTRO_ORGAO = "O"  # staff of another órgão the process never reached
MESMO_ORGAO = "U"  # staff of the same órgão, a unit the process never reached
TRAMITOU = "T"  # acting for a unit where the process is or was open
GERADORA = "G"  # acting for the unit that generated a given document
BLOCO = "B"  # a unit a bloco holding the item is made available to
CREDENCIAL = "C"  # holder of a credencial on a sigiloso process
LEITORES = (ANONIMO, OUTRO_ORGAO, MESMO_ORGAO, TRAMITOU, GERADORA, BLOCO, CREDENCIAL)

# --- levels --------------------------------------------------------------
PUBLICO = "P"
CONTAMINADO = "Rc"  # restrito by contamination (own level público)
RESTRITO = "Ro"  # own level restrito
PESSOAL = "Rp"  # restrito under a personal-information hipótese
SIGILOSO = "S"
NIVEIS = (PUBLICO, CONTAMINADO, RESTRITO, PESSOAL, SIGILOSO)

# --- cells ---------------------------------------------------------------
NADA = "—"  # answered exactly as a never-existing object
EXISTE = "∃"  # existence and the row's identifying metadata
VE = "✔"
MASCARA = "m"  # CPF ***.874.567-**, e-mail never
LISTA = "lst"  # listed row, "Acesso restrito — <hipótese>", no content
CELULAS = (NADA, EXISTE, VE, MASCARA, LISTA)


@dataclass(frozen=True)
class Condicional:
    """A cell that is ``sim`` when ``condicao`` holds for the object, else ``nao``."""

    condicao: str
    sim: str
    nao: str


# Conditions a caller states to :func:`celula` (keyword arguments).
INTERESSADOS_PUBLICOS = "interessados_publicos"  # the tipo de processo says so
CONTATO_DO_ORGAO = "contato_do_orgao"  # the contato belongs to the viewer's órgão
GERADORA_DO_DOCUMENTO = "unidade_geradora"  # the viewer acts for the generating unit
ESCREVEU = "escreveu"  # the viewer's unit wrote the observação/anotação

_SE_INTERESSADOS_PUBLICOS = Condicional(INTERESSADOS_PUBLICOS, VE, NADA)
_SE_ORGAO = Condicional(CONTATO_DO_ORGAO, VE, NADA)
_SE_ORGAO_SENAO_MASCARA = Condicional(CONTATO_DO_ORGAO, VE, MASCARA)
_SE_GERADORA = Condicional(GERADORA_DO_DOCUMENTO, VE, NADA)
_SE_ESCREVEU = Condicional(ESCREVEU, VE, NADA)

# --- rows ----------------------------------------------------------------
EXISTENCIA = "existencia"  # NUP, tipo, dates, órgão and unidade geradora
ESPECIFICACAO = "especificacao"
INTERESSADO_PJ = "interessado_pj"  # legal persons other than MEI: name, CNPJ
INTERESSADO_PF = "interessado_pf"  # natural persons and MEI: name
DADOS_PESSOAIS = "dados_pessoais"  # CPF, e-mail, address of an interessado
LISTA_DOCUMENTOS = "lista_documentos"  # a non-minuta document's row
CONTEUDO_PUBLICO = "conteudo_publico"  # content of a público document
CONTEUDO_RESTRITO = "conteudo_restrito"
MINUTA = "minuta"  # unsigned internal document: existence and content
CANCELADO = "cancelado"
ANDAMENTOS_RESUMIDO = "andamentos_resumido"
ANDAMENTOS_COMPLETO = "andamentos_completo"
OBSERVACOES = "observacoes"  # observações of a unit, anotações
AUTENTICIDADE = "autenticidade"  # metadata answer of the authenticity check
CONTATOS = "contatos"  # the contato directory
CAMPOS = (
    EXISTENCIA,
    ESPECIFICACAO,
    INTERESSADO_PJ,
    INTERESSADO_PF,
    DADOS_PESSOAIS,
    LISTA_DOCUMENTOS,
    CONTEUDO_PUBLICO,
    CONTEUDO_RESTRITO,
    MINUTA,
    CANCELADO,
    ANDAMENTOS_RESUMIDO,
    ANDAMENTOS_COMPLETO,
    OBSERVACOES,
    AUTENTICIDADE,
    CONTATOS,
)

_NAO_SIGILOSOS = (PUBLICO, CONTAMINADO, RESTRITO, PESSOAL)


def _linha(niveis, a, o, u, t, c, g=None, b=None) -> dict:
    """Cells of one row for ``niveis``; G and B read what T reads unless given."""
    celulas = {
        ANONIMO: a,
        OUTRO_ORGAO: o,
        MESMO_ORGAO: u,
        TRAMITOU: t,
        GERADORA: t if g is None else g,
        BLOCO: t if b is None else b,
        CREDENCIAL: c,
    }
    return {nivel: dict(celulas) for nivel in niveis}


def _juntar(*partes: dict) -> dict:
    result: dict = {}
    for parte in partes:
        result.update(parte)
    return result


# TABELA[campo][nivel][leitor] -> cell (a CELULAS value or a Condicional).
# Level S is added below for every row: only C sees anything.
TABELA: dict[str, dict[str, dict]] = {
    EXISTENCIA: _linha(_NAO_SIGILOSOS, VE, VE, VE, VE, VE),
    ESPECIFICACAO: _juntar(
        _linha((PUBLICO, CONTAMINADO), VE, VE, VE, VE, VE),
        _linha((RESTRITO,), NADA, VE, VE, VE, VE),
        _linha((PESSOAL,), NADA, NADA, NADA, VE, VE),
    ),
    INTERESSADO_PJ: _juntar(
        _linha((PUBLICO, CONTAMINADO, RESTRITO), VE, VE, VE, VE, VE),
        _linha((PESSOAL,), NADA, NADA, NADA, VE, VE),
    ),
    INTERESSADO_PF: _juntar(
        _linha((PUBLICO, CONTAMINADO), _SE_INTERESSADOS_PUBLICOS, VE, VE, VE, VE),
        _linha((RESTRITO,), NADA, VE, VE, VE, VE),
        _linha((PESSOAL,), NADA, NADA, NADA, VE, VE),
    ),
    # Only where the viewer sees the name (see :func:`dados_pessoais`).
    DADOS_PESSOAIS: _linha(
        _NAO_SIGILOSOS, NADA, _SE_ORGAO, _SE_ORGAO_SENAO_MASCARA, VE, VE
    ),
    # Per document: restricted documents of a process are LISTA for A, O, U.
    LISTA_DOCUMENTOS: _juntar(
        _linha((PUBLICO, CONTAMINADO, RESTRITO), VE, VE, VE, VE, VE),
        _linha((PESSOAL,), LISTA, LISTA, LISTA, VE, VE),
    ),
    CONTEUDO_PUBLICO: _juntar(
        _linha((PUBLICO, CONTAMINADO, RESTRITO), VE, VE, VE, VE, VE),
        _linha((PESSOAL,), LISTA, LISTA, LISTA, VE, VE),
    ),
    CONTEUDO_RESTRITO: _linha(_NAO_SIGILOSOS, LISTA, LISTA, LISTA, VE, VE),
    MINUTA: _linha(
        _NAO_SIGILOSOS, NADA, NADA, NADA, _SE_GERADORA, _SE_GERADORA, g=VE, b=VE
    ),
    CANCELADO: _linha(_NAO_SIGILOSOS, LISTA, LISTA, LISTA, LISTA, LISTA),
    ANDAMENTOS_RESUMIDO: _linha(_NAO_SIGILOSOS, VE, VE, VE, VE, VE),
    ANDAMENTOS_COMPLETO: _linha(_NAO_SIGILOSOS, NADA, NADA, NADA, VE, VE),
    OBSERVACOES: _linha(_NAO_SIGILOSOS, NADA, NADA, NADA, _SE_ESCREVEU, _SE_ESCREVEU),
    AUTENTICIDADE: _juntar(
        _linha((PUBLICO, CONTAMINADO, RESTRITO), VE, VE, VE, VE, VE),
        _linha((PESSOAL,), LISTA, LISTA, LISTA, LISTA, LISTA),
    ),
    CONTATOS: _linha(_NAO_SIGILOSOS, NADA, NADA, _SE_ORGAO, _SE_ORGAO, _SE_ORGAO),
}
# Precedence: at level S every cell is NADA for everyone but C, who sees
# what T sees of a restrito process (minutas still of the generating unit).
for _campo, _niveis in TABELA.items():
    _c = dict(_niveis[RESTRITO])
    _niveis[SIGILOSO] = {
        leitor: (_c[CREDENCIAL] if leitor == CREDENCIAL else NADA)
        for leitor in LEITORES
    }
# The contato directory does not depend on a process's level.
TABELA[CONTATOS][SIGILOSO] = dict(TABELA[CONTATOS][RESTRITO])


def celula(campo: str, nivel: str, leitor: str, **condicoes: bool) -> str:
    """The cell of ``campo`` at ``nivel`` for ``leitor``, conditions resolved.

    ``condicoes`` are the :class:`Condicional` names that hold for the object
    (e.g. ``contato_do_orgao=True``); unstated conditions are false.
    Raises ``KeyError`` for an unknown field, level or viewer.
    """
    valor = TABELA[campo][nivel][leitor]
    if isinstance(valor, Condicional):
        return valor.sim if condicoes.get(valor.condicao) else valor.nao
    return valor


def ve(campo: str, nivel: str, leitor: str, **condicoes: bool) -> bool:
    """True when the cell shows the field itself (not nothing, masked or listed)."""
    return celula(campo, nivel, leitor, **condicoes) == VE


def oculto(campo: str, nivel: str, leitor: str, **condicoes: bool) -> bool:
    """True when the viewer may not even learn that the object exists."""
    return celula(campo, nivel, leitor, **condicoes) == NADA
