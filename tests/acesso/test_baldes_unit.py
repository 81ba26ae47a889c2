"""Rates per address for public surfaces (seimg.acesso.baldes)."""

from seimg.acesso import baldes
from seimg.acesso.limites import MemoriaStore
import pytest


def test_padroes_e_ambiente():
    assert baldes.classes({})[baldes.PAGINA].capacidade == 120
    formas = baldes.classes({"SEIMG_BALDE_PDF": "4/2"})
    assert formas[baldes.PDF] == baldes.Classe("pdf", 4.0, 2.0)
    assert formas[baldes.PAGINA] == baldes.PADROES[baldes.PAGINA]


@pytest.mark.parametrize("valor", ["4", "a/b", "0/1", "-1/2", "inf/1", "1/2/3"])
def test_configuracao_invalida_nomeia_a_variavel(valor):
    with pytest.raises(baldes.ConfiguracaoInvalida, match="SEIMG_BALDE_PDF"):
        baldes.classes({"SEIMG_BALDE_PDF": valor})


def test_consumir_por_classe_e_endereco(monkeypatch):
    monkeypatch.setenv("SEIMG_BALDE_EXPORTACAO", "2/60")
    loja = MemoriaStore()

    def pedir(classe, endereco, momento):
        return baldes.consumir(classe, endereco, store=loja, momento=momento)

    assert pedir(baldes.EXPORTACAO, "1.2.3.4", 0.0) == 0.0
    assert pedir(baldes.EXPORTACAO, "1.2.3.4", 0.0) == 0.0
    espera = pedir(baldes.EXPORTACAO, "1.2.3.4", 0.0)
    assert espera == pytest.approx(1.0)
    assert baldes.retry_after(espera) == "1"
    assert baldes.retry_after(0.2) == "1"
    assert baldes.retry_after(2.01) == "3"
    # pages of the same address and exports of another are apart
    assert pedir(baldes.PAGINA, "1.2.3.4", 0.0) == 0.0
    assert pedir(baldes.EXPORTACAO, "5.6.7.8", 0.0) == 0.0
