"""The package layering of ``.importlinter`` holds (also run by ``make lint``)."""

from pathlib import Path
from tests.contratos_importacao import superficie
import subprocess
import sys


RAIZ = Path(__file__).resolve().parents[1]


def test_surface_of_a_module():
    assert superficie("seimg.tramitacao.browser.acoes", "seimg") == (
        "seimg.tramitacao.browser"
    )
    assert superficie("seimg.acesso.rest", "seimg") == "seimg.acesso.rest"
    assert superficie("seimg.organizacao.adesao.cli", "seimg") == (
        "seimg.organizacao.adesao.cli"
    )
    assert superficie("seimg.tramitacao.acoes", "seimg") is None
    assert superficie("seimg.browser", "seimg") is None  # no such package now
    assert superficie("plone.app.browser.x", "seimg") is None


def test_import_contracts_are_kept():
    """Every import, inside functions too, points down the layers of
    ``.importlinter``; no surface imports another package's surface."""
    lint = Path(sys.executable).parent / "lint-imports"
    resultado = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert resultado.returncode == 0, resultado.stdout[-6000:]
    assert "2 kept, 0 broken" in resultado.stdout
