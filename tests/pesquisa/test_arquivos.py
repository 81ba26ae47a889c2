"""The text of external documents: extracted at upload, OCR as a job.

seimg.pesquisa.arquivos (the stored text, the subscribers) and the job side
of seimg.pesquisa.ocr (queueing, priorities, the job's function). One real
OCR (an image-only PDF); elsewhere the recognition is replaced by a stub.
"""

from datetime import date
from plone import api
from plone.namedfile.file import NamedBlobFile
from seimg.base import tarefas
from seimg.interfaces import ISeimgLayer
from seimg.pesquisa import arquivos
from seimg.pesquisa import extracao
from seimg.pesquisa import ocr
from seimg.pesquisa.analise import dobrar
from seimg.processos import api as processos_api
from tests.pesquisa import amostras
from tests.pesquisa.conftest import buscar
from tests.pesquisa.conftest import uids_documentos
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import pytest
import transaction


PDF = "application/pdf"
ESCANEADO = (["Processo de licitação", "Piscicultura sustentável"],)


@pytest.fixture
def dados(monkeypatch, tmp_path):
    """Job records under tmp_path, never in the shared folder."""
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    return tmp_path


@pytest.fixture
def sincrono(monkeypatch, dados):
    monkeypatch.setattr(tarefas, "SINCRONO", True)


@pytest.fixture
def processo(secretaria):
    return novo_processo(secretaria, especificacao="Aquisição de alevinos")


def externo(processo, conteudo: bytes, nome="anexo.pdf", mime=PDF, nivel="publico"):
    campos = {}
    if nivel != "publico":
        campos["hipotese_legal"] = tabela("HipoteseLegal", "Informação Pessoal")
    return processos_api.criar_documento(
        processo,
        "DocumentoExterno",
        tipo_documento=tabela("TipoDocumento", "Certidão"),
        data_documento=date(2026, 3, 2),
        formato="nato_digital",
        nivel_acesso=nivel,
        arquivo=NamedBlobFile(conteudo, filename=nome, contentType=mime),
        **campos,
    )


class Reconhecedor:
    """Stands in for tesseract: what it "reads", and how often it was asked."""

    def __init__(self, texto="palavra reconhecida\f"):
        self.texto = texto
        self.chamadas = 0

    def __call__(self, dados, content_type, pular=frozenset()):
        self.chamadas += 1
        return ocr.Reconhecimento(texto=self.texto, paginas=1, lidas=1)


@pytest.fixture
def reconhecedor(monkeypatch):
    falso = Reconhecedor()
    monkeypatch.setattr(ocr, "reconhecer_paginas", falso)
    return falso


def _pedidos():
    try:
        return transaction.get().data(ocr._CHAVE_TRANSACAO)
    except KeyError:
        return {}


# --- extraction at upload ---------------------------------------------------------


def test_uploaded_pdf_text_is_stored_and_found(processo, dados):
    doc = externo(
        processo, amostras.pdf_texto("Parecer sobre hidropneumática\nda escola")
    )
    texto, reconhecido = arquivos.texto(doc)
    assert "Parecer sobre hidropneumática" in texto
    assert reconhecido is False
    assert arquivos.situacao_ocr(doc) is None
    assert not _pedidos()  # a text PDF needs no OCR
    assert uids_documentos(buscar("hidropneumatica")) == [doc.UID()]


def test_office_document_text_is_stored(processo, dados):
    doc = externo(
        processo,
        amostras.docx("Relatório de alevinagem", [["Tanque", "Lote 7"]]),
        nome="relatorio.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert arquivos.texto(doc)[0].splitlines() == [
        "Relatório de alevinagem",
        "Tanque",
        "Lote 7",
    ]


