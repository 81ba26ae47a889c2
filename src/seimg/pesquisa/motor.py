"""The search engine's interface and its ZODB engine (issue 18).

An *entry* (:class:`Entrada`) is one piece of an object that one set of
viewers may read: a process's existence row, its especificação, its
interessados, a document's row, its content, a unit's observações. Each
entry carries the viewer classes the disclosure table lets match it
(``leitores``), its table row (``campo``), its words (stems and folded
forms, in position order), keys (numbers and filters, kept out of the
lexicon) and the text its snippets are cut from. Who may read an entry is
decided by :mod:`seimg.pesquisa.api`, never here: an engine only answers
"which entries hold this term", so every engine gives the same answers.

:class:`IMotor` is what :mod:`seimg.pesquisa.api` asks of an engine;
:class:`MotorZODB` keeps it in BTrees (a PostgreSQL engine will follow the
cluster work, issue 20). Pure: no Plone, unit-tested alone.

Layout of :class:`MotorZODB`::

    _entradas  IOBTree   entry id → Registro (persistent: one load each)
    _objetos   OOBTree   object UID → tuple of entry ids
    _radicais  OOBTree   stem → IITreeSet of entry ids       (the lexicon)
    _formas    OOBTree   folded form → IITreeSet              (prefixes)
    _chaves    OOBTree   key → IITreeSet   (numbers, filters: not the lexicon)

No statistic over the whole collection is kept or used: ranking is the
caller's, from the entries the viewer may read.
"""

from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import multiunion
from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from dataclasses import field
from persistent import Persistent
from seimg.pesquisa.consulta import FRASE
from seimg.pesquisa.consulta import PREFIXO
from zope.interface import implementer
from zope.interface import Interface
import random


#: A prefix expands to every indexed form it starts (no cap: a cap counted
#: over the whole lexicon would let forms of entries the viewer may not read
#: push readable ones out, an oracle). Work stays bounded by the query's
#: minimum prefix length and the API's cap on readable entries read.

#: Entry ids: machine integers (IOBTree keys), allocated in runs of at most
#: ``_RODADA`` consecutive ids from a random start.
_MIN_ID, _MAX_ID = -(2**31), 2**31 - 1
_RODADA = 4000


@dataclass
class Entrada:
    """What is indexed of one readable piece of an object."""

    chave: str  # unique per object: "existencia", "conteudo", "obs:<uid>"…
    objeto: str  # UID of the process or document
    processo: str  # UID of the process (itself for process entries)
    campo: str  # the disclosure table's row
    leitores: frozenset = frozenset()  # viewer classes allowed to match
    condicoes: dict = field(default_factory=dict)  # e.g. {"unidade": uid}
    peso: float = 1.0
    radicais: tuple = ()
    formas: tuple = ()
    chaves: frozenset = frozenset()
    texto: str = ""  # snippets are cut from it
    fonte: str = ""  # fingerprint of the text's source (skip re-analysis)
    dados: dict = field(default_factory=dict)  # sort and facet values
    alvo: object = None  # (container path, persistent object)


class IMotor(Interface):
    """What the search API asks of an engine."""

    def gravar(objeto, entradas):
        """Replace every entry of ``objeto`` (a UID) by ``entradas``."""

    def remover(objeto):
        """Drop every entry of ``objeto``."""

    def entradas_de(objeto):
        """The entries of ``objeto`` (a list, maybe empty)."""

    def idents_de(objeto):
        """The ids of the entries of ``objeto`` (a tuple, maybe empty)."""

    def encontrar(termo):
        """Ids of the entries holding ``termo`` (a :class:`consulta.Termo`):
        its words (a phrase: in order), or any of its number keys."""

    def com_chave(chave):
        """Ids of the entries carrying ``chave``."""

    def entrada(ident):
        """The entry of id ``ident`` (or None)."""

    def __len__():
        """How many objects are indexed."""


class Registro(Persistent):
    """An :class:`Entrada` as stored: its own record, loaded alone."""

    def __init__(self, entrada: Entrada):
        self.__dict__.update(vars(entrada))

    def como_entrada(self) -> Entrada:
        return Entrada(**{k: getattr(self, k) for k in Entrada.__dataclass_fields__})


def _ocorre(frase: tuple, radicais: tuple) -> int:
    """How many times ``frase`` occurs in order in ``radicais``."""
    n = len(frase)
    if not n or n > len(radicais):
        return 0
    primeiro = frase[0]
    return sum(
        1
        for i, valor in enumerate(radicais[: len(radicais) - n + 1])
        if valor == primeiro and radicais[i : i + n] == frase
    )


def frequencia(termo, entrada) -> int:
    """Occurrences of ``termo`` in ``entrada`` (an entry's own statistic)."""
    if termo.numeros & entrada.chaves:
        return 1
    if termo.tipo == FRASE:
        return _ocorre(termo.valores, entrada.radicais)
    if termo.tipo == PREFIXO:
        prefixo = termo.valores[0]
        return sum(1 for f in entrada.formas if f.startswith(prefixo))
    if not termo.valores:
        return 0
    return entrada.radicais.count(termo.valores[0])


