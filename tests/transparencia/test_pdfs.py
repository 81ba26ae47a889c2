"""The public portal's PDFs (issue 19): never LibreOffice in a visitor's
request; sealed PDFs made ahead in the background; the process PDF
concatenated and cached per process version.

Sealed PDFs are stand-ins sealed for real (``pdfs_selar``, no LibreOffice);
one test makes a real one through a job.
"""

from io import BytesIO
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from pypdf import PdfReader
from seimg.assinatura import api as assinatura
from seimg.assinatura import pades
from seimg.assinatura import pregeracao
from seimg.base import tarefas
from seimg.geracao.rendering import GeracaoError
from seimg.transparencia import pdfs
from tests.assinatura.test_autenticidade import CARGO
from tests.assinatura.test_autenticidade import CARLOS
from tests.assinatura.test_autenticidade import SENHA
from tests.geracao.test_processo_pdf import externo
from tests.geracao.test_processo_pdf import pdf_paginas
from tests.geracao.test_processo_pdf import png
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture(autouse=True)
def _dados(pdfs_dados):
    return pdfs_dados


def _processo(portal, nivel="publico"):
    with como(portal, *CARLOS):
        return novo_processo(
            portal, nivel=nivel, especificacao="Piracema do ribeirão Quebra-Anzol"
        )


def _oficio(processo, texto="Relatório da piracema.", nivel="publico", assinar=True):
    portal = api.portal.get()
    with como(portal, *CARLOS):
        documento = novo_oficio(
            processo,
            nivel=nivel,
            texto=RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe"),
        )
        if assinar:
            assinatura.assinar(documento, SENHA, CARGO)
    return documento


def _paginas(dados: bytes) -> int:
    return len(PdfReader(BytesIO(dados)).pages)


def _jobs(documento) -> list[dict]:
    return pregeracao.jobs(documento.UID())


# --- one document -------------------------------------------------------------------


def test_pdf_pronto_le_o_cache_e_nunca_gera(portal, pdfs_sem_geracao):
    documento = _oficio(_processo(portal))
    assert pades.pdf_pronto(documento) is None  # not made, and not made now
    assert pades.arquivo_pronto(documento) is None
    assert _jobs(documento) == []  # reading queues nothing


def test_cache_atual_servido_sem_gerar(portal, pdfs_selar, monkeypatch):
    documento = _oficio(_processo(portal))
    selado = pdfs_selar(documento, paginas=2)

    def falhar(*_args, **_kwargs):
        raise AssertionError("a sealed PDF was generated")

    for nome in ("pdf_do_modelo", "html_para_pdf", "selar"):
        monkeypatch.setattr(pades, nome, falhar)
    assert pades.pdf_pronto(documento) == selado
    assert pdfs.pdf_documento(documento) == selado
    assert pdfs.nome_arquivo(documento) == pades.nome_arquivo(documento)
    assert _jobs(documento) == []


def test_nao_pronto_enfileira_um_job(portal, pdfs_sem_geracao):
    documento = _oficio(_processo(portal))
    for _vez in range(3):
        with pytest.raises(pdfs.PdfEmPreparacao) as erro:
            pdfs.pdf_documento(documento)
        assert erro.value.status == 503
        assert erro.value.retry_after > 0
        assert erro.value.documentos == (documento.UID(),)
        assert "sendo preparado" in pades._t(erro.value.message)
    [job] = _jobs(documento)
    assert job["estado"] == tarefas.PENDENTE
    assert job["prioridade"] == pregeracao.BAIXA
    assert job["documento"] == documento.UID()
    assert job["usuario"] == f"pdf:{documento.UID()}"
    assert job["site"] == list(portal.getPhysicalPath())


