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

from camadas import best_of
from camadas import portal_de
from plone import api
from plone.app.testing import login
from seimg.testing import SEIMG_FIXTURE


PEQUENO = 200
GRANDE = 2_000


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
    from seimg.controle import api as controle

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

    with portal_de(SEIMG_FIXTURE) as portal:
        with api.env.adopt_roles(["Manager"]):
            create_organizacao()
        tipo = por_titulo("TipoProcesso", "Acesso à Informação: Pedido (LAI)")
        enviar_processos(portal, tipo.UID(), 0, PEQUENO)
        pequeno = medir(portal)
        enviar_processos(portal, tipo.UID(), PEQUENO, GRANDE - PEQUENO)
        grande = medir(portal)
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