def test_broken_pdf_is_accepted_without_text(processo, dados):
    doc = externo(processo, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert arquivos.texto(doc) == ("", False)
    assert arquivos.situacao_ocr(doc) is None  # OCR would fail as well


# --- the OCR job --------------------------------------------------------------------


def test_image_only_pdf_gets_the_ocr_job_and_its_text_marked(
    processo, sincrono, request_seimg
):
    doc = externo(processo, amostras.pdf_imagem(*ESCANEADO), nome="escaneado.pdf")
    texto, reconhecido = arquivos.texto(doc)
    assert reconhecido is True
    assert arquivos.situacao_ocr(doc) == arquivos.CONCLUIDO
    assert "processo de licitacao" in dobrar(texto)
    [tarefa] = tarefas.listar(tipo=ocr.TIPO)
    assert tarefa["estado"] == tarefas.CONCLUIDO
    assert tarefa["prioridade"] == ocr.NORMAL
    assert tarefa["documento"] == doc.UID()
    assert tarefa["usuario"] == "ocr:carlos.mendes"  # not the user's own jobs
    # found by a word only the image holds, and marked on the document page
    assert uids_documentos(buscar("piscicultura")) == [doc.UID()]
    html = api.content.get_view("documento", doc, request_seimg)()
    assert 'id="seimg-texto-ocr"' in html
    assert 'data-ocr="concluido"' in html
    assert "Texto reconhecido por OCR" in html


@pytest.fixture
def request_seimg(portal):
    alsoProvides(portal.REQUEST, ISeimgLayer)
    return portal.REQUEST


def test_scan_waits_for_the_commit_then_its_job_starts(
    processo, dados, reconhecedor, monkeypatch
):
    doc = externo(processo, amostras.pdf_imagem(["Lido depois"]))
    assert arquivos.situacao_ocr(doc) == arquivos.PENDENTE
    assert arquivos.texto(doc) == ("", False)
    assert reconhecedor.chamadas == 0  # nothing before the commit
    assert list(_pedidos()) == [doc.UID()]
    assert tarefas.listar(tipo=ocr.TIPO) == []

    iniciadas = []
    monkeypatch.setattr(
        ocr.trabalhador,
        "rodar",
        lambda dados_, alvo, funcao, request, erro: iniciadas.append((dados_, alvo)),
    )
    depois = []
    monkeypatch.setattr(
        transaction.get(),
        "addAfterCommitHook",
        lambda f, args: depois.append((f, args)),
    )
    ocr._antes_de_confirmar(_pedidos())  # what the commit does first
    [tarefa] = tarefas.listar(tipo=ocr.TIPO)
    assert tarefa["estado"] == tarefas.PENDENTE
    [(funcao, argumentos)] = depois
    funcao(True, *argumentos)  # then, committed
    assert [(d["id"], alvo) for d, alvo in iniciadas] == [(tarefa["id"], doc)]

    # the worker's function (here without committing)
    ocr.executar(doc, tarefa["id"])
    assert arquivos.texto(doc) == ("palavra reconhecida\f", True)
    assert tarefas.ler(tarefa["id"])["estado"] == tarefas.CONCLUIDO


def test_a_failed_commit_drops_the_job(processo, dados, reconhecedor):
    externo(processo, amostras.pdf_imagem(["Nunca"]))
    ocr._antes_de_confirmar(_pedidos())
    [tarefa] = tarefas.listar(tipo=ocr.TIPO)
    normais = [(tarefa, None)]
    ocr._depois_de_confirmar(False, normais, None)
    assert tarefas.ler(tarefa["id"])["estado"] == tarefas.ERRO


def test_failed_recognition_marks_the_document(processo, sincrono, monkeypatch):
    monkeypatch.setattr(
        ocr,
        "reconhecer_paginas",
        lambda *a, **k: ocr.Reconhecimento(erro=True),
    )
    doc = externo(processo, amostras.pdf_imagem(["Ilegível"]))
    assert arquivos.situacao_ocr(doc) == arquivos.ERRO
    assert arquivos.texto(doc) == ("", False)
    [tarefa] = tarefas.listar(tipo=ocr.TIPO)
    assert tarefa["estado"] == tarefas.ERRO
    assert "OCR" in tarefa["mensagem"]


def test_result_dropped_when_the_file_changed_meanwhile(processo, dados, reconhecedor):
    doc = externo(processo, amostras.pdf_imagem(["Primeiro"]))
    arquivos.registro(doc)["impressao"] = "outro arquivo"
    ocr._guardar(doc, "impressao antiga", "velho", True, arquivos.CONCLUIDO, False)
    assert arquivos.texto(doc) == ("", False)
    assert arquivos.situacao_ocr(doc) == arquivos.PENDENTE


# --- priorities ---------------------------------------------------------------------


def test_beyond_the_users_limit_ocr_goes_to_the_low_priority_queue(
    processo, dados, reconhecedor, monkeypatch, secretaria
):
    monkeypatch.setenv("SEIMG_TAREFAS_POR_USUARIO", "1")
    primeiro = externo(processo, amostras.pdf_imagem(["Um"]))
    segundo = externo(processo, amostras.pdf_imagem(["Dois"]))
    ocr._antes_de_confirmar(_pedidos())
    [tarefa] = tarefas.listar(tipo=ocr.TIPO)
    assert tarefa["documento"] == primeiro.UID()
    assert list(ocr._fila(secretaria)) == [segundo.UID()]


def test_low_priority_queue_is_worked_through(
    processo, dados, reconhecedor, monkeypatch, secretaria
):
    doc = externo(processo, amostras.pdf_imagem(["Migrado"]))
    del _pedidos()[doc.UID()]
    ocr.enfileirar(doc, ocr.BAIXA)
    garantidos = []
    monkeypatch.setattr(ocr, "garantir_executor", garantidos.append)
    depois = []
    monkeypatch.setattr(
        transaction.get(),
        "addAfterCommitHook",
        lambda f, args: depois.append((f, args)),
    )
    ocr._antes_de_confirmar(_pedidos())
    assert tarefas.listar(tipo=ocr.TIPO) == []  # no normal job
    assert ocr.na_fila(secretaria) == 1
    [(funcao, argumentos)] = depois
    funcao(True, *argumentos)
    assert garantidos == [secretaria]
    assert ocr.processar_fila(secretaria, None, esperar=False, confirmar=False) == 1
    assert ocr.na_fila(secretaria) == 0
    assert arquivos.texto(doc) == ("palavra reconhecida\f", True)


def test_low_priority_waits_for_normal_jobs(dados, monkeypatch):
    monkeypatch.setattr(ocr, "ESPERA", 0.01)
    monkeypatch.setattr(ocr, "ESPERA_MAXIMA", 0.2)
    normal = tarefas.criar(ocr.TIPO, "ocr:alguem", prioridade=ocr.NORMAL)
    esperas = []
    monkeypatch.setattr(ocr.time, "sleep", esperas.append)
    chamadas = iter([True, True, False])
    monkeypatch.setattr(ocr, "_ativas", lambda prioridade: next(chamadas))
    ocr._esperar_normais()
    assert len(esperas) == 2
    assert normal["estado"] == tarefas.PENDENTE


def test_pending_documents_are_queued_at_low_priority(
    processo, sincrono, reconhecedor, monkeypatch, secretaria
):
    antigo = externo(processo, amostras.pdf_texto("Documento antigo da piscina"))
    escaneado = externo(processo, amostras.pdf_imagem(["Antigo escaneado"]))
    pronto = externo(processo, amostras.pdf_imagem(["Já lido"]))
    assert reconhecedor.chamadas == 2
    # uploaded before this feature: no record at all; a scan still pending
    del arquivos.IAnnotations(antigo)[arquivos.CHAVE]
    del arquivos.IAnnotations(escaneado)[arquivos.CHAVE]
    arquivos.marcar_ocr(pronto, arquivos.CONCLUIDO)
    assert ocr.enfileirar_pendentes(secretaria, lote=1, confirmar=False) == 1
    assert "piscina" in arquivos.texto(antigo)[0]
    assert arquivos.situacao_ocr(escaneado) == arquivos.CONCLUIDO
    assert reconhecedor.chamadas == 3  # only the scan, once
    # a second run finds nothing to do
    assert ocr.enfileirar_pendentes(secretaria, confirmar=False) == 0


# --- the file changes -------------------------------------------------------------


def test_text_follows_the_file_not_other_changes(processo, dados, monkeypatch):
    from seimg.content.documento import IDocumentoExternoSchema

    doc = externo(processo, amostras.pdf_texto("Versão original"))
    extracoes = []
    original = extracao.extrair
    monkeypatch.setattr(
        extracao,
        "extrair",
        lambda *a, **k: extracoes.append(1) or original(*a, **k),
    )
    doc.numero = "12/2026"
    notify(ObjectModifiedEvent(doc, Attributes(IDocumentoExternoSchema, "numero")))
    notify(ObjectModifiedEvent(doc))  # no description: the fingerprint decides
    assert extracoes == []
    doc.arquivo = NamedBlobFile(
        amostras.pdf_texto("Versão corrigida"), filename="novo.pdf", contentType=PDF
    )
    notify(ObjectModifiedEvent(doc, Attributes(IDocumentoExternoSchema, "arquivo")))
    assert extracoes == [1]
    assert "Versão corrigida" in arquivos.texto(doc)[0]
    assert uids_documentos(buscar("corrigida")) == [doc.UID()]


# --- the OCR line -----------------------------------------------------------------


def test_ocr_line_only_for_readers_of_the_content(
    portal, processo, dados, reconhecedor, request_seimg
):
    from zope.component import getMultiAdapter
    from zope.contentprovider.interfaces import IContentProvider

    doc = externo(processo, amostras.pdf_imagem(["Restrito"]), nivel="restrito")

    def linha():
        provider = getMultiAdapter(
            (doc, request_seimg, None), IContentProvider, name="seimg.aviso_ocr"
        )
        provider.update()
        return provider.render()

    assert 'data-ocr="pendente"' in linha()
    assert "Reconhecendo o texto" in linha()
    ocr.executar(doc)
    assert 'data-ocr="concluido"' in linha()
    with como(portal, None):
        assert linha() == ""
