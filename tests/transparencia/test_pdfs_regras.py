"""The process PDF's cache key and the background switch: pure rules (they
import Zope, so they run with the suite, not `make test-unit`)."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from seimg.assinatura import pregeracao
from seimg.transparencia import pdfs
import pytest


PARTES = [("uid-a", "chave-1"), ("uid-b", "chave-2")]


def test_chave_do_processo_muda_com_cada_parte():
    chave = pdfs.chave_processo("p1", PARTES)
    assert chave == pdfs.chave_processo("p1", [tuple(p) for p in PARTES])
    assert len(chave) == 64
    outras = {
        pdfs.chave_processo("p2", PARTES),  # another process
        pdfs.chave_processo("p1", PARTES[::-1]),  # another order
        pdfs.chave_processo("p1", PARTES[:1]),  # a document less
        pdfs.chave_processo("p1", [("uid-a", "chave-1"), ("uid-b", "chave-3")]),
        # No ambiguity where the parts join.
        pdfs.chave_processo("p1", [("uid-a", "chave-1uid-b"), ("", "chave-2")]),
    }
    assert chave not in outras
    assert len(outras) == 5


@pytest.mark.parametrize(
    ("valor", "ativa"),
    [(None, True), ("1", True), ("0", False), ("off", False), ("Não", False)],
)
def test_chave_liga_desliga(monkeypatch, valor, ativa):
    if valor is None:
        monkeypatch.delenv("SEIMG_PDF_PREGERAR", raising=False)
    else:
        monkeypatch.setenv("SEIMG_PDF_PREGERAR", valor)
    assert pregeracao.ativa() is ativa


def test_espera_apos_erro():
    agora = datetime.now(UTC)
    assert pregeracao._recente({"atualizado_em": agora.isoformat()}, 300)
    antes = (agora - timedelta(seconds=301)).isoformat()
    assert not pregeracao._recente({"atualizado_em": antes}, 300)
    assert not pregeracao._recente({}, 300)


def test_pasta_privada(tmp_path, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    pasta = pdfs.pasta()
    assert pasta == tmp_path.resolve() / "transparencia" / "pdfs"
    assert pasta.stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError, match="UID"):
        pdfs._pasta_processo("../fora")
