"""Text of uploaded files (seimg.pesquisa.extracao): formats, limits, bad input."""

from seimg.pesquisa import extracao
from seimg.pesquisa.analise import dobrar
from tests.pesquisa import amostras
import io
import pytest
import sys
import tempfile
import time
import zipfile


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture(autouse=True)
def temporarios(monkeypatch, tmp_path):
    """Temporary folders under tmp_path: each test checks none is left."""
    pasta = tmp_path / "tmp"
    pasta.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(pasta))
    yield pasta
    assert list(pasta.iterdir()) == []


def lento(tmp_path, nome="lento"):
    """A command that never ends in time (exec: no child holds the pipes)."""
    caminho = tmp_path / nome
    caminho.write_text("#!/bin/sh\nexec sleep 30\n")
    caminho.chmod(0o755)
    return str(caminho)


# --- formats ----------------------------------------------------------------------


def test_pdf_text_with_accents_and_pages():
    dados = amostras.pdf_texto(
        "Contrato de licitação nº 14.133/2021\nSecretaria de Educação",
        "Página dois: ofício",
    )
    texto = extracao.extrair(dados, PDF, "contrato.pdf")
    assert "Contrato de licitação nº 14.133/2021" in texto
    assert "Secretaria de Educação" in texto
    primeira, segunda, resto = texto.split("\f")
    assert "licitação" in primeira
    assert "ofício" in segunda
    assert resto == ""


def test_pdf_named_or_typed_otherwise_is_still_read():
    dados = amostras.pdf_texto("Certidão negativa")
    assert "Certidão negativa" in extracao.extrair(dados, "application/octet-stream")


def test_docx_paragraphs_and_table_cells():
    dados = amostras.docx(
        "Parecer sobre a licitação",
        [["Item", "Valor"], ["Merenda escolar", "R$ 1.000,00"]],
    )
    texto = extracao.extrair(dados, DOCX, "parecer.docx")
    linhas = texto.splitlines()
    assert linhas == [
        "Parecer sobre a licitação",
        "Item",
        "Valor",
        "Merenda escolar",
        "R$ 1.000,00",
    ]


def test_odt_paragraphs_spaces_tables_without_deleted_text():
    dados = amostras.odt(
        "<text:h>Relatório de gestão</text:h>"
        '<text:p>Olá<text:s text:c="2"/>mundo<text:tab/>fim<text:line-break/>'
        "nova <text:span>linha</text:span> aqui</text:p>"
        "<table:table><table:table-row>"
        "<table:table-cell><text:p>Célula de tabela</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        "<text:tracked-changes><text:changed-region><text:deletion>"
        "<text:p>texto apagado</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p><office:annotation><text:p>comentario</text:p></office:annotation>"
        "Depois do comentário</text:p>"
    )
    texto = extracao.extrair(dados, ODT, "relatorio.odt")
    assert texto.splitlines() == [
        "Relatório de gestão",
        "Olá  mundo\tfim",
        "nova linha aqui",
        "Célula de tabela",
        "Depois do comentário",
    ]


def test_rtf():
    dados = (
        rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\*\generator Word;}"
        rb"{\info{\title T\'edtulo}}\f0 Licita\'e7\'e3o \u233?tica\par"
        b"\r\n"
        rb"Segunda {\b linha}\par}"
    )
    assert extracao.extrair(dados, "application/rtf", "a.rtf") == (
        "Licitação ética\nSegunda linha"
    )


def test_html_without_scripts_and_styles():
    dados = (
        "<html><head><title>Título</title><style>p{color:red}</style>"
        "<script>var segredo = 1</script></head><body><p>Olá</p>"
        "<p>mundo <b>forte</b></p></body></html>"
    ).encode()
    texto = extracao.extrair(dados, "text/html", "a.html")
    assert "Olá" in texto
    assert "mundo forte" in texto
    assert "segredo" not in texto
    assert "color" not in texto


@pytest.mark.parametrize("codificacao", ["utf-8", "cp1252", "utf-16"])
def test_plain_text_in_any_encoding(codificacao):
    dados = "Ação civil, licitação\n".encode(codificacao)
    assert extracao.extrair(dados, "text/plain", "a.txt").strip() == (
        "Ação civil, licitação"
    )


def test_xml_text_without_entities():
    dados = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<a><b>Nota fiscal</b><c>&e;</c></a>"
    )
    texto = extracao.extrair(dados, "application/xml", "a.xml")
    assert "Nota fiscal" in texto
    assert "root:" not in texto


def test_stream_input_is_read_like_bytes():
    dados = amostras.pdf_texto("Leitura por fluxo")
    assert "Leitura por fluxo" in extracao.extrair(io.BytesIO(dados), PDF)


@pytest.mark.parametrize(
    ("tipo", "nome"),
    [
        ("image/png", "a.png"),
        ("application/zip", "a.zip"),
        ("audio/mpeg", "a.mp3"),
        ("application/msword", "a.doc"),
    ],
)
def test_other_types_give_no_text(tipo, nome):
    dados = {
        "image/png": amostras.png(["Imagem"]),
        "application/zip": zip_qualquer(),
        "audio/mpeg": b"ID3\x03\x00" + b"\x00" * 100,
        "application/msword": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
    }[tipo]
    assert extracao.extrair(dados, tipo, nome) == ""


def zip_qualquer() -> bytes:
    saida = io.BytesIO()
    with zipfile.ZipFile(saida, "w") as pacote:
        pacote.writestr("leia.txt", "conteúdo")
    return saida.getvalue()


# --- bad input ----------------------------------------------------------------------


def garbage(tamanho=20000) -> bytes:
    import random

    gerador = random.Random(18)
    return bytes(gerador.randrange(256) for _ in range(tamanho))


