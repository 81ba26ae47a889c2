"""OCR in Portuguese (seimg.pesquisa.ocr): tesseract through poppler, limited.

One real recognition (a short page at 150 dpi, about a second); the limits
are shown with a command that never ends in time.
"""

from seimg.pesquisa import extracao
from seimg.pesquisa import ocr
from seimg.pesquisa.analise import dobrar
from tests.pesquisa import amostras
import pytest
import tempfile
import time


PDF = "application/pdf"


@pytest.fixture(autouse=True)
def temporarios(monkeypatch, tmp_path):
    """Temporary folders under tmp_path: each test checks none is left."""
    pasta = tmp_path / "tmp"
    pasta.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(pasta))
    yield pasta
    assert list(pasta.iterdir()) == []


@pytest.fixture
def lento(tmp_path):
    caminho = tmp_path / "lento"
    caminho.write_text("#!/bin/sh\nexec sleep 30\n")
    caminho.chmod(0o755)
    return str(caminho)


def test_image_only_pdf_is_read_in_portuguese_up_to_the_page_cap(monkeypatch):
    monkeypatch.setenv("SEIMG_OCR_PAGINAS", "1")
    dados = amostras.pdf_imagem(
        ["Processo de licitação", "Contrato administrativo"],
        ["Segunda folha", "Ofício circular"],
    )
    assert extracao.extrair(dados, PDF).strip() == ""  # no text layer
    resultado = ocr.reconhecer_paginas(dados, PDF)
    texto = dobrar(resultado.texto)
    assert "processo de licitacao" in texto
    assert "contrato administrativo" in texto
    assert "segunda" not in texto  # page 2: beyond the cap
    assert (resultado.paginas, resultado.lidas, resultado.falhas) == (2, 1, 0)
    assert not resultado.falhou
    assert resultado.texto.endswith("\f")


def test_pages_with_text_are_skipped(monkeypatch, lento):
    monkeypatch.setattr(ocr, "TESSERACT", lento)  # it must not run at all
    dados = amostras.pdf_imagem(["Uma"], ["Duas"])
    resultado = ocr.reconhecer_paginas(dados, PDF, pular={1, 2})
    assert (resultado.lidas, resultado.falhas) == (0, 0)
    assert resultado.texto == "\f\f"


def test_tesseract_timeout_per_page(monkeypatch, lento, caplog):
    monkeypatch.setenv("SEIMG_OCR_SEGUNDOS_PAGINA", "1")
    monkeypatch.setattr(ocr, "TESSERACT", lento)
    inicio = time.monotonic()
    resultado = ocr.reconhecer_paginas(amostras.pdf_imagem(["Lento"]), PDF)
    assert time.monotonic() - inicio < 5
    assert resultado.falhou
    assert resultado.texto.strip() == ""
    assert "killed after" in caplog.text


def test_whole_file_time_is_bounded(monkeypatch, lento):
    monkeypatch.setenv("SEIMG_OCR_SEGUNDOS", "1")
    monkeypatch.setattr(ocr, "TESSERACT", lento)
    inicio = time.monotonic()
    resultado = ocr.reconhecer_paginas(
        amostras.pdf_imagem(["Um"], ["Dois"], ["Tres"], ["Quatro"]), PDF
    )
    assert time.monotonic() - inicio < 5
    assert (resultado.lidas, resultado.falhas) == (0, 4)


def test_pdftoppm_timeout(monkeypatch, lento):
    monkeypatch.setenv("SEIMG_OCR_SEGUNDOS_PAGINA", "1")
    monkeypatch.setattr(ocr, "PDFTOPPM", lento)
    inicio = time.monotonic()
    resultado = ocr.reconhecer_paginas(amostras.pdf_imagem(["Um"]), PDF)
    assert time.monotonic() - inicio < 5
    assert resultado.falhou


@pytest.mark.parametrize(
    "dados",
    [b"%PDF-1.4\n" + bytes(range(256)) * 40, b"%PDF-1.4\n%%EOF", b""],
)
def test_garbage_gives_nothing_quickly(dados):
    inicio = time.monotonic()
    resultado = ocr.reconhecer_paginas(dados, PDF)
    assert time.monotonic() - inicio < 5
    assert resultado.texto == ""
    assert ocr.reconhecer(dados, PDF) == ""


def test_broken_image_fails_quickly():
    inicio = time.monotonic()
    quebrada = b"\x89PNG\r\n\x1a\n" + b"\x00" * 500
    resultado = ocr.reconhecer_paginas(quebrada, "image/png")
    assert time.monotonic() - inicio < 5
    assert resultado.falhou
    assert resultado.texto == ""


def test_other_types_are_not_recognised(monkeypatch, lento):
    monkeypatch.setattr(ocr, "TESSERACT", lento)
    assert ocr.reconhecer(b"texto simples", "text/plain") == ""
    assert ocr.reconhecer(amostras.docx("a", [["b"]]), "application/zip") == ""


def test_missing_tesseract_is_an_error(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(ocr, "TESSERACT", str(tmp_path / "sem-tesseract"))
    resultado = ocr.reconhecer_paginas(amostras.pdf_imagem(["Um"]), PDF)
    assert resultado.erro
    assert "not installed" in caplog.text


def test_merge_keeps_the_text_layer_where_a_page_has_one():
    texto = "x" * extracao.LETRAS_POR_PAGINA
    extraido = f"{texto}\f\f\fquarta\f5\f"
    reconhecido = "\fpagina dois\f\f\fpagina cinco\f"
    assert ocr.mesclar(extraido, reconhecido) == (
        f"{texto}\fpagina dois\f\fquarta\f5\npagina cinco\f"
    )
    assert ocr.mesclar("", "so ocr\f") == "so ocr\f"
