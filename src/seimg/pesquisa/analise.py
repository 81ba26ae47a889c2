"""Portuguese text analysis for seimg's search (issue 18): pure, no Zope.

What a text becomes before it is indexed, and what a query's words become
before they are looked up, so that both meet:

- **folding**: lower case without accents ("Licitações" → "licitacoes"), so
  that a search typed without accents finds accented text and back;
- **stop words** (Snowball's Portuguese list) left out; positions are counted
  after they are removed, so a phrase matches across them;
- **stemming** with Snowball's Portuguese stemmer (PyStemmer): "contratos"
  and "contrato" meet. Snowball expects accented Portuguese and folded words
  lose what its suffix rules look for ("licitacao" would not meet
  "licitação"), so the common accented endings are put back before stemming
  (:func:`reacentuar`) and the stem is folded after;
- each word keeps its **folded form** beside its stem: a prefix (``contrat*``)
  matches the words as written, not their stems.

Numbers are words too ("14.133/2021" gives 14, 133 and 2021); numbers of the
objects themselves (NUP, número SEI) live in an index of their own.
"""

from dataclasses import dataclass
from functools import lru_cache
import re
import unicodedata


#: Snowball's Portuguese stop words, folded (snowballstem.org/algorithms/
#: portuguese/stop.txt). "não" is one: negation is the query's operator NÃO.
_PARADAS = """
de a o que e do da em um para com nao uma os no se na por mais as dos como mas
ao ele das a seu sua ou quando muito nos ja eu tambem so pelo pela ate isso ela
entre depois sem mesmo aos seus quem nas me esse eles voce essa num nem suas
meu as minha numa pelos elas qual nos lhe deles essas esses pelas este dele tu
te voces vos lhes meus minhas teu tua teus tuas nosso nossa nossos nossas dela
delas esta estes estas aquele aquela aqueles aquelas isto aquilo estou esta
estamos estao estive esteve estivemos estiveram estava estavamos estavam
estivera estiveramos esteja estejamos estejam estivesse estivessemos
estivessem estiver estivermos estiverem hei ha havemos hao houve houvemos
houveram houvera houveramos haja hajamos hajam houvesse houvessemos houvessem
houver houvermos houverem houverei houvera houveremos houverao houveria
houveriamos houveriam sou somos sao era eramos eram fui foi fomos foram fora
foramos seja sejamos sejam fosse fossemos fossem for formos forem serei sera
seremos serao seria seriamos seriam tenho tem temos tem tinha tinhamos tinham
tive teve tivemos tiveram tivera tiveramos tenha tenhamos tenham tivesse
tivessemos tivessem tiver tivermos tiverem terei tera teremos terao teria
teriamos teriam
"""
PARADAS = frozenset(_PARADAS.split())

_PALAVRA = re.compile(r"[^\W_]+", re.UNICODE)

#: Folded endings → the accented endings Snowball's suffix rules expect
#: (longest first).
_FINAIS = (
    ("coes", "ções"),
    ("cao", "ção"),
    ("encias", "ências"),
    ("encia", "ência"),
    ("ancias", "âncias"),
    ("ancia", "ância"),
    ("aveis", "áveis"),
    ("avel", "ável"),
    ("iveis", "íveis"),
    ("ivel", "ível"),
    ("oes", "ões"),
    ("aes", "ães"),
    ("ao", "ão"),
)


def dobrar(texto: str) -> str:
    """Lower case, without accents (NFKD, combining marks left out)."""
    decomposto = unicodedata.normalize("NFKD", texto or "")
    return "".join(c for c in decomposto if not unicodedata.combining(c)).casefold()


def reacentuar(palavra: str) -> str:
    """A folded word with its ending accented again, for the stemmer."""
    for final, acentuado in _FINAIS:
        if palavra.endswith(final) and len(palavra) > len(final) + 1:
            return palavra[: -len(final)] + acentuado
    return palavra


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("portuguese")


@lru_cache(maxsize=65536)
def radical(palavra: str) -> str:
    """The folded Snowball stem of a folded word (numbers stay as they are)."""
    if palavra.isdigit() or len(palavra) < 3:
        return palavra
    return dobrar(_stemmer().stemWord(reacentuar(palavra)))


@dataclass(frozen=True)
class Termo:
    """One indexed word: its position (stop words not counted), the folded
    form as written and its stem."""

    posicao: int
    forma: str
    radical: str


def palavras(texto: str) -> list[str]:
    """The folded words of ``texto``, stop words included, in order."""
    return _PALAVRA.findall(dobrar(texto))


def analisar(texto: str) -> list[Termo]:
    """``texto`` as the index keeps it: folded, without stop words, stemmed."""
    termos = []
    for palavra in palavras(texto):
        if palavra in PARADAS:
            continue
        termos.append(Termo(len(termos), palavra, radical(palavra)))
    return termos


def cpf_valido(token: str) -> bool:
    """A CPF-shaped token (11 digits, punctuation or not) whose check digits
    hold: never indexed for anonymous search."""
    digitos = re.sub(r"\D", "", token or "")
    if len(digitos) != 11 or len(set(digitos)) == 1:
        return False
    from validate_docbr import CPF

    return CPF().validate(digitos)
