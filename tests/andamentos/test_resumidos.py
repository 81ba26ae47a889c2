"""Which tipos de andamento are public: code defaults, installation, órgão."""

from plone import api
from seimg.andamentos import eventos


def test_free_text_is_not_public_by_default():
    assert "atualizacao_andamento" not in eventos.tipos_resumidos_padrao()
    assert "processo_gerado" in eventos.tipos_resumidos_padrao()


def test_installation_and_orgao_choices(integration):
    portal = integration["portal"]
    assert eventos.tipos_resumidos() == eventos.tipos_resumidos_padrao()
    api.portal.set_registry_record(
        eventos.REGISTRO_RESUMIDOS, ["processo_gerado", "atualizacao_andamento"]
    )
    try:
        assert eventos.tipos_resumidos() == {"processo_gerado", "atualizacao_andamento"}
        orgao = portal["orgaos"]["cmvs"]
        orgao.andamentos_resumidos = ["processo_concluido", "desconhecido"]
        assert eventos.tipos_resumidos(orgao) == {"processo_concluido"}
        orgao.andamentos_resumidos = []
        assert "atualizacao_andamento" in eventos.tipos_resumidos(orgao)
    finally:
        api.portal.set_registry_record(eventos.REGISTRO_RESUMIDOS, [])
