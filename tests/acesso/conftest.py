"""A private store and a controllable clock for every test of seimg.acesso."""

from seimg.acesso import limites
import pytest


class Relogio:
    """The clock the limits read; tests move it instead of sleeping."""

    def __init__(self, inicio: float = 1_780_000_000.0):
        self.agora = inicio

    def __call__(self) -> float:
        return self.agora

    def avancar(self, segundos: float) -> None:
        self.agora += segundos


@pytest.fixture
def relogio(monkeypatch):
    relogio = Relogio()
    monkeypatch.setattr(limites, "relogio", relogio)
    return relogio


@pytest.fixture
def loja(tmp_path, relogio):
    """A fresh SQLite store in a temporary folder, in use by the whole process."""
    store = limites.SQLiteStore(tmp_path / "seguranca" / "limites.sqlite")
    anterior = limites.usar(store)
    yield store
    limites.usar(anterior)
