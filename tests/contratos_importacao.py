"""import-linter contracts of seimg's own (see ``.importlinter``).

:class:`SuperficiesContract`: a surface (a ``browser``, ``rest`` or ``cli``
module or package inside a feature package) calls domain APIs only: it never
imports a surface of another package. Surfaces of one package may share
helpers among themselves. The layers contract already keeps every import,
surfaces included, pointing downwards; this one keeps surfaces from leaning
on each other sideways or downwards.
"""

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract
from importlinter.domain.contract import ContractCheck


SUPERFICIES = ("browser", "rest", "cli")


def superficie(modulo: str, raiz: str) -> str | None:
    """The surface ``modulo`` belongs to (``seimg.x.browser``), else None."""
    partes = modulo.split(".")
    if partes[0] != raiz:
        return None
    for i, parte in enumerate(partes[2:], start=2):
        if parte in SUPERFICIES:
            return ".".join(partes[: i + 1])
    return None


class SuperficiesContract(Contract):
    type_name = "superficies"

    raiz = fields.StringField()

    def check(self, graph, verbose: bool) -> ContractCheck:
        raiz = str(self.raiz)
        violacoes = []
        for importador in sorted(graph.modules):
            origem = superficie(importador, raiz)
            if origem is None:
                continue
            pacote = ".".join(origem.split(".")[:2])
            for importado in sorted(
                graph.find_modules_directly_imported_by(importador)
            ):
                destino = superficie(importado, raiz)
                if destino is None or importado.startswith(pacote + "."):
                    continue
                detalhes = graph.get_import_details(
                    importer=importador, imported=importado
                )
                linhas = [d["line_number"] for d in detalhes]
                violacoes.append((importador, importado, linhas))
        return ContractCheck(kept=not violacoes, metadata={"violacoes": violacoes})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importador, importado, linhas in check.metadata["violacoes"]:
            numeros = ", ".join(f"l.{n}" for n in linhas)
            output.print_error(
                f"{importador} imports the surface {importado} ({numeros}): "
                "call that package's API instead.",
                bold=False,
            )
            output.new_line()
