"""OCR over HTTP: an uploaded scan is recognised by the job after the upload
commits, in the worker thread, and found by the search (issue 18)."""

from tests.pesquisa import amostras
from tests.processos.test_externo_http import _campos
from tests.processos.test_externo_http import _enviar
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import requests
import time


@pytest.fixture(autouse=True)
def dados(monkeypatch, tmp_path):
    """Job records of this test only (the server runs in this process)."""
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))


def _achados(site_url, q) -> list[dict]:
    resposta = requests.get(
        f"{site_url}/@pesquisa",
        params={"q": q},
        headers={"Accept": "application/json", **SECRETARIA},
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 200, resposta.text
    return [d for item in resposta.json()["items"] for d in item["documentos"]]


def test_scan_is_recognised_in_the_background_and_found(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids)
    escaneado = amostras.pdf_imagem(["Oficio sobre tamanduás", "Lagoa azul"])
    resposta = _enviar(
        processo, _campos(uids), ("escaneado.pdf", escaneado, "application/pdf")
    )
    assert resposta.status_code == 201, resposta.text
    documento = resposta.json()
    achados = []
    limite = time.monotonic() + 60
    while not achados and time.monotonic() < limite:
        time.sleep(0.5)
        achados = _achados(site_url, "tamanduas")
    assert [d["UID"] for d in achados] == [documento["UID"]]
    assert achados[0]["texto_ocr"] is True
    pagina = requests.get(
        documento["@id"], headers=SECRETARIA, auth=CARLOS, timeout=60
    ).text
    assert 'id="seimg-texto-ocr"' in pagina
    assert "Texto reconhecido por OCR" in pagina


def test_low_priority_queue_is_worked_by_its_own_worker(acceptance, site_url, uids):  # noqa: F811
    """Queued at low priority (as the upgrade step does) and committed: the
    low-priority worker thread recognises it and commits."""
    from plone.app.testing import login
    from plone.app.testing import logout
    from seimg.base import tarefas
    from seimg.pesquisa import arquivos
    from seimg.pesquisa import ocr
    import transaction

    processo = novo_processo(site_url, uids)
    escaneado = amostras.pdf_imagem(["Capivaras da lagoa"])
    resposta = _enviar(
        processo, _campos(uids), ("escaneado.pdf", escaneado, "application/pdf")
    )
    assert resposta.status_code == 201, resposta.text
    portal = acceptance["portal"]
    uid = resposta.json()["UID"]

    def documento():
        transaction.begin()
        return portal.portal_catalog.unrestrictedSearchResults(UID=uid)[
            0
        ]._unrestrictedGetObject()

    def esperar(condicao):
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            if condicao():
                return True
            time.sleep(0.5)
        return False

    assert esperar(lambda: arquivos.situacao_ocr(documento()) == "concluido")
    # as if uploaded before OCR existed: pending, no text
    login(portal, "carlos.mendes")
    try:
        doc = documento()
        arquivos.gravar(doc, "", False, situacao=arquivos.PENDENTE)
        ocr.enfileirar(doc, ocr.BAIXA)
        transaction.commit()
    finally:
        logout()
    assert esperar(lambda: arquivos.texto(documento())[1])
    assert "capivaras" in arquivos.texto(documento())[0].lower()
    assert ocr.na_fila(portal) == 0
    baixas = tarefas.listar(tipo=ocr.TIPO, prioridade=ocr.BAIXA)
    assert [t["estado"] for t in baixas] == [tarefas.CONCLUIDO]