def test_cache_desatualizado_nao_e_servido(portal, pdfs_selar):
    from tests.assinatura.test_autenticidade import cancelar

    documento = _oficio(_processo(portal))
    pdfs_selar(documento)
    cancelar(portal, documento)  # another state: another key
    assert pades.pdf_pronto(documento) is None
    with pytest.raises(pdfs.SemPdf) as erro:  # and cancelled: no PDF at all
        pdfs.pdf_documento(documento)
    assert erro.value.status == 404
    assert "cancelado" in pades._t(erro.value.message)


def test_minuta_e_externo_que_nao_e_pdf_nao_tem_pdf(portal):
    processo = _processo(portal)
    minuta = _oficio(processo, assinar=False)
    with pytest.raises(pdfs.SemPdf):
        pdfs.pdf_documento(minuta)
    with como(portal, *CARLOS):
        imagem = externo(processo, "foto.png", png(), "image/png", "1")
        disfarce = externo(processo, "falso.pdf", b"texto puro", pdfs.PDF, "2")
    with pytest.raises(pdfs.SemPdf) as erro:
        pdfs.pdf_documento(imagem)
    assert "não é um PDF" in pades._t(erro.value.message)
    with pytest.raises(pdfs.SemPdf):
        pdfs.pdf_documento(disfarce)
    assert _jobs(minuta) == []
    assert _jobs(imagem) == []


def test_externo_pdf_e_o_proprio_arquivo(portal, pdfs_sem_geracao):
    processo = _processo(portal)
    dados = pdf_paginas("Laudo da piracema", "Anexo")
    with como(portal, *CARLOS):
        documento = externo(processo, "laudo.pdf", dados, pdfs.PDF, "3")
    assert pdfs.pdf_documento(documento) == dados
    assert pdfs.nome_arquivo(documento).endswith(".pdf")


# --- the background jobs -------------------------------------------------------------


def test_assinar_publico_enfileira_restrito_nao(portal, monkeypatch):
    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "1")
    processo = _processo(portal)
    publico = _oficio(processo)
    assert [j["estado"] for j in _jobs(publico)] == [tarefas.PENDENTE]
    restrito = _oficio(processo, nivel="restrito")
    assert _jobs(restrito) == []

    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "0")
    desligado = _oficio(processo)
    assert _jobs(desligado) == []


def test_assinatura_nao_depende_dos_jobs(portal, monkeypatch):
    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "1")

    def quebrado(*_args, **_kwargs):
        raise OSError("disco cheio")

    monkeypatch.setattr(tarefas, "criar", quebrado)
    documento = _oficio(_processo(portal))
    assert api.content.get_state(documento) == "assinado"
    # The portal still answers "being prepared".
    with pytest.raises(pdfs.PdfEmPreparacao):
        pdfs.pdf_documento(documento)


def test_job_faz_o_pdf_selado(portal, monkeypatch):
    documento = _oficio(_processo(portal), texto="Piracema: relatório final.")
    with pytest.raises(pdfs.PdfEmPreparacao):
        pdfs.pdf_documento(documento)
    [job] = _jobs(documento)
    corpo = pdf_paginas("Piracema: relatório final.")
    monkeypatch.setattr(pades, "pdf_do_modelo", lambda _d, _m: corpo)
    feito = pregeracao.executar(job["id"])
    assert feito["estado"] == tarefas.CONCLUIDO, feito
    assert feito["situacao"] == "feito"
    pdf = pdfs.pdf_documento(documento)
    assert pdf.startswith(b"%PDF")
    assert pdf == pades.pdf_pronto(documento)
    # Again: nothing to do.
    assert pregeracao.executar(job["id"])["situacao"] == "pronto"


