"""The ZODB engine alone (no Plone): entries in, term look-ups out."""

from seimg.pesquisa import analise
from seimg.pesquisa.consulta import interpretar
from seimg.pesquisa.motor import Entrada
from seimg.pesquisa.motor import frequencia
from seimg.pesquisa.motor import MotorZODB


def _entrada(chave, objeto, texto, chaves=()):
    termos = analise.analisar(texto)
    return Entrada(
        chave=chave,
        objeto=objeto,
        processo=objeto,
        campo="especificacao",
        radicais=tuple(t.radical for t in termos),
        formas=tuple(t.forma for t in termos),
        chaves=frozenset(chaves),
        texto=texto,
    )


def _termo(q):
    return interpretar(q).grupos[0][0]


def _objetos(motor, q):
    return {motor.entrada(i).objeto for i in motor.encontrar(_termo(q))}


def test_gravar_encontrar_remover():
    motor = MotorZODB()
    motor.gravar("p1", [_entrada("a", "p1", "Contratos de limpeza urbana")])
    motor.gravar("p2", [_entrada("a", "p2", "Contrato da merenda", {"nup:123"})])
    assert len(motor) == 2
    assert _objetos(motor, "contrato") == {"p1", "p2"}
    assert _objetos(motor, '"limpeza urbana"') == {"p1"}
    assert _objetos(motor, '"urbana limpeza"') == set()
    assert _objetos(motor, "limp*") == {"p1"}
    assert {motor.entrada(i).objeto for i in motor.com_chave("nup:123")} == {"p2"}
    motor.gravar("p1", [_entrada("a", "p1", "Aquisição de papel")])
    assert _objetos(motor, "contrato") == {"p2"}
    assert _objetos(motor, "papel") == {"p1"}
    motor.remover("p2")
    assert _objetos(motor, "contrato") == set()
    assert len(motor) == 1
    assert not motor.com_chave("nup:123")
    motor.gravar("p1", [])
    assert len(motor) == 0
    assert not motor._radicais
    assert not motor._formas


def test_entrada_igual_nao_e_regravada():
    motor = MotorZODB()
    entrada = _entrada("a", "p1", "Relatório anual")
    motor.gravar("p1", [entrada])
    ident = motor.idents_de("p1")
    motor.gravar("p1", [_entrada("a", "p1", "Relatório anual")])
    assert motor.idents_de("p1") == ident


def test_frequencia_e_so_da_propria_entrada():
    entrada = _entrada("a", "p1", "contrato contratos contratual aditivo")
    assert frequencia(_termo("contrato"), entrada) == 2
    assert frequencia(_termo("contrat*"), entrada) == 3
    assert frequencia(_termo('"contratual aditivo"'), entrada) == 1


def test_prefixo_expande_todas_as_formas():
    motor = MotorZODB()
    palavras = " ".join(f"abc{n:05d}" for n in range(600))
    motor.gravar("p1", [_entrada("a", "p1", palavras)])
    motor.gravar("p2", [_entrada("a", "p2", "abczzzz")])
    # every form: no cap over the whole lexicon (which would be an oracle)
    assert _objetos(motor, "abc*") == {"p1", "p2"}
    assert _objetos(motor, "abd*") == set()
