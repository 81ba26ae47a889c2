"""Reading attributes of persistent objects safely.

``obj.__dict__`` of a ZODB *ghost* (an object not loaded yet) is empty: code
that reads ``obj.__dict__.get(name)`` sees nothing and may overwrite stored
data. ``getattr`` on the unwrapped object loads it first and never acquires
the name from a parent.
"""

from Acquisition import aq_base


def atributo(obj, nome: str, padrao=None):
    """``obj``'s own attribute ``nome`` (loading a ghost), else ``padrao``."""
    return getattr(aq_base(obj), nome, padrao)