def test_assinatura_confirmada_faz_o_pdf_em_segundo_plano(
    acceptance_portal, monkeypatch
):
    """The one test with LibreOffice: signing commits, the worker thread
    (system user, its own connection) makes the sealed PDF and commits it."""
    import time
    import transaction

    monkeypatch.setenv("SEIMG_PDF_PREGERAR", "1")
    documento = _oficio(_processo(acceptance_portal), texto="Piracema: relatório.")
    transaction.commit()  # the worker starts now
    [job] = _jobs(documento)
    limite = time.monotonic() + 90
    while tarefas.ler(job["id"])["estado"] in tarefas.ATIVOS:
        assert time.monotonic() < limite, tarefas.ler(job["id"])
        time.sleep(0.2)
    feito = tarefas.ler(job["id"])
    assert (feito["estado"], feito["situacao"]) == (tarefas.CONCLUIDO, "feito")
    transaction.begin()  # see the worker's commit
    pdf = pdfs.pdf_documento(documento)
    assert pdf.startswith(b"%PDF")
    assert "Piracema: relatório." in " ".join(
        page.extract_text() for page in PdfReader(BytesIO(pdf)).pages
    )


def test_job_inofensivo_quando_o_documento_muda_ou_some(portal, monkeypatch):
    processo = _processo(portal)
    removido = _oficio(processo)
    desfeito = _oficio(processo)
    for documento in (removido, desfeito):
        pregeracao.enfileirar(documento)
    [job_removido] = _jobs(removido)
    [job_desfeito] = _jobs(desfeito)
    with como(portal, *CARLOS):
        assinatura.cancelar_assinatura(desfeito)  # back to minuta: no PDF
    # Gone (signed documents are never deleted by people; a broken UID).
    processo._delObject(removido.getId(), suppress_events=True)

    def falhar(*_args, **_kwargs):
        raise AssertionError("a sealed PDF was generated")

    monkeypatch.setattr(pades, "pdf_do_modelo", falhar)
    feito = pregeracao.executar(job_removido["id"])
    assert (feito["estado"], feito["situacao"]) == (tarefas.CONCLUIDO, "removido")
    feito = pregeracao.executar(job_desfeito["id"])
    assert (feito["estado"], feito["situacao"]) == (tarefas.CONCLUIDO, "indisponivel")


def test_libreoffice_fora_do_ar(portal, monkeypatch):
    documento = _oficio(_processo(portal))

    def fora(*_args, **_kwargs):
        raise GeracaoError("LibreOffice fora do ar")

    monkeypatch.setattr(pades, "pdf_do_modelo", fora)
    monkeypatch.setattr(pades, "html_para_pdf", fora)
    with pytest.raises(pdfs.PdfEmPreparacao):
        pdfs.pdf_documento(documento)
    [job] = _jobs(documento)
    falhou = pregeracao.executar(job["id"])
    assert falhou["estado"] == tarefas.ERRO
    assert falhou["mensagem"]
    # Visitors do not pile up jobs while it is down.
    with pytest.raises(pdfs.PdfEmPreparacao):
        pdfs.pdf_documento(documento)
    assert len(_jobs(documento)) == 1


def test_executor_roda_os_pendentes_em_ordem_uma_vez(portal, monkeypatch):
    """The worker's loop (its thread, connection and site stood in for)."""
    from contextlib import nullcontext

    processo = _processo(portal)
    primeiro, segundo = _oficio(processo), _oficio(processo)
    pregeracao.enfileirar(primeiro)
    pregeracao.enfileirar(segundo)
    feitos = []

    def executar(tarefa_id, confirmar=False):
        feitos.append(tarefas.ler(tarefa_id)["documento"])
        return tarefas.atualizar(tarefa_id, estado=tarefas.CONCLUIDO)

    class Banco:
        def open(self):
            return self

        def close(self):
            pass

    monkeypatch.setattr(pregeracao, "executar", executar)
    monkeypatch.setattr(pregeracao.trabalhador, "ambiente", lambda *_a: nullcontext())
    assert pregeracao.executar_pendentes(Banco(), esperar=False) == 2
    assert feitos == [primeiro.UID(), segundo.UID()]
    assert pregeracao.executar_pendentes(Banco(), esperar=False) == 0
    # A job claimed by another process is left to it.
    pregeracao.enfileirar(primeiro)
    [novo] = [j for j in _jobs(primeiro) if j["estado"] == tarefas.PENDENTE]
    (tarefas.pasta_tarefa(novo["id"]) / pregeracao.REIVINDICACAO).touch()
    assert pregeracao.executar_pendentes(Banco(), esperar=False) == 0


