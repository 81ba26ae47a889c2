"""The ZIP of a process: originals of external documents, HTML of internal ones."""

from io import BytesIO
from seimg.exportacao import selecao
from seimg.exportacao import zip_processo
from tests.geracao.test_processo_pdf import camada  # noqa: F401 (fixture)
from tests.geracao.test_processo_pdf import CARLOS
from tests.geracao.test_processo_pdf import DANIEL
from tests.geracao.test_processo_pdf import INCLUIDOS
from tests.geracao.test_processo_pdf import processo  # noqa: F401 (fixture)
from tests.processos.conftest import como
from tests.processos.conftest import unidade
from zExceptions import BadRequest
import pytest
import re
import zipfile


def _ler(fluxo) -> bytes:
    return b"".join(fluxo)


def test_nome_seguro():
    assert zip_processo.nome_seguro("Ofício nº 3/2026/CMVS") == "Oficio-no-3-2026-CMVS"
    assert zip_processo.nome_seguro("../../etc/passwd") == "etc-passwd"
    assert zip_processo.nome_seguro("日本") == ""


def test_zip_do_processo(portal, processo, tmp_path):  # noqa: F811
    docs = processo.docs
    destino = tmp_path / "p.zip"
    with como(portal, *CARLOS):
        documentos = selecao.selecionar(processo, unidade(portal, CARLOS[1]))
        assert zip_processo.montar_zip(processo, documentos, destino) == len(INCLUIDOS)
    with zipfile.ZipFile(destino) as arquivo:
        assert arquivo.testzip() is None
        nomes = arquivo.namelist()
        assert len(nomes) == len(INCLUIDOS)
        for ordem, (nome, chave) in enumerate(zip(nomes, INCLUIDOS, strict=True), 1):
            assert nome.startswith(f"{ordem:02d}-{docs[chave].numero_sei}-"), nome
            assert re.fullmatch(r"[0-9]{2}-[0-9]+-[A-Za-z0-9._-]+\.[a-z0-9]+", nome)
        por_chave = dict(zip(INCLUIDOS, nomes, strict=True))
        assert por_chave["pdf"].endswith("-certidao.pdf")
        assert por_chave["imagem"].endswith("-foto.png")
        assert por_chave["texto"].endswith("-planilha.txt")
        assert por_chave["assinado"].endswith(".html")
        # Originals, byte for byte.
        for chave in ("pdf", "imagem", "texto", "cifrado", "quebrado"):
            assert arquivo.read(por_chave[chave]) == docs[chave].arquivo.data
        assert arquivo.getinfo(por_chave["imagem"]).compress_type == zipfile.ZIP_STORED
        # Internal documents as HTML pages.
        assinado = arquivo.read(por_chave["assinado"]).decode("utf-8")
        assert assinado.startswith("<!DOCTYPE html>")
        assert "Texto do ofício assinado" in assinado
        assert docs["assinado"].Title() in assinado
        minuta = arquivo.read(por_chave["minuta"]).decode("utf-8")
        assert "Texto da minuta da Secretaria" in minuta
        assert "Ao Senhor Prefeito Municipal de Vila Serrana" in minuta
        tudo = b"".join(arquivo.read(n) for n in nomes)
    assert "Texto do ofício cancelado".encode() not in tudo
    assert b"Texto da minuta da Procuradoria" not in tudo


def test_zip_de_outro_usuario_e_subconjunto(portal, processo, tmp_path):  # noqa: F811
    docs = processo.docs
    destino = tmp_path / "d.zip"
    with como(portal, *DANIEL):
        documentos = selecao.selecionar(
            processo,
            unidade(portal, DANIEL[1]),
            [docs["outra"].UID(), docs["pdf"].UID()],
        )
        zip_processo.montar_zip(processo, documentos, destino)
        with pytest.raises(BadRequest):
            selecao.selecionar(
                processo, unidade(portal, DANIEL[1]), [docs["minuta"].UID()]
            )
    with zipfile.ZipFile(destino) as arquivo:
        nomes = arquivo.namelist()
    assert [n.split("-")[1] for n in nomes] == [
        docs["pdf"].numero_sei,
        docs["outra"].numero_sei,
    ]


def test_resposta_em_fluxo(portal, processo, camada):  # noqa: F811
    with como(portal, *CARLOS):
        documentos = selecao.selecionar(processo, unidade(portal, CARLOS[1]))
        fluxo = zip_processo.resposta(processo, documentos, camada)
    response = camada.response
    assert response.getHeader("Content-Type") == "application/zip"
    assert "attachment" in response.getHeader("Content-Disposition")
    assert ".zip" in response.getHeader("Content-Disposition")
    tamanho = int(response.getHeader("Content-Length"))
    dados = _ler(fluxo)
    fluxo.close()
    assert len(dados) == tamanho
    with zipfile.ZipFile(BytesIO(dados)) as arquivo:
        assert len(arquivo.namelist()) == len(INCLUIDOS)
    # The temporary file was removed as soon as it was opened.
    assert not __import__("os").path.exists(fluxo.name)
