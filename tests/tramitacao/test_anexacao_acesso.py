"""An annexed process is read by whoever reads its principal, later units too."""

from plone import api
from seimg.processos import tramite
from seimg.vinculos import api as vinculos
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade


def test_unidade_que_recebe_o_principal_le_o_anexado(integration):
    portal = integration["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        principal = novo_processo(portal, nivel="restrito", especificacao="Principal")
        anexado = novo_processo(portal, nivel="restrito", especificacao="Anexado")
        vinculos.anexar(principal, anexado)
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        assert not api.user.has_permission("View", obj=anexado)
    tramite.abrir_em(principal, unidade(portal, "cmvs/procuradoria"))
    with como(portal, "daniel.souza", "cmvs/procuradoria"):
        assert api.user.has_permission("View", obj=principal)
        assert api.user.has_permission("View", obj=anexado)
        catalog = api.portal.get_tool("portal_catalog")
        assert catalog(UID=anexado.UID())
