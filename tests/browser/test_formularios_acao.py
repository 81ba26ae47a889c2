"""Every action form of a process and of a document, in Chromium: axe-core
finds no serious or critical violation, nothing falls off a 1366 px or a
390 px screen, and each form offers its way back to the process.

The forms the day's walk already fills (iniciar, incluir documento, editar,
assinar, enviar, concluir: test_dia_area_trabalho) and the bloco and
marcador pages (test_formularios) are checked there.
"""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import violacoes_axe
from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest
import transaction


pytestmark = pytest.mark.browser

DO_PROCESSO = (
    "@@atribuir",
    "@@sobrestar",
    "@@relacionar",
    "@@anexar",
    "@@anotacao",
    "@@marcador",
    "@@acompanhamento",
    "@@andamentos",
    "@@gerar-pdf-processo",
    "@@duplicar-processo",
)
DO_DOCUMENTO = ("@@cancelar", "@@ciencia")


def test_formularios_de_acao(page, site_url, acceptance):
    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Reforma do plenário")
        oficio = novo_oficio(processo)
        assinar(oficio)
    transaction.commit()
    url = processo.absolute_url().replace("http://nohost/plone", site_url)
    url_doc = oficio.absolute_url().replace("http://nohost/plone", site_url)
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)

    problemas = []
    paginas = [f"{url}/{nome}" for nome in DO_PROCESSO]
    paginas += [f"{url_doc}/{nome}" for nome in DO_DOCUMENTO]
    for largura, altura in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": largura, "height": altura})
        for endereco in paginas:
            resposta = page.goto(endereco)
            assert resposta.status == 200, (endereco, resposta.status)
            onde = f"{endereco.rsplit('/', 1)[1]} a {largura} px"
            if largura == 1366:
                violacoes = violacoes_axe(page)
                if violacoes:
                    problemas.append(f"{onde} (axe):\n{descrever(violacoes)}")
            fora = fora_da_tela(page)
            if fora:
                problemas.append(f"{onde} (fora da tela):\n{descrever(fora)}")
            # No dead end: a link back to the process (or its document).
            voltar = page.locator(
                f"#content a[href^='{url}']:not([href*='@@'])"
            ).count()
            if not voltar:
                problemas.append(f"{onde}: sem caminho de volta ao processo")
    assert not problemas, "\n\n".join(problemas)
