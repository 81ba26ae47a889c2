"""A person in Chromium generates the process PDF and watches its progress bar."""

from .conftest import log_in
from seimg.demo import DEMO_PASSWORD
from tests.geracao.test_processo_pdf_http import dados  # noqa: F401 (fixture)
from tests.geracao.test_processo_pdf_http import processo  # noqa: F401 (fixture)
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest


pytestmark = pytest.mark.browser


def test_gerar_pdf_do_processo_com_barra_de_progresso(page, site_url, processo):  # noqa: F811
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(processo["@id"])
    page.click("#seimg-gerar-pdf")
    page.wait_for_selector("#seimg-gerar-pdf-form")
    caixas = page.locator("input.seimg-gerar-pdf-documento")
    assert caixas.count() == 2
    assert all(caixas.nth(i).is_checked() for i in range(2))
    # "Select all" unticks and ticks them again.
    page.uncheck("#seimg-gerar-pdf-todos")
    assert not any(caixas.nth(i).is_checked() for i in range(2))
    page.check("#seimg-gerar-pdf-todos")
    page.click("#seimg-gerar-pdf-botao")

    page.wait_for_selector("progress#seimg-pdf-progresso")
    assert "@@pdf-processo-tarefa" in page.url
    # The script polls the job and shows the link when it is done.
    page.wait_for_selector("#seimg-pdf-download", state="visible", timeout=180_000)
    assert page.get_attribute("progress#seimg-pdf-progresso", "value") == "100"
    assert page.inner_text("#seimg-pdf-estado") == "concluída"
    assert "3 de 3 etapas" in page.inner_text("#seimg-pdf-etapas")
    assert page.is_hidden("#seimg-pdf-erro")
    with page.expect_download() as baixando:
        page.click("#seimg-pdf-download")
    download = baixando.value
    assert download.suggested_filename.startswith("processo-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as arquivo:
        assert arquivo.read(5) == b"%PDF-"
