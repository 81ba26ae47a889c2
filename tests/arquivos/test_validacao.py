"""seimg.arquivos.validar and tipo_real on real sample bytes, and the settings."""

from . import conftest as amostras
from plone import api
from plone.namedfile.field import NamedBlobFile as NamedBlobFileField
from seimg.arquivos import ArquivoInvalido
from seimg.arquivos import tipo_real
from seimg.arquivos import validacao
from seimg.arquivos import validar
from seimg.arquivos.interfaces import EXTENSOES_PADRAO
from zope.i18n import translate
from zope.interface import Invalid
import io
import pytest
import struct


def mensagem(dados: bytes, nome: str) -> str:
    """The Portuguese message of the refusal (fails if the file is accepted)."""
    with pytest.raises(Invalid) as info:
        validar(amostras.arquivo(dados, nome))
    texto = translate(info.value.args[0], target_language="pt_BR")
    assert texto.startswith("Arquivo: "), texto
    return texto


@pytest.mark.parametrize(
    ("fabrica", "nome", "tipo"),
    [
        (amostras.pdf, "Ofício 12.PDF", "application/pdf"),
        (amostras.png, "foto.png", "image/png"),
        (amostras.odt, "minuta.odt", "application/vnd.oasis.opendocument.text"),
        (
            amostras.docx,
            "parecer.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (amostras.texto, "notas.txt", "text/plain"),
        (amostras.texto, "tabela.csv", "text/csv"),
        (amostras.odt, "pacote.zip", "application/zip"),
    ],
)
def test_accepted_files_and_their_sniffed_type(arq_portal, fabrica, nome, tipo):
    dados = fabrica()
    assert validar(amostras.arquivo(dados, nome)) is True
    assert tipo_real(dados, nome) == tipo


def test_latin1_text_is_text(arq_portal):
    dados = "Relatório;Situação\nação;1\n".encode("latin-1")
    assert validar(amostras.arquivo(dados, "dados.csv")) is True


def test_empty_file(arq_portal):
    assert "vazio" in mensagem(b"", "vazio.pdf")


def test_oversize_file_names_the_limit(arq_portal):
    api.portal.set_registry_record("seimg.arquivos.tamanho_maximo_mb", 1)
    grande = amostras.pdf() + b"%" + b"0" * (1024 * 1024)
    texto = mensagem(grande, "grande.pdf")
    assert "maior que o limite de 1 MB" in texto
    # The same file is fine under the default limit.
    api.portal.set_registry_record("seimg.arquivos.tamanho_maximo_mb", 200)
    assert validar(amostras.arquivo(grande, "grande.pdf")) is True


def test_extension_not_allowed(arq_portal):
    texto = mensagem(amostras.png(), "foto.bmp")
    assert "extensão .bmp não são aceitos" in texto
    assert "pdf" in texto  # the accepted ones are listed


def test_extension_removed_from_the_allow_list(arq_portal):
    api.portal.set_registry_record(
        "seimg.arquivos.extensoes_permitidas", ["pdf", "odt"]
    )
    assert "extensão .png" in mensagem(amostras.png(), "foto.png")
    assert validar(amostras.arquivo(amostras.pdf(), "a.pdf")) is True


def test_no_extension(arq_portal):
    assert "não tem extensão" in mensagem(amostras.pdf(), "documento")


def test_executable_renamed_pdf(arq_portal):
    texto = mensagem(amostras.exe(), "nota-fiscal.pdf")
    assert "executáveis" in texto
    assert "portable-executable" in texto


def test_html_renamed_txt(arq_portal):
    texto = mensagem(amostras.html(), "leia-me.txt")
    assert "text/html" in texto


def test_script_hidden_inside_text(arq_portal):
    dados = amostras.texto() * 50 + b'<img src=x onerror="1"><script>alert(1)</script>'
    assert "text/html" in mensagem(dados, "notas.txt")


def test_svg_is_refused_by_extension_and_by_content(arq_portal):
    assert "extensão .svg" in mensagem(amostras.svg(), "logo.svg")
    assert "image/svg+xml" in mensagem(amostras.svg(), "logo.xml")


def test_svg_cannot_be_allowed_by_an_administrator(arq_portal):
    api.portal.set_registry_record(
        "seimg.arquivos.extensoes_permitidas", [*EXTENSOES_PADRAO, "svg", "html"]
    )
    assert "extensão .svg" in mensagem(amostras.svg(), "logo.svg")
    assert "extensão .html" in mensagem(amostras.html(), "pagina.html")


def test_shell_script_renamed_txt(arq_portal):
    texto = mensagem(b"#!/bin/sh\nrm -rf /\n", "script.txt")
    assert "text/x-shellscript" in texto


def test_elf_renamed_zip(arq_portal):
    texto = mensagem(b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "backup.zip")
    assert "executáveis" in texto


def test_pdf_named_png(arq_portal):
    texto = mensagem(amostras.pdf(), "foto.png")
    assert "(application/pdf) não corresponde à sua extensão .png" in texto


def test_odt_named_docx_and_docx_named_odt(arq_portal):
    assert "extensão .docx" in mensagem(amostras.odt(), "a.docx")
    assert "extensão .odt" in mensagem(amostras.docx(), "a.odt")


def test_binary_named_txt(arq_portal):
    assert "extensão .txt" in mensagem(amostras.png(), "a.txt")
    assert "extensão .txt" in mensagem(b"abc\x00def", "a.txt")


def test_tipo_real_ignores_the_name_for_dangerous_content():
    assert tipo_real(amostras.html(), "a.pdf") == "text/html"
    assert tipo_real(amostras.svg(), "a.png") == "image/svg+xml"
    assert tipo_real(amostras.pdf(), "a.png") == "application/pdf"


def test_constraint_of_a_file_field_raises_a_validation_error(arq_portal):
    """What z3c.form and plone.restapi's deserializer see."""
    campo = NamedBlobFileField(__name__="arquivo", title="Arquivo", constraint=validar)
    campo.validate(amostras.arquivo(amostras.pdf(), "ok.pdf"))
    with pytest.raises(ArquivoInvalido) as info:
        campo.validate(amostras.arquivo(amostras.exe(), "virus.pdf"))
    assert translate(info.value.doc(), target_language="pt_BR").startswith("Arquivo:")


def test_registry_defaults(arq_portal):
    assert api.portal.get_registry_record("seimg.arquivos.tamanho_maximo_mb") == 200
    extensoes = api.portal.get_registry_record("seimg.arquivos.extensoes_permitidas")
    assert extensoes == EXTENSOES_PADRAO
    assert {"pdf", "odt", "docx", "jpg", "mp4", "zip"} <= set(extensoes)
    assert not {"exe", "html", "svg", "js"} & set(extensoes)


def test_extension_added_by_an_administrator_is_checked_by_puremagic(arq_portal):
    api.portal.set_registry_record(
        "seimg.arquivos.extensoes_permitidas", [*EXTENSOES_PADRAO, "bmp"]
    )
    cabecalho = struct.pack("<IHHI", 58, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, 4, 0, 0, 0, 0)
    bmp = b"BM" + cabecalho + info + b"\x00\x00\xff\x00"
    assert validar(amostras.arquivo(bmp, "mapa.bmp")) is True
    assert "extensão .bmp" in mensagem(amostras.png(), "mapa.bmp")


def test_blobs_are_read_as_streams_not_copied(arq_portal):
    stream = validacao._abrir(amostras.arquivo(amostras.pdf(), "a.pdf"))
    try:
        assert not isinstance(stream, io.BytesIO)
        assert stream.read(5) == b"%PDF-"
    finally:
        stream.close()
