"""Benchmark: the Controle de Processos as a unit's inbox grows.

Sets up seimg on a Plone site (the SEIMG_FIXTURE test layer, in-process,
with the demo organisation), sends processes from the Secretaria to the
Protocolo, then times ``controle.recebidos`` for the Protocolo with 200 and
with 2,000 processes in its inbox. It prints ratios, never absolute
thresholds (both sizes are measured in this run):

- a page of 50 sorted in the catalog (the default: creation date) — it
  should stay about flat (well under 10×): only the visible page's
  processes are loaded;
- a page of 50 sorted by especificação (sorted by seimg from catalog
  metadata, no process loaded but the page's): grows with the list, about
  linearly at worst;
- every row (``b_size=0``, "Mostrar todos" and CSV): linear (≈10×), since
  each row's per-unit flags are read from its process.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_controle.py``);
it takes about 12 minutes, nearly all of it creating the 2,000 processes.
Seen here: 1.5×, 1.8× and 12.3×.
"""

from plone import api
from plone.app.testing import login
from plone.testing.zope import zopeApp
from seimg.testing import SEIMG_FIXTURE
from zope.component.hooks import setSite
import statistics
import time


PEQUENO = 200
GRANDE = 2_000


def best_of(function, repeat=5) -> float:
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


def enviar_processos(portal, tipo: str, inicio: int, quantidade: int) -> None:
    """Carlos starts ``quantidade`` processes and they open in the Protocolo."""
    from seimg.processos import tramite

    orgao = portal["orgaos"]["cmvs"]
    secretaria, protocolo = orgao["secretaria"], orgao["protocolo"]
    login(portal, "carlos.mendes")
    for i in range(inicio, inicio + quantidade):
        processo = api.content.create(
            container=portal["processos"],
            type="Processo",
            title="processo",
            tipo_processo=tipo,
            especificacao=f"Pedido {i:05d} de teste de desempenho",
            nivel_acesso="publico",
        )
        tramite.abrir_em(processo, protocolo, enviado_por=secretaria)


def medir(portal) -> dict:
    from seimg.tramitacao import controle

    protocolo = portal["orgaos"]["cmvs"]["protocolo"]
    login(portal, "beatriz.lima")
    return {
        "catalogo": best_of(lambda: controle.recebidos(protocolo)),
        "python": best_of(
            lambda: controle.recebidos(protocolo, sort_on="especificacao")
        ),
        "todos": best_of(lambda: controle.recebidos(protocolo, b_size=0), repeat=3),
    }


def main() -> None:
    from seimg.demo import create_organizacao
    from seimg.tabelas import por_titulo

    layers = with_bases(SEIMG_FIXTURE)
    for layer in layers:
        layer.setUp()
    try:
        with zopeApp(db=SEIMG_FIXTURE["zodbDB"]) as app:
            portal = app["plone"]
            setSite(portal)
            with api.env.adopt_roles(["Manager"]):
                create_organizacao()
            tipo = por_titulo("TipoProcesso", "Acesso à Informação: Pedido (LAI)")
            enviar_processos(portal, tipo.UID(), 0, PEQUENO)
            pequeno = medir(portal)
            enviar_processos(portal, tipo.UID(), PEQUENO, GRANDE - PEQUENO)
            grande = medir(portal)
    finally:
        for layer in reversed(layers):
            layer.tearDown()
    print(f"Controle de Processos, Recebidos: {GRANDE:,} / {PEQUENO:,} processes")
    rotulos = {
        "catalogo": "page of 50, sorted in the catalog",
        "python": "page of 50, sorted by seimg",
        "todos": "every row (b_size=0)",
    }
    for chave, rotulo in rotulos.items():
        print(f"  {rotulo + ':':36} {grande[chave] / pequeno[chave]:6.1f}×")


if __name__ == "__main__":
    main()
