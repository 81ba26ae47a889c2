"""ZCTextIndex's word buckets under concurrent indexing (issue 20).

Two connections of one FileStorage index, at the same time, a document each
with common words (already in many documents) and a new word of its own,
all in one ``_wordinfo`` bucket that also holds a rare word. With
:mod:`seimg.operacao.textindex` both commit; with ZCTextIndex's own code
(inline dicts, which BTrees cannot merge, and the bucket rewritten for every
word) the second one conflicts — the catalog hot spot that made concurrent
process creations retry. No Plone site: the index alone.
"""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from seimg.operacao import textindex
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
import pytest
import transaction
import ZODB


COMUNS = "oficio pedido acesso informacao"


@pytest.fixture(autouse=True)
def _keep_integration_session():
    """No plone.app.testing layer: a database of its own."""


@pytest.fixture(autouse=True)
def _keep_acceptance_session():
    """No plone.app.testing layer: a database of its own."""


@pytest.fixture
def banco(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield db
    db.close()


def _indice(db):
    gerente = transaction.TransactionManager()
    conexao = db.open(transaction_manager=gerente)
    indice = OkapiIndex(Lexicon(Splitter(), CaseNormalizer()))
    conexao.root()["indice"] = indice
    for docid in range(1, 13):  # common words: in 12 documents
        indice.index_doc(docid, COMUNS)
    indice.index_doc(100, "raro")  # a rare word, in one
    gerente.commit()
    assert len(indice._wordinfo) == 5  # a small tree: one bucket
    conexao.close()


def _indexar_ao_mesmo_tempo(db):
    """Two transactions index a document each, then both commit."""
    gerentes = [transaction.TransactionManager() for _ in range(2)]
    conexoes = [db.open(transaction_manager=g) for g in gerentes]
    pares = list(zip(gerentes, conexoes, strict=True))
    for n, (gerente, conexao) in enumerate(pares):
        gerente.begin()
        conexao.root()["indice"].index_doc(200 + n, f"{COMUNS} novo{n}")
    try:
        for gerente, _conexao in pares:
            gerente.commit()
    finally:
        for gerente, conexao in pares:
            gerente.abort()
            conexao.close()


def test_words_indexed_concurrently_commit(banco, monkeypatch):
    monkeypatch.setattr(textindex, "_seimg", lambda: True)
    _indice(banco)
    _indexar_ao_mesmo_tempo(banco)
    conexao = banco.open()
    indice = conexao.root()["indice"]
    assert set(indice.search("oficio")) == {*range(1, 13), 200, 201}
    assert set(indice.search("novo1")) == {201}
    assert set(indice.search("raro")) == {100}
    assert all(isinstance(d, IIBTree) for d in indice._wordinfo.values())
    assert indice.length() == 7  # words: the Length counts each once
    conexao.close()


def test_zctextindex_own_code_conflicts_there(banco, monkeypatch):
    """The scenario above is the hot spot: ZCTextIndex's own code (what other
    sites keep) conflicts."""
    monkeypatch.setattr(textindex, "_seimg", lambda: False)
    _indice(banco)
    with pytest.raises(ConflictError):
        _indexar_ao_mesmo_tempo(banco)


def test_converter_turns_a_catalogs_dicts_into_trees(banco, monkeypatch):
    """Upgrade step 1025: an index written before keeps its answers."""
    monkeypatch.setattr(textindex, "_seimg", lambda: False)
    _indice(banco)
    conexao = banco.open()
    indice = conexao.root()["indice"]
    assert isinstance(indice._wordinfo[indice._lexicon._wids["raro"]], dict)

    class ZCTextIndex:
        meta_type = "ZCTextIndex"
        index = indice

        def getId(self):
            return "SearchableText"

    class Catalogo:
        def getIndexObjects(self):
            return [ZCTextIndex()]

    assert textindex.converter(Catalogo()) == 1
    assert all(isinstance(d, IIBTree) for d in indice._wordinfo.values())
    assert set(indice.search("raro")) == {100}
    assert textindex.converter(Catalogo()) == 0
    transaction.abort()
    conexao.close()