# --- the process PDF ---------------------------------------------------------------


def _baixar(iterador) -> bytes:
    return b"".join(iterador)


def test_pdf_do_processo_concatena_e_fica_em_cache(
    portal, pdfs_selar, pdfs_dados, monkeypatch
):
    processo = _processo(portal)
    um, dois = _oficio(processo), _oficio(processo, texto="Segundo relatório.")
    um_pdf = pdfs_selar(um, paginas=2)
    dois_pdf = pdfs_selar(dois, paginas=3)
    with como(portal, *CARLOS):
        laudo = externo(processo, "laudo.pdf", pdf_paginas("L1", "L2"), pdfs.PDF, "4")
        foto = externo(processo, "foto.png", png(), "image/png", "5")
    documentos = [um, laudo, foto, dois]

    pdf = _baixar(pdfs.pdf_processo(processo, documentos))
    leitor = PdfReader(BytesIO(pdf))
    assert len(leitor.pages) == _paginas(um_pdf) + 2 + _paginas(dois_pdf) == 7
    marcadores = [item.title for item in leitor.outline]
    assert len(marcadores) == 3  # the photo has no PDF: left out
    assert um.numero_sei in marcadores[0]
    assert dois.numero_sei in marcadores[2]
    texto = leitor.pages[2].extract_text()
    assert "L1" in texto

    # Again: the cached file, nothing made.
    def falhar(*_args, **_kwargs):
        raise AssertionError("made again")

    with monkeypatch.context() as m:
        m.setattr(pdfs, "montar", falhar)
        m.setattr(pades, "selar", falhar)
        assert _baixar(pdfs.pdf_processo(processo, documentos)) == pdf
    cache = pdfs_dados / "transparencia" / "pdfs" / processo.UID()
    assert len(list(cache.glob("*.pdf"))) == 1

    # A document changes: a new version, the old one removed.
    laudo.arquivo = NamedBlobFile(
        data=pdf_paginas("N1", "N2", "N3", "N4"),
        filename="laudo.pdf",
        contentType=pdfs.PDF,
    )
    novo = _baixar(pdfs.pdf_processo(processo, documentos))
    assert novo != pdf
    assert _paginas(novo) == 9
    assert len(list(cache.glob("*.pdf"))) == 1
    # Another selection (order included) is another version.
    outro = _baixar(pdfs.pdf_processo(processo, [dois, um]))
    assert _paginas(outro) == 5


def test_pdf_do_processo_espera_os_selados_que_faltam(portal, pdfs_selar, request):
    processo = _processo(portal)
    pronto, falta = _oficio(processo), _oficio(processo)
    pdfs_selar(pronto)
    request.getfixturevalue("pdfs_sem_geracao")
    with pytest.raises(pdfs.PdfEmPreparacao) as erro:
        pdfs.pdf_processo(processo, [pronto, falta])
    assert erro.value.documentos == (falta.UID(),)
    assert len(_jobs(falta)) == 1
    assert _jobs(pronto) == []
    with pytest.raises(pdfs.SemPdf):
        pdfs.pdf_processo(processo, [])


def test_pdf_ilegivel_vira_pagina_de_aviso(portal, pdfs_selar):
    from tests.geracao.test_processo_pdf import pdf_cifrado

    processo = _processo(portal)
    um = _oficio(processo)
    pdfs_selar(um)
    with como(portal, *CARLOS):
        cifrado = externo(processo, "cofre.pdf", pdf_cifrado(), pdfs.PDF, "6")
    pdf = _baixar(pdfs.pdf_processo(processo, [um, cifrado]))
    leitor = PdfReader(BytesIO(pdf))
    assert len(leitor.pages) == 2
    assert "senha" in leitor.pages[1].extract_text()
