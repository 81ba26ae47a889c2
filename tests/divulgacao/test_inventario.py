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
