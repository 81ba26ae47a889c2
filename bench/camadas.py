"""What the benchmarks share: a seimg site in-process, from a test layer.

The benchmarks are scripts (``make bench``), not tests: they set a
plone.app.testing layer up by hand, work on its site and tear it down.

Large installations are seeded once by ``bench/semear.py`` into a
FileStorage under ``bench/dados/`` (git-ignored); a benchmark opens such a
seed with :func:`abrir_semente` (read-only, under a ``DemoStorage``, so its
writes never reach the seed) and works on it with :func:`portal_em`, the
layer's configuration (ZCML, products) set up by :func:`configurado`.
"""

from contextlib import contextmanager
from pathlib import Path
from plone.testing.zope import zopeApp
from zope.component.hooks import setSite
import statistics
import time


DADOS = Path(__file__).resolve().parent / "dados"


def best_of(function, repeat=5) -> float:
    """Median seconds of ``repeat`` calls of ``function``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def with_bases(layer, seen=None) -> list:
    """``layer`` and all its bases, bases first (each once)."""
    seen = [] if seen is None else seen
    for base in layer.__bases__:
        with_bases(base, seen)
    if layer not in seen:
        seen.append(layer)
    return seen


@contextmanager
def configurado(layer):
    """Set ``layer`` (and its bases) up, yield it, tear it down.

    Besides the layer's own site (in its ``DemoStorage``), this leaves Zope
    started with the layer's configuration: :func:`portal_em` then works on
    any database holding a site made by the same configuration.
    """
    layers = with_bases(layer)
    for each in layers:
        each.setUp()
    try:
        yield layer
    finally:
        for each in reversed(layers):
            each.tearDown()


@contextmanager
def portal_de(layer):
    """Set ``layer`` (and its bases) up, yield its Plone site, tear it down."""
    with configurado(layer), zopeApp(db=layer["zodbDB"]) as app:
        portal = app["plone"]
        setSite(portal)
        yield portal


# Seeds ---------------------------------------------------------------------


def rotulo(tamanho: int) -> str:
    """``1000`` → ``"1k"``, ``100000`` → ``"100k"``, ``1500`` → ``"1500"``."""
    return f"{tamanho // 1000}k" if tamanho % 1000 == 0 else str(tamanho)


def tamanho_de(texto: str) -> int:
    """``"10k"`` → 10000; plain integers as they are."""
    texto = texto.strip().lower().replace("_", "").replace(",", "")
    if texto.endswith("k"):
        return int(texto[:-1]) * 1000
    return int(texto)


def pasta_semente(tamanho: int) -> Path:
    """Where ``bench/semear.py`` keeps the seed of ``tamanho`` processes."""
    return DADOS / f"semente-{rotulo(tamanho)}"


def armazenamento(pasta: Path, somente_leitura: bool):
    """The seed's FileStorage (``Data.fs`` and ``blobs/`` in ``pasta``)."""
    from ZODB.FileStorage import FileStorage

    (pasta / "blobs").mkdir(parents=True, exist_ok=True)
    return FileStorage(
        str(pasta / "Data.fs"),
        blob_dir=str(pasta / "blobs"),
        read_only=somente_leitura,
    )


def abrir_semente(pasta: Path, cache_size: int = 400_000):
    """A database reading the seed in ``pasta`` read-only; what is written
    goes to a ``DemoStorage`` in memory on top of it (lost on close)."""
    from ZODB.DB import DB
    from ZODB.DemoStorage import DemoStorage

    base = armazenamento(pasta, somente_leitura=True)
    return DB(
        DemoStorage(name=f"bench {pasta.name}", base=base, close_base_on_close=True),
        cache_size=cache_size,
        large_record_size=1 << 30,
    )


@contextmanager
def portal_em(db, nome: str = "plone", connection=None):
    """The Plone site ``nome`` of ``db`` (Zope configured by a layer, see
    :func:`configurado`), as the site and global request of this thread.

    The transaction is committed at the end (aborted on an exception), as
    plone.testing's ``zopeApp`` does.
    """
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest

    with zopeApp(db=None if connection else db, connection=connection) as app:
        portal = app[nome]
        setSite(portal)
        setRequest(app.REQUEST)
        try:
            yield portal
        finally:
            clearRequest()
            setSite(None)
