"""Permission matrix: access level × viewer × surface, over HTTP.

For each level a process is generated in CMVS/SECRETARIA with a signed
ofício, a minuta and an uploaded PDF, then sent to PROTOCOLO and concluded
there (so PROTOCOLO "had" it). Each viewer then tries every surface; the
expected matrix is written out in full below.
"""

from plone import api
from plone.namedfile.file import NamedBlobFile
from seimg.nivel_acesso.efetivo import SISTEMA
from seimg.processos import credenciais
from seimg.processos import tramite
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
import datetime
import pytest
import requests
import transaction


SENHA = "Demo@2026"
JSON = {"Accept": "application/json"}
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

VIEWERS = {
    "mesma_unidade": "carlos.mendes",  # CMVS/SECRETARIA, generated it
    "unidade_que_teve": "beatriz.lima",  # CMVS/PROTOCOLO, had it
    "outra_unidade": "gabriela.rocha",  # CMVS/COMISSOES
    "outro_orgao": "helena.prado",  # PMVS/SEMAD
    "credenciado": "daniel.souza",  # CMVS/PROCURADORIA, credential when sigiloso
    "anonimo": None,
}
# Who may read the process and its signed documents, per level.
ESPERADO = {
    "publico": set(VIEWERS),
    "restrito": {"mesma_unidade", "unidade_que_teve"},
    "sigiloso": {"mesma_unidade", "credenciado"},
}
SURFACES = ("view", "rest", "search", "listing", "download")


def _montar(portal, nivel):
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, nivel=nivel, especificacao=f"Matriz {nivel}")
        oficio = novo_oficio(processo)
        assinar(oficio)
        minuta = novo_oficio(processo)
        externo = api.content.create(
            container=processo,
            type="DocumentoExterno",
            title="externo",
            tipo_documento=tabela("TipoDocumento", "Certidão"),
            data_documento=datetime.date(2026, 11, 20),
            formato="nato_digital",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(PDF, filename="certidao.pdf"),
        )
        if nivel == "sigiloso":
            credenciais.conceder(processo, "daniel.souza", "carlos.mendes")
    tramite.abrir_em(processo, unidade(portal, "cmvs/protocolo"))
    tramite.fechar_em(processo, unidade(portal, "cmvs/protocolo"))
    transaction.commit()
    return processo, oficio, minuta, externo


def _ve(site_url, surface, auth, processo, oficio, externo) -> bool:
    url = processo.absolute_url().replace("http://nohost/plone", site_url)
    kw = {"auth": auth, "timeout": 60, "allow_redirects": False}
    if surface == "view":
        return requests.get(url, **kw).status_code == 200
    if surface == "rest":
        response = requests.get(url, headers=JSON, **kw)
        return (
            response.status_code == 200 and response.json()["numero"] == processo.numero
        )
    if surface == "search":
        response = requests.get(
            f"{site_url}/@search",
            params={"numero": processo.numero},
            headers=JSON,
            **kw,
        )
        return response.json()["items_total"] > 0
    if surface == "listing":
        response = requests.get(
            f"{site_url}/processos", params={"b_size": 1000}, headers=JSON, **kw
        )
        return any(item["@id"] == url for item in response.json()["items"])
    if surface == "download":
        doc_url = externo.absolute_url().replace("http://nohost/plone", site_url)
        response = requests.get(f"{doc_url}/@@download/arquivo", **kw)
        return response.status_code == 200 and response.content == PDF
    raise AssertionError(surface)


@pytest.mark.parametrize("nivel", ["publico", "restrito", "sigiloso"])
def test_matriz_de_acesso(acceptance, site_url, nivel):
    portal = acceptance["portal"]
    processo, oficio, minuta, externo = _montar(portal, nivel)
    got, want = {}, {}
    for viewer, login in VIEWERS.items():
        auth = (login, SENHA) if login else None
        for surface in SURFACES:
            got[viewer, surface] = _ve(
                site_url, surface, auth, processo, oficio, externo
            )
            want[viewer, surface] = viewer in ESPERADO[nivel]
        # A minuta is seen by its generating unit only, whatever the level.
        minuta_url = minuta.absolute_url().replace("http://nohost/plone", site_url)
        got[viewer, "minuta"] = (
            requests.get(minuta_url, headers=JSON, auth=auth, timeout=60).status_code
            == 200
        )
        want[viewer, "minuta"] = viewer == "mesma_unidade"
    wrong = {key: got[key] for key in got if got[key] != want[key]}
    assert wrong == {}, f"level {nivel}: (viewer, surface) → saw? {wrong}"
    assert api.content.get_state(processo) == nivel


def test_documento_restrito_contamina_o_processo(integration):
    """A restrito document makes its process restrito once it is more than a
    minuta: a minuta is seen by its generating unit only, so it must not
    change what everybody else sees of the process (divulgacao.md)."""
    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        assert processo.nivel_efetivo == "publico"
        doc = novo_oficio(processo, nivel="restrito")
        assert processo.nivel_efetivo == "publico"
        assert api.content.get_state(processo) == "publico"
        assinar(doc)
        assert processo.nivel_efetivo == "restrito"
        assert api.content.get_state(processo) == "restrito"
        with api.env.adopt_roles([SISTEMA]):
            api.content.transition(obj=doc, transition="desfazer_assinatura")
        assert processo.nivel_efetivo == "publico"
        assert api.content.get_state(processo) == "publico"
        api.content.delete(doc)
        assert processo.nivel_efetivo == "publico"


def test_minuta_sigilosa_conta(integration):
    """Sigilo takes precedence: a sigiloso minuta makes the process sigiloso at
    once (its generating unit then reads it through credenciais only)."""
    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        novo_oficio(processo, nivel="sigiloso")
        assert processo.nivel_efetivo == "sigiloso"


def test_nivel_exibido_conta_as_minutas_que_o_leitor_ve(integration):
    from seimg.divulgacao import api as divulgacao

    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        novo_oficio(processo, nivel="restrito")
        assert divulgacao.nivel_exibido(processo) == "restrito"
    with como(portal, None):
        assert divulgacao.nivel_exibido(processo) == "publico"


def test_upgrade_1008_recalcula_processos_contaminados_por_minutas(integration):
    """Databases from before 1008 stored restrito for a restrito minuta."""
    from seimg.upgrades import v1008

    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        novo_oficio(processo, nivel="restrito")
        assinado = novo_processo(portal)
        assinar(novo_oficio(assinado, nivel="restrito"))
    # The state an older version left behind.
    processo.nivel_efetivo = "restrito"
    with api.env.adopt_roles([SISTEMA]):
        api.content.transition(obj=processo, transition="classificar_restrito")
    processo.reindexObject(idxs=["nivel_acesso_efetivo"])
    v1008.upgrade(None)
    assert processo.nivel_efetivo == "publico"
    assert api.content.get_state(processo) == "publico"
    assert assinado.nivel_efetivo == "restrito"
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=processo.UID())
    assert brains[0].nivel_acesso_efetivo == "publico"
