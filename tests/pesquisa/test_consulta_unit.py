"""The search box's operators, phrases, prefixes and numbers."""

from seimg.pesquisa.analise import radical
from seimg.pesquisa.consulta import FRASE
from seimg.pesquisa.consulta import interpretar
from seimg.pesquisa.consulta import PALAVRA
from seimg.pesquisa.consulta import PREFIXO


def _valores(grupo):
    return [t.valores for t in grupo]


def test_palavras_todas_exigidas_e_paradas_fora():
    consulta = interpretar("contratos da merenda")
    assert [_valores(g) for g in consulta.grupos] == [
        [(radical("contratos"),)],
        [(radical("merenda"),)],
    ]


def test_ou_junta_alternativas():
    consulta = interpretar("contrato OU convênio merenda")
    assert len(consulta.grupos) == 2
    assert len(consulta.grupos[0]) == 2


def test_nao_e_menos_excluem():
    consulta = interpretar("contrato NÃO aditivo -rescisão")
    assert [t.valores for t in consulta.excluidos] == [
        (radical("aditivo"),),
        (radical("rescisao"),),
    ]
    assert len(consulta.grupos) == 1


def test_operadores_so_em_maiusculas():
    consulta = interpretar("pedido ou recurso")
    assert [t.tipo for g in consulta.grupos for t in g] == [PALAVRA, PALAVRA]
    assert len(consulta.grupos) == 2  # "ou" is a stop word, not OU


def test_frase_e_prefixo():
    consulta = interpretar('"cópia do contrato" contrat*')
    frase, prefixo = consulta.grupos[0][0], consulta.grupos[1][0]
    assert frase.tipo == FRASE
    assert frase.valores == (radical("copia"), radical("contrato"))
    assert prefixo.tipo == PREFIXO
    assert prefixo.valores == ("contrat",)


def test_numero_procura_nas_chaves_e_no_texto():
    (grupo,) = interpretar("1320.01.0009530/2022-26").grupos
    (termo,) = grupo
    assert "n:9530/2022" in termo.numeros
    assert termo.tipo == FRASE  # the digits as words too, for document text
    (grupo,) = interpretar("Lei 14.133/2021").grupos[1:]
    assert grupo[0].valores == ("14", "133", "2021")


def test_consulta_vazia():
    assert interpretar("").vazia
    assert interpretar("de da do").vazia
    assert interpretar("NÃO").vazia