@implementer(IMotor)
class MotorZODB(Persistent):
    """The engine on ZODB BTrees."""

    def __init__(self):
        self._entradas = IOBTree()
        self._objetos = OOBTree()
        self._radicais = OOBTree()
        self._formas = OOBTree()
        self._chaves = OOBTree()
        self._tamanho = Length()

    def __len__(self) -> int:
        return self._tamanho()

    # -- writing ----------------------------------------------------------
    def _novo_id(self) -> int:
        """A free entry id: the next one after this connection's last, from
        a random start (as ZCatalog allocates its record ids). An object's
        entries, and those written together, share ``_entradas`` buckets:
        reading them loads a bucket or two, not one per entry (random ids
        made a query's loads grow with the index's size), while concurrent
        writers start far apart and rarely share a bucket."""
        ident = getattr(self, "_v_proximo", None)
        while True:
            if ident is None or ident >= _MAX_ID or ident % _RODADA == 0:
                ident = random.randint(_MIN_ID, _MAX_ID - _RODADA)
            if ident not in self._entradas:
                self._v_proximo = ident + 1
                return ident
            ident = None

    @staticmethod
    def _por(arvore, valores, ident, inserir: bool) -> None:
        for valor in valores:
            conjunto = arvore.get(valor)
            if inserir:
                if conjunto is None:
                    conjunto = arvore[valor] = IITreeSet()
                conjunto.insert(ident)
            elif conjunto is not None:
                conjunto.remove(ident) if ident in conjunto else None
                if not conjunto:
                    del arvore[valor]

    def _postings(self, registro, ident, inserir: bool) -> None:
        self._por(self._radicais, set(registro.radicais), ident, inserir)
        self._por(self._formas, set(registro.formas), ident, inserir)
        self._por(self._chaves, registro.chaves, ident, inserir)

    def gravar(self, objeto: str, entradas) -> None:
        """Replace the entries of ``objeto``; unchanged entries stay as they
        are (no write), so a re-index that changes nothing costs reads only."""
        antigos = {}
        for ident in self._objetos.get(objeto, ()):
            registro = self._entradas.get(ident)
            if registro is not None:
                antigos[registro.chave] = (ident, registro)
        idents = []
        for entrada in entradas:
            velho = antigos.pop(entrada.chave, None)
            if velho is not None:
                ident, registro = velho
                if registro.como_entrada() == entrada:
                    idents.append(ident)
                    continue
                self._postings(registro, ident, inserir=False)
                del self._entradas[ident]
            ident = self._novo_id()
            registro = Registro(entrada)
            self._entradas[ident] = registro
            self._postings(registro, ident, inserir=True)
            idents.append(ident)
        for ident, registro in antigos.values():
            self._postings(registro, ident, inserir=False)
            del self._entradas[ident]
        if not idents:
            self.remover(objeto)
            return
        if objeto not in self._objetos:
            self._tamanho.change(1)
        if tuple(self._objetos.get(objeto, ())) != tuple(idents):
            self._objetos[objeto] = tuple(idents)

    def remover(self, objeto: str) -> None:
        idents = self._objetos.get(objeto)
        if idents is None:
            return
        for ident in idents:
            registro = self._entradas.get(ident)
            if registro is not None:
                self._postings(registro, ident, inserir=False)
                del self._entradas[ident]
        del self._objetos[objeto]
        self._tamanho.change(-1)

    # -- reading ----------------------------------------------------------
    def entradas_de(self, objeto: str) -> list:
        return [
            registro
            for registro in (
                self._entradas.get(i) for i in self._objetos.get(objeto, ())
            )
            if registro is not None
        ]

    def idents_de(self, objeto: str) -> tuple:
        return tuple(self._objetos.get(objeto, ()))

    def entrada(self, ident: int):
        return self._entradas.get(ident)

    def com_chave(self, chave: str):
        return self._chaves.get(chave) or IITreeSet()

    def _prefixo(self, prefixo: str):
        conjuntos = []
        for forma in self._formas.keys(min=prefixo):
            if not forma.startswith(prefixo):
                break
            conjuntos.append(self._formas[forma])
        return multiunion(conjuntos) if conjuntos else IITreeSet()

    def _frase(self, valores: tuple):
        from BTrees.IIBTree import intersection

        resultado = None
        # Rarest first would read collection statistics; the order here is
        # the query's, and the result is the same whatever the order.
        for valor in dict.fromkeys(valores):
            conjunto = self._radicais.get(valor)
            if conjunto is None:
                return IITreeSet()
            resultado = (
                conjunto if resultado is None else intersection(resultado, conjunto)
            )
            if not resultado:
                return IITreeSet()
        return IITreeSet(
            i for i in resultado or () if _ocorre(valores, self._entradas[i].radicais)
        )

    def encontrar(self, termo):
        conjuntos = [self.com_chave(chave) for chave in sorted(termo.numeros)]
        if termo.tipo == PREFIXO:
            conjuntos.append(self._prefixo(termo.valores[0]))
        elif termo.tipo == FRASE:
            conjuntos.append(self._frase(termo.valores))
        elif termo.valores:
            conjuntos.append(self._radicais.get(termo.valores[0]) or IITreeSet())
        conjuntos = [c for c in conjuntos if c]
        return multiunion(conjuntos) if conjuntos else IITreeSet()
