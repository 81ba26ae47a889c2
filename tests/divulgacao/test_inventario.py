"""Every page and service seimg registers has a row in the surface table
(:mod:`.superficies`), and every row a registration (project issue 12).

The registrations are enumerated from the component registry at test time;
nothing but the table lists them.
"""

from seimg.divulgacao import tabela
from tests.divulgacao import superficies


def test_superficies_e_linhas_se_correspondem(integration):
    sem_linha, sem_registro = superficies.conferir()
    assert not sem_linha, (
        "Superfícies registradas pelo seimg sem linha em "
        "tests/divulgacao/superficies.py (diga quem vê o quê nelas):\n"
        + "\n".join(sem_linha)
        + (f"\n(e {len(sem_registro)} linha(s) sem registro)" if sem_registro else "")
    )
    assert not sem_registro, (
        "Linhas de tests/divulgacao/superficies.py sem registro correspondente "
        "(removidas ou renomeadas?):\n" + "\n".join(sem_registro)
    )


def test_linhas_bem_formadas():
    chaves = [linha.chave for linha in superficies.TABELA]
    repetidas = sorted({c for c in chaves if chaves.count(c) > 1})
    assert not repetidas, repetidas
    alvos = set(superficies.ALVOS.values())
    codigos = set(tabela.LEITORES)
    ruins = []
    for linha in superficies.TABELA:
        if linha.tipo not in ("view", "service"):
            ruins.append((linha, "tipo"))
        if linha.metodo not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            ruins.append((linha, "metodo"))
        if linha.alvo not in alvos:
            ruins.append((linha, "alvo"))
        palavras = set(linha.leitores.replace("(", " ").replace(")", " ").split())
        if not (palavras & (codigos | {"equipe", "gerente"})):
            ruins.append((linha, "leitores"))
    assert not ruins, ruins


def test_cada_linha_tem_seus_pedidos(integration):
    """Every row of the table has its requests with parameters (.pedidos),
    or is a plain GET the generic probe publishes, or an error page."""
    from tests.divulgacao import pedidos

    sem_pedido, sem_linha = pedidos.conferir()
    assert not sem_pedido, "Linhas sem pedidos em tests/divulgacao/pedidos.py: " + (
        "\n".join(sem_pedido)
    )
    assert not sem_linha, "Pedidos de linhas que não existem: " + "\n".join(sem_linha)
