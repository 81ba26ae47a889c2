"""ZCTextIndex's word buckets, mergeable under concurrent indexing.

``Products.ZCTextIndex.BaseIndex`` keeps, per word, ``_wordinfo[wid]`` →
the documents having it: an inline ``dict`` while they are fewer than 10
(``DICT_CUTOFF``), then an ``IIBTree`` (a persistent object of its own). It
also stores the value again on every document indexed (``self._wordinfo[wid]
= doc2score  # not redundant: Persistency!``), needed for a dict but not for
an IIBTree, which saves itself.

Together they made the catalog's text indexes (``SearchableText``, ``Title``,
``Description``) a conflict hot spot (issue 20): BTrees merge concurrent
changes to one bucket by comparing its values with ``<``, and dicts cannot be
ordered, so a ``_wordinfo`` bucket holding any rare word's dict — nearly all
of them — could never be merged, and every indexing rewrote the bucket of
each word of its text. Two requests indexing different words of one bucket
conflicted and one was retried (bench/bench_concorrencia.py, 8 clients
creating processes and ofícios: 14 of 19 conflicts, once ``/processos`` no
longer hid them).

On seimg sites the documents of a word are always an IIBTree (a rare word
too), and an IIBTree is updated in place: a bucket is written only when a
word is new or forgotten, and holds only references, which merge.
:func:`converter` turns the dicts of an existing catalog into IIBTrees
(upgrade step 1025, the profile). Searches read the same data. Other sites
in the same Zope keep ZCTextIndex's own code.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex
from zope.component.hooks import getSite
import logging


logger = logging.getLogger("seimg.operacao")

_originais = {
    nome: getattr(BaseIndex, nome)
    for nome in ("_add_wordinfo", "_mass_add_wordinfo", "_del_wordinfo")
}


def _seimg() -> bool:
    from seimg.numeracao.contadores import ATRIBUTO

    site = getSite()
    return site is not None and getattr(aq_base(site), ATRIBUTO, None) is not None


def _guardar(index, wid, doc2score, docid, f) -> None:
    """``docid`` → ``f`` in word ``wid``'s documents (None: a new word)."""
    if isinstance(doc2score, IIBTree):
        doc2score[docid] = f  # the tree stores itself: the bucket is unchanged
        return
    arvore = IIBTree(doc2score or {})  # a new word, or a dict of before
    arvore[docid] = f
    index._wordinfo[wid] = arvore


def _add_wordinfo(self, wid, f, docid):
    if not _seimg():
        return _originais["_add_wordinfo"](self, wid, f, docid)
    doc2score = self._wordinfo.get(wid)
    if doc2score is None:
        self.length.change(1)
    _guardar(self, wid, doc2score, docid, f)


def _mass_add_wordinfo(self, wid2weight, docid):
    if not _seimg():
        return _originais["_mass_add_wordinfo"](self, wid2weight, docid)
    novas = 0
    for wid, weight in wid2weight.items():
        doc2score = self._wordinfo.get(wid)
        if doc2score is None:
            novas += 1
        _guardar(self, wid, doc2score, docid, weight)
    if novas:
        self.length.change(novas)


def _del_wordinfo(self, wid, docid):
    if not _seimg():
        return _originais["_del_wordinfo"](self, wid, docid)
    doc2score = self._wordinfo[wid]
    del doc2score[docid]
    if not doc2score:
        del self._wordinfo[wid]
        self.length.change(-1)
    elif not isinstance(doc2score, IIBTree):
        self._wordinfo[wid] = IIBTree(doc2score)


def converter(catalogo) -> int:
    """Every dict of the ZCTextIndexes of ``catalogo`` (portal_catalog)
    becomes an IIBTree; returns how many."""
    feitos = 0
    for indice in catalogo.getIndexObjects():
        wordinfo = getattr(getattr(indice, "index", None), "_wordinfo", None)
        if wordinfo is None or getattr(indice, "meta_type", "") != "ZCTextIndex":
            continue
        dicts = [(w, d) for w, d in wordinfo.items() if isinstance(d, dict)]
        for wid, doc2score in dicts:
            wordinfo[wid] = IIBTree(doc2score)
        feitos += len(dicts)
        logger.info("%s: %d words' documents now IIBTrees", indice.getId(), len(dicts))
    return feitos


def aplicar(event=None) -> None:
    BaseIndex._add_wordinfo = _add_wordinfo
    BaseIndex._mass_add_wordinfo = _mass_add_wordinfo
    BaseIndex._del_wordinfo = _del_wordinfo


aplicar()  # at import: ZCML imports this module when it loads seimg
