"""What the benchmarks share: a seimg site in-process, from a test layer.

The benchmarks are scripts (``make bench``), not tests: they set a
plone.app.testing layer up by hand, work on its site and tear it down.
"""

from contextlib import contextmanager
from plone.testing.zope import zopeApp
from zope.component.hooks import setSite
import statistics
import time


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
def portal_de(layer):
    """Set ``layer`` (and its bases) up, yield its Plone site, tear it down."""
    layers = with_bases(layer)
    for each in layers:
        each.setUp()
    try:
        with zopeApp(db=layer["zodbDB"]) as app:
            portal = app["plone"]
            setSite(portal)
            yield portal
    finally:
        for each in reversed(layers):
            each.tearDown()
