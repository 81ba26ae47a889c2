"""Fixtures of the public portal's tests.

Those of the portal's PDFs are prefixed ``pdfs_``. Sealed PDFs are never
made ahead in tests (``SEIMG_PDF_PREGERAR=0``, tests/conftest.py): no
background LibreOffice work in the test process. A test whose visitor downloads a
sealed PDF fills its cache first, with :func:`seimg.assinatura.pades.pdf_assinado`
(LibreOffice) or ``pdfs_selar`` (a stand-in PDF, sealed, without LibreOffice).
"""

from pathlib import Path
import os
import pytest


_CERTIFICADOS: Path | None = None


@pytest.fixture
def pdfs_dados(tmp_path, tmp_path_factory, monkeypatch) -> Path:
    """A private SEIMG_DATA (jobs, cached process PDFs) per test; the demo
    certificates are shared by the session (issuing them costs)."""
    global _CERTIFICADOS
    from seimg.assinatura import certificados

    if _CERTIFICADOS is None:
        _CERTIFICADOS = tmp_path_factory.mktemp("pdfs-certificados")
        _CERTIFICADOS.chmod(0o700)
    dados = tmp_path / "dados"
    dados.mkdir()
    (dados / "certificados").symlink_to(_CERTIFICADOS, target_is_directory=True)
    monkeypatch.setenv("SEIMG_DATA", str(dados))
    for name in list(os.environ):
        if name.startswith(certificados.ENV_PREFIX):
            monkeypatch.delenv(name)
    return dados


def pdfs_paginas(*textos: str) -> bytes:
    """A PDF with one page per text (no LibreOffice)."""
    from tests.geracao.test_processo_pdf import pdf_paginas

    return pdf_paginas(*textos)


@pytest.fixture
def pdfs_selar(monkeypatch):
    """``selar(documento, paginas=1)``: fill the sealed-PDF cache of a signed
    Documento with a stand-in of ``paginas`` pages, sealed for real (pyHanko)
    but rendered without LibreOffice; returns the PDF."""
    from seimg.assinatura import pades

    def selar(documento, paginas: int = 1) -> bytes:
        textos = [f"{documento.numero_sei} página {i + 1}" for i in range(paginas)]
        corpo = pdfs_paginas(*textos)
        with monkeypatch.context() as m:
            m.setattr(pades, "pdf_do_modelo", lambda _d, _m: corpo)
            m.setattr(pades, "html_para_pdf", lambda _h: corpo)
            return pades.pdf_assinado(documento)

    return selar


@pytest.fixture
def pdfs_sem_geracao(monkeypatch):
    """Any attempt at making a sealed PDF fails the test."""
    from seimg.assinatura import pades

    def falhar(*_args, **_kwargs):
        raise AssertionError("a sealed PDF was generated")

    for nome in ("pdf_do_modelo", "html_para_pdf", "selar"):
        monkeypatch.setattr(pades, nome, falhar)
