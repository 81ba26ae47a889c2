"""The disclosure table as data, and CPF masking: no Plone layer needed."""

from seimg.base import dados_pessoais
from seimg.divulgacao import tabela
import pytest


def test_every_cell_is_defined_for_every_level_and_viewer():
    for campo in tabela.CAMPOS:
        for nivel in tabela.NIVEIS:
            for leitor in tabela.LEITORES:
                assert tabela.celula(campo, nivel, leitor) in tabela.CELULAS


@pytest.mark.parametrize("campo", tabela.CAMPOS)
def test_sigiloso_shows_nothing_to_anyone_but_credential_holders(campo):
    if campo == tabela.CONTATOS:
        return  # the directory does not depend on a process's level
    for leitor in tabela.LEITORES:
        if leitor != tabela.CREDENCIAL:
            assert tabela.celula(campo, tabela.SIGILOSO, leitor) == tabela.NADA


@pytest.mark.parametrize(
    ("campo", "nivel", "leitor", "condicoes", "esperado"),
    [
        # Rows of divulgacao.md, cell by cell where they differ.
        ("especificacao", "Ro", "A", {}, "—"),
        ("especificacao", "Ro", "O", {}, "✔"),
        ("especificacao", "Rp", "U", {}, "—"),
        ("especificacao", "Rp", "T", {}, "✔"),
        ("interessado_pf", "P", "A", {}, "—"),
        ("interessado_pf", "P", "A", {"interessados_publicos": True}, "✔"),
        ("interessado_pj", "P", "A", {}, "✔"),
        ("interessado_pj", "Rp", "O", {}, "—"),
        ("dados_pessoais", "P", "A", {"contato_do_orgao": True}, "—"),
        ("dados_pessoais", "P", "O", {}, "—"),
        ("dados_pessoais", "P", "O", {"contato_do_orgao": True}, "✔"),
        ("dados_pessoais", "P", "U", {}, "m"),
        ("dados_pessoais", "P", "U", {"contato_do_orgao": True}, "✔"),
        ("conteudo_restrito", "P", "A", {}, "lst"),
        ("conteudo_restrito", "Ro", "T", {}, "✔"),
        ("conteudo_publico", "Rp", "U", {}, "lst"),
        ("minuta", "P", "T", {}, "—"),
        ("minuta", "P", "G", {}, "✔"),
        ("minuta", "P", "B", {}, "✔"),
        ("minuta", "S", "C", {"unidade_geradora": True}, "✔"),
        ("minuta", "S", "C", {}, "—"),
        ("andamentos_completo", "P", "A", {}, "—"),
        ("andamentos_resumido", "P", "A", {}, "✔"),
        ("observacoes", "Ro", "T", {"escreveu": True}, "✔"),
        ("observacoes", "Ro", "T", {}, "—"),
        ("contatos", "P", "U", {}, "—"),
        ("contatos", "P", "U", {"contato_do_orgao": True}, "✔"),
        ("contatos", "S", "T", {"contato_do_orgao": True}, "✔"),
        ("existencia", "S", "T", {}, "—"),
        ("existencia", "Ro", "A", {}, "✔"),
    ],
)
def test_cells(campo, nivel, leitor, condicoes, esperado):
    assert tabela.celula(campo, nivel, leitor, **condicoes) == esperado


def test_unknown_field_level_or_viewer_is_a_key_error():
    with pytest.raises(KeyError):
        tabela.celula("nada", "P", "A")
    with pytest.raises(KeyError):
        tabela.celula("especificacao", "X", "A")
    with pytest.raises(KeyError):
        tabela.celula("especificacao", "P", "Z")


def test_cpfs_with_valid_digits_are_found_masked_and_removed():
    texto = (
        "CPF 829.874.567-19, 52998224725; inválido 123.456.789-00; NUP 12345678901234"
    )
    assert dados_pessoais.cpfs(texto) == ["82987456719", "52998224725"]
    mascarado = dados_pessoais.mascarar_texto(texto)
    assert "829.874.567-19" not in mascarado
    assert "***.874.567-**" in mascarado
    assert "***.982.247-**" in mascarado
    assert "123.456.789-00" in mascarado  # invalid check digits: not a CPF
    assert "12345678901234" in mascarado  # longer numbers untouched
    limpo = dados_pessoais.sem_cpfs(texto)
    assert "82987456719" not in limpo.replace(".", "").replace("-", "")
    assert "52998224725" not in limpo


def test_mascarar_cpf():
    assert dados_pessoais.mascarar_cpf("829.874.567-19") == "***.874.567-**"
    assert dados_pessoais.mascarar_cpf("123") == ""


def test_cpfs_in_file_names_and_not_in_cnpjs():
    assert dados_pessoais.mascarar_texto("certidao-829.874.567-19.pdf") == (
        "certidao-***.874.567-**.pdf"
    )
    assert (
        dados_pessoais.mascarar_texto("rg_82987456719.pdf") == "rg_***.874.567-**.pdf"
    )
    for cnpj in ("11.222.333/0001-81", "11222333000181"):
        assert dados_pessoais.mascarar_texto(cnpj) == cnpj


@pytest.mark.parametrize(
    "texto",
    [
        "nº.529.982.247-25",
        "CPF.52998224725",
        "529.982.247\u201325",
        "529.982.247-25/2024",
        "529.982.247.25",
        "529.982.247/25",
        "529 982 247 25",
    ],
)
def test_cpf_written_in_other_ways(texto):
    assert dados_pessoais.cpfs(texto) == ["52998224725"]
    assert "52998224725" not in dados_pessoais.sem_cpfs(texto).replace(".", "")
    assert "***.982.247-**" in dados_pessoais.mascarar_texto(texto)


def test_masking_keeps_the_rest_of_the_text():
    texto = "Pedido \u2014 de 529.982.247-25 \u2013 fim"
    assert dados_pessoais.mascarar_texto(texto) == (
        "Pedido \u2014 de ***.982.247-** \u2013 fim"
    )
