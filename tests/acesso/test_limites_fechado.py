"""With the limits in PostgreSQL, a database that is down closes the gate:
the checks raise BancoIndisponivel (503), they never answer "not refused"
as the SQLite store's errors do (``seguro`` swallows only sqlite3/OS
errors), so a password is never checked without its limits."""

from seimg.acesso import api as acesso
from seimg.acesso import limites
from seimg.acesso.limites_postgresql import PostgresStore
from seimg.base import postgresql
import pytest


@pytest.fixture
def fora_do_ar():
    anterior = limites.usar(
        PostgresStore("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=1")
    )
    yield
    limites.usar(anterior)


@pytest.mark.parametrize(
    "chamada",
    [
        lambda: acesso.verificar("carlos.mendes", "203.0.113.7"),
        lambda: acesso.falhou("carlos.mendes", "203.0.113.7"),
        lambda: acesso.acertou("carlos.mendes", "203.0.113.7"),
        lambda: acesso.pedido_de_senha("203.0.113.7"),
    ],
)
def test_banco_fora_do_ar_nao_abre_a_porta(fora_do_ar, chamada):
    with pytest.raises(postgresql.BancoIndisponivel):
        chamada()
