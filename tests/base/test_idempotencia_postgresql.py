"""The Idempotency-Key store's semantics against a real PostgreSQL: the same
tests as the memory and SQLite stores (test_idempotencia_unit.py)."""

from seimg.base import idempotencia
from seimg.base import postgresql
from tests.base.test_idempotencia_unit import test_a_propria_reserva_e_retomada  # noqa: F401
from tests.base.test_idempotencia_unit import test_chaves_por_usuario_metodo_e_caminho  # noqa: F401
from tests.base.test_idempotencia_unit import test_concluida_guarda_a_resposta_exata  # noqa: F401
from tests.base.test_idempotencia_unit import (  # noqa: F401
    test_concluida_nao_e_liberada_nem_concluida_por_outro,
)
from tests.base.test_idempotencia_unit import test_corpo_binario_e_grande  # noqa: F401
from tests.base.test_idempotencia_unit import test_expira_depois_das_horas  # noqa: F401
from tests.base.test_idempotencia_unit import test_liberada_pode_ser_reservada_de_novo  # noqa: F401
from tests.base.test_idempotencia_unit import test_poda  # noqa: F401
from tests.base.test_idempotencia_unit import test_reserva_abandonada_e_tomada  # noqa: F401
from tests.base.test_idempotencia_unit import test_reserva_nova_e_em_andamento  # noqa: F401
from tests.base.test_idempotencia_unit import test_reservas_simultaneas_so_uma_vence  # noqa: F401
import pytest


@pytest.fixture
def store(banco_postgresql):
    yield idempotencia.PostgresStore(banco_postgresql)
    postgresql.fechar()


def test_escolhida_quando_o_postgresql_esta_ativo(banco_postgresql, monkeypatch):
    anterior = idempotencia.usar(None)
    try:
        monkeypatch.setenv(postgresql.VARIAVEL, banco_postgresql)
        loja = idempotencia.loja()
        assert isinstance(loja, idempotencia.PostgresStore)
        assert (
            loja.reservar(
                idempotencia.Identificacao("u", "k", "POST", "/p"), "h", "d", 1.0
            )
            is None
        )
        with postgresql.transacao() as cursor:
            cursor.execute("SELECT usuario, estado FROM seimg_idempotencia")
            assert cursor.fetchall() == [("u", idempotencia.EM_ANDAMENTO)]
        monkeypatch.delenv(postgresql.VARIAVEL)
        assert isinstance(idempotencia.loja(), idempotencia.SQLiteStore)
    finally:
        idempotencia.usar(anterior)
        postgresql.fechar()
