"""The demo site has processes to look at."""

from plone import api


def test_demo_processos(integration):
    portal = integration["portal"]
    processos = portal["processos"].objectValues()
    assert len(processos) == 2
    requerimento = next(p for p in processos if "merenda" in p.especificacao)
    assert requerimento.numero.startswith("2101.02.")
    estados = sorted(api.content.get_state(d) for d in requerimento.objectValues())
    assert estados == ["minuta", "registrado"]
    ferias = next(p for p in processos if p is not requerimento)
    assert api.content.get_state(ferias) == "restrito"