@pytest.mark.parametrize(
    ("nome", "tipo", "dados"),
    [
        ("truncado.pdf", PDF, amostras.pdf_texto("Texto cortado")[:150]),
        ("lixo.pdf", PDF, b"%PDF-1.7\n" + garbage()),
        ("truncado.docx", DOCX, amostras.docx("Cortado", [["a"]])[:2000]),
        ("lixo.docx", DOCX, b"PK\x03\x04" + garbage()),
        ("truncado.odt", ODT, amostras.odt("<text:p>Cortado</text:p>")[:300]),
        ("lixo.odt", ODT, garbage()),
        ("lixo.rtf", "application/rtf", b"{\\rtf1" + garbage()),
        ("vazio.pdf", PDF, b""),
        ("nulo.txt", "text/plain", b"\x00" * 1000),
    ],
)
def test_bad_input_gives_empty_text_quickly(nome, tipo, dados, caplog):
    inicio = time.monotonic()
    texto = extracao.extrair(dados, tipo, nome)
    assert time.monotonic() - inicio < 5
    assert isinstance(texto, str)
    assert "Cortado" not in texto
    if not nome.endswith((".rtf", ".txt")):
        assert texto.strip() == ""


def test_broken_odt_xml_gives_empty_text(caplog):
    dados = amostras.odt("<text:p>sem fim")
    assert extracao.extrair(dados, ODT, "quebrado.odt") == ""
    assert "No text extracted" in caplog.text


def test_package_that_unpacks_too_big_is_not_read(monkeypatch, caplog):
    monkeypatch.setattr(extracao, "LIMITE_PARTE", 1000)
    dados = amostras.docx("Texto " * 1000, [["a"]])
    assert extracao.extrair(dados, DOCX, "grande.docx") == ""
    assert "unpacks to" in caplog.text


# --- limits -------------------------------------------------------------------------


def test_page_cap(monkeypatch):
    monkeypatch.setenv("SEIMG_EXTRACAO_PAGINAS", "2")
    dados = amostras.pdf_texto("primeira", "segunda", "terceira")
    texto = extracao.extrair(dados, PDF)
    assert "segunda" in texto
    assert "terceira" not in texto


def test_text_size_cap(monkeypatch):
    monkeypatch.setattr(extracao, "LIMITE_TEXTO", 300)
    dados = amostras.pdf_texto("\n".join(f"linha numero {n}" for n in range(40)))
    texto = extracao.extrair(dados, PDF)
    assert 0 < len(texto) <= 300
    assert texto.endswith(("numero", "linha")) or texto[-1].isdigit()


def test_timeout_kills_pdftotext(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("SEIMG_EXTRACAO_SEGUNDOS", "1")
    monkeypatch.setattr(extracao, "PDFTOTEXT", lento(tmp_path))
    inicio = time.monotonic()
    assert extracao.extrair(amostras.pdf_texto("Nunca lido"), PDF) == ""
    assert time.monotonic() - inicio < 5
    assert "killed after" in caplog.text


def test_memory_limit(tmp_path):
    saida = extracao.rodar(
        [sys.executable, "-c", "x = bytearray(1024 * 1024 * 1024)"],
        tmp_path,
        segundos=20,
        memoria_mb=300,
    )
    assert not saida.ok
    assert b"MemoryError" in saida.stderr


def test_written_size_limit(tmp_path):
    saida = extracao.rodar(
        [sys.executable, "-c", "open('f', 'wb').write(b'x' * 3 * 1024 * 1024)"],
        tmp_path,
        segundos=20,
        memoria_mb=300,
        arquivo_mb=1,
    )
    assert not saida.ok
    assert (tmp_path / "f").stat().st_size <= 1024 * 1024


def test_missing_command_does_not_raise(tmp_path):
    saida = extracao.rodar([str(tmp_path / "inexistente")], tmp_path, 5, 100)
    assert saida.codigo is None


# --- OCR needed? --------------------------------------------------------------------


def test_scan_needs_ocr_text_pdf_does_not():
    texto_pdf = amostras.pdf_texto("\n".join(["Um texto de verdade"] * 10))
    assert not extracao.precisa_ocr(texto_pdf, PDF, extracao.extrair(texto_pdf, PDF))
    scan = amostras.pdf_imagem(["Digitalizado"])
    extraido = extracao.extrair(scan, PDF)
    assert extraido.strip() == ""
    assert extracao.precisa_ocr(scan, PDF, extraido)


def test_pdf_mostly_without_text_needs_ocr():
    paginas = ["\n".join(["Texto suficiente nesta página"] * 5), "", ""]
    dados = amostras.pdf_texto(*paginas)
    texto = extracao.extrair(dados, PDF)
    assert extracao.paginas_sem_texto(texto) == (3, [2, 3])
    assert extracao.precisa_ocr(dados, PDF, texto)
    dados = amostras.pdf_texto(paginas[0], paginas[0], "")
    assert not extracao.precisa_ocr(dados, PDF, extracao.extrair(dados, PDF))


def test_images_need_ocr_other_files_do_not():
    assert extracao.precisa_ocr(amostras.png(["Foto"]), "image/png", "")
    docx = amostras.docx("", [["a"]])
    assert not extracao.precisa_ocr(docx, DOCX, "")
    assert not extracao.precisa_ocr(b"texto", "text/plain", "")


def test_broken_pdf_does_not_need_ocr():
    assert not extracao.precisa_ocr(b"%PDF-1.4\n" + garbage(), PDF, "")
    assert not extracao.precisa_ocr(b"%PDF-1.4\n%%EOF", PDF, "")


def test_folded_text_meets_search_terms():
    dados = amostras.pdf_texto("LICITAÇÕES e Contratos")
    assert "licitacoes e contratos" in dobrar(extracao.extrair(dados, PDF))
