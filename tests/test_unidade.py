"""``make test-unit``: the pure unit tests run without Zope, and the check
that keeps them so fails when one imports Zope."""

from pathlib import Path
import os
import subprocess
import sys


RAIZ = Path(__file__).resolve().parents[1]
PYTEST = Path(sys.executable).parent / "pytest"
COMANDO = [
    str(PYTEST),
    "--noconftest",
    "-p",
    "no:plone",
    "-p",
    "tests.unidade",
    "-p",
    "no:cacheprovider",
    "-o",
    "python_files=test_*_unit.py",
    "-q",
]


def _rodar(*alvos, cwd=RAIZ):
    env = {**os.environ, "PYTHONPATH": str(RAIZ)}
    return subprocess.run(
        [*COMANDO, *map(str, alvos)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_unit_tests_pass_without_zope():
    resultado = _rodar("tests")
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr
    assert " passed" in resultado.stdout


def test_a_unit_test_importing_zope_fails_the_run(tmp_path):
    teste = tmp_path / "test_intruso_unit.py"
    teste.write_text("import OFS.SimpleItem\n\n\ndef test_ok():\n    assert True\n")
    resultado = _rodar(teste, cwd=tmp_path)
    assert resultado.returncode != 0
    assert "imported OFS" in resultado.stderr
