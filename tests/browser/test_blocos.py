"""Two units in Chromium: a bloco de assinatura lets another unit sign a minuta."""

from .conftest import log_in
from plone import api
from seimg.blocos import api as blocos
from seimg.demo import DEMO_PASSWORD
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import unidade
import pytest
import transaction


pytestmark = pytest.mark.browser


def test_procuradoria_assina_pelo_bloco(page, site_url, acceptance):
    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Parecer sobre convênio")
        minuta = novo_oficio(processo)
        bloco = blocos.criar(blocos.ASSINATURA, "Parecer jurídico do convênio")
        blocos.incluir(bloco, minuta)
        blocos.disponibilizar(bloco, [unidade(portal, "cmvs/procuradoria")])
    transaction.commit()
    url = minuta.absolute_url().replace("http://nohost/plone", site_url)

    log_in(page, site_url, "daniel.souza", DEMO_PASSWORD)
    page.goto(f"{site_url}/@@blocos")
    assert "Parecer jurídico do convênio" in page.content()
    page.goto(url)
    page.goto(f"{url}/@@assinar")
    page.select_option(
        "#seimg-assinar-form select[name='cargo']", "Procurador Jurídico"
    )
    page.fill("#seimg-assinar-form input[name='senha']", DEMO_PASSWORD)
    page.click("#seimg-assinar-form [name='form.buttons.assinar']")
    page.wait_for_load_state()
    assert "Daniel Souza" in page.content()

    transaction.begin()
    assert api.content.get_state(minuta) == "assinado"
