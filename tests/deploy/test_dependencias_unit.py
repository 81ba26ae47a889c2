"""Every third-party module seimg imports comes from its declared requirements.

The virtualenv of the suite installs the ``[test]`` extra too, so a module that
only a test requirement brings (python-docx, MarkupSafe through Jinja2...)
imports fine here and fails in a production install (buildout, or ``pip install
seimg``). This test reads ``install_requires`` from ``setup.py``, walks the
installed distributions' own requirements (no extras) and checks that every
module imported anywhere under ``src/seimg`` — at the top or inside a function
— is a file of one of them.
"""

from importlib.machinery import PathFinder
from packaging.requirements import Requirement
from pathlib import Path
import ast
import importlib.metadata
import sys


RAIZ = Path(__file__).resolve().parents[2]
FONTE = RAIZ / "src" / "seimg"
# The test layers (Plone's convention): imported by the tests only.
TESTES = FONTE / "testing.py"


def _install_requires() -> list[str]:
    arvore = ast.parse((RAIZ / "setup.py").read_text(encoding="utf-8"))
    for no in ast.walk(arvore):
        if isinstance(no, ast.keyword) and no.arg == "install_requires":
            return ast.literal_eval(no.value)
    raise AssertionError("setup.py has no install_requires")


def _fecho(requisitos: list[str]) -> set[str]:
    """Names of the distributions the requirements pull in, transitively."""
    vistos: set[str] = set()
    pendentes = [Requirement(r) for r in requisitos]
    while pendentes:
        req = pendentes.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        nome = req.name.lower().replace("_", "-").replace(".", "-")
        if nome in vistos:
            continue
        try:
            dist = importlib.metadata.distribution(req.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        vistos.add(nome)
        pendentes.extend(Requirement(r) for r in dist.requires or [])
    return vistos


def _arquivos(distribuicoes: set[str]) -> set[Path]:
    arquivos: set[Path] = set()
    for dist in importlib.metadata.distributions():
        nome = dist.metadata["Name"].lower().replace("_", "-").replace(".", "-")
        if nome in distribuicoes:
            arquivos.update(
                Path(dist.locate_file(f)).resolve() for f in dist.files or []
            )
    return arquivos


def _importados() -> dict[str, Path]:
    """Every absolute import under src/seimg, with one file that makes it."""
    nomes: dict[str, Path] = {}
    for arquivo in FONTE.rglob("*.py"):
        if arquivo == TESTES:
            continue
        for no in ast.walk(ast.parse(arquivo.read_text(encoding="utf-8"))):
            if isinstance(no, ast.Import):
                for alias in no.names:
                    nomes.setdefault(alias.name, arquivo)
            elif isinstance(no, ast.ImportFrom) and no.level == 0 and no.module:
                nomes.setdefault(no.module, arquivo)
    return nomes


def _origem(modulo: str) -> Path | None:
    """The file a module is loaded from (its deepest file found), found
    without importing anything: each part is looked up in its parent's
    folders, so namespace packages (plone, Products, zope) resolve too."""
    origem = None
    caminho = None
    for parte in modulo.split("."):
        spec = PathFinder.find_spec(parte, caminho)
        if spec is None:
            break
        if spec.origin not in (None, "namespace", "built-in", "frozen"):
            origem = Path(spec.origin).resolve()
        caminho = spec.submodule_search_locations
        if caminho is None:
            break
    return origem


def test_every_import_comes_from_install_requires():
    declarados = _arquivos(_fecho(_install_requires()))
    faltando = []
    for modulo, onde in sorted(_importados().items()):
        if modulo.split(".")[0] in sys.stdlib_module_names or modulo.startswith(
            "seimg"
        ):
            continue
        origem = _origem(modulo)
        if origem is None or origem.is_relative_to(RAIZ / "src"):
            continue
        if origem not in declarados:
            faltando.append(f"{modulo} ({onde.relative_to(RAIZ)}) from {origem}")
    assert not faltando, "imported but not required by setup.py:\n" + "\n".join(
        faltando
    )


def test_the_check_sees_a_test_only_module():
    """The check is not vacuous: pytest is installed, and not a runtime requirement."""
    origem = _origem("pytest")
    assert origem is not None
    assert origem not in _arquivos(_fecho(_install_requires()))
