"""The search box's language (issue 18): pure, no Zope.

- words are all required (``contrato merenda``);
- ``OU`` between two terms accepts either (``contrato OU convênio``);
- ``NÃO`` (or ``NAO``) or a leading ``-`` excludes the next term;
- ``"…"`` is a phrase: its words in that order (after stop words);
- a trailing ``*`` is a prefix of the written (folded) word: ``contrat*``;
- operators are the uppercase words only: ``e``, ``ou`` and ``não`` in
  lower case are ordinary (stop) words. ``E`` is the default and may be
  written.

:func:`interpretar` gives a :class:`Consulta`: groups that must all match,
each group a list of alternatives (``OU``), and the excluded terms. Query
words go through :mod:`seimg.pesquisa.analise` as the indexed text did;
number-shaped terms also carry the keys of :mod:`seimg.pesquisa.numeros`.
"""

from dataclasses import dataclass
from dataclasses import field
from seimg.pesquisa import analise
from seimg.pesquisa import numeros
import re


PALAVRA = "palavra"
PREFIXO = "prefixo"
FRASE = "frase"

_OPERADORES = {"E": "E", "OU": "OU", "NÃO": "NAO", "NAO": "NAO"}
_PEDACO = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Termo:
    """One query term: a word (its stem), a prefix (folded form) or a phrase
    (its stems in order); ``numeros``: keys for the numbers index."""

    tipo: str
    valores: tuple[str, ...]
    numeros: frozenset[str] = frozenset()
    original: str = ""


@dataclass
class Consulta:
    grupos: list[list[Termo]] = field(default_factory=list)
    excluidos: list[Termo] = field(default_factory=list)

    @property
    def vazia(self) -> bool:
        return not self.grupos


def _termo(texto: str, frase: bool) -> Termo | None:
    chaves = frozenset(numeros.chaves_da_consulta(texto))
    if frase:
        radicais = tuple(t.radical for t in analise.analisar(texto))
        if len(radicais) == 1:
            return Termo(PALAVRA, radicais, chaves, texto)
        return Termo(FRASE, radicais, chaves, texto) if radicais else None
    if texto.endswith("*") and len(texto) > 1:
        formas = analise.palavras(texto[:-1])
        return Termo(PREFIXO, (formas[-1],), chaves, texto) if formas else None
    termos = analise.analisar(texto)
    if not termos and not chaves:
        return None  # a stop word alone
    if len(termos) > 1:  # "14.133/2021", "guarda-chuva": the words in order
        return Termo(FRASE, tuple(t.radical for t in termos), chaves, texto)
    valores = (termos[0].radical,) if termos else ()
    return Termo(PALAVRA, valores, chaves, texto)


def interpretar(texto: str) -> Consulta:
    """The query typed in the search box, as groups of alternatives."""
    consulta = Consulta()
    negar = False
    ou = False
    for achado in _PEDACO.finditer(texto or ""):
        frase, solto = achado.group(1), achado.group(2)
        if solto is not None and solto in _OPERADORES:
            operador = _OPERADORES[solto]
            if operador == "NAO":
                negar = True
            elif operador == "OU":
                ou = bool(consulta.grupos)
            continue
        bruto = frase if frase is not None else solto
        if frase is None and bruto.startswith("-") and len(bruto) > 1:
            negar, bruto = True, bruto[1:]
            if bruto.startswith('"'):
                bruto = bruto.strip('"')
                frase = bruto
        termo = _termo(bruto, frase is not None)
        if termo is None:
            negar = ou = False
            continue
        if negar:
            consulta.excluidos.append(termo)
        elif ou:
            consulta.grupos[-1].append(termo)
        else:
            consulta.grupos.append([termo])
        negar = ou = False
    return consulta
