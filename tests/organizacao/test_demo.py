"""The demo organisation, loaded through adesão."""

from plone import api
from seimg.organizacao import perfis
from zExceptions import BadRequest
import pytest


def test_demo_orgaos_and_units(org_portal):
    orgaos = org_portal["orgaos"]
    assert sorted(orgaos.objectIds()) == ["cmvs", "pmvs", "seplag"]
    cmvs = orgaos["cmvs"]
    assert cmvs.Title() == "CMVS - Câmara Municipal de Vila Serrana"
    assert cmvs["protocolo"].sigla_completa() == "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
    assert len(cmvs.unidades()) == 7


def test_demo_users_hold_perfis(org_portal):
    cmvs = org_portal["orgaos"]["cmvs"]
    carlos = api.user.get(username="carlos.mendes")
    assert carlos.getProperty("cpf") == "63961216118"
    assert perfis.perfis_em(carlos.getId(), cmvs["secretaria"]) == {
        perfis.BASICO,
        perfis.ADMINISTRADOR,
    }
    gabriela = [x.unidade.sigla for x in perfis.lotacoes("gabriela.rocha")]
    assert gabriela == ["COMISSOES", "CLJ"]
    assert api.content.get_state(cmvs["protocolo"]) == "em_uso"


def test_used_unit_cannot_be_deleted_even_by_a_manager(org_portal):
    protocolo = org_portal["orgaos"]["cmvs"]["protocolo"]
    with api.env.adopt_roles(["Manager"]), pytest.raises(BadRequest) as info:
        api.content.delete(protocolo)
    assert "desative-a" in str(info.value)
    assert "protocolo" in org_portal["orgaos"]["cmvs"]


def test_colaborador_acts_but_does_not_sign(org_portal):
    secretaria = org_portal["orgaos"]["cmvs"]["secretaria"]
    assert perfis.pode_atuar("elisa.castro", secretaria)
    assert not perfis.pode_assinar("elisa.castro", secretaria)
    assert perfis.pode_assinar("carlos.mendes", secretaria)
    assert not perfis.pode_assinar("carlos.mendes", org_portal["orgaos"]["cmvs"]["clj"])


def test_deactivated_unit_takes_no_action(org_portal):
    arquivo = org_portal["orgaos"]["cmvs"]["arquivo"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=arquivo, transition="desativar")
    assert not perfis.pode_atuar("fabio.nunes", arquivo)
    assert perfis.lotacoes("fabio.nunes") == []
    assert [x.unidade for x in perfis.lotacoes("fabio.nunes", ativas=False)] == [
        arquivo
    ]
