"""Adesão through Python: valid, idempotent, updating, refusing bad files."""

from plone import api
from seimg.organizacao import adesao
from seimg.organizacao import perfis
import io
import pytest
import yaml


def load(content: bytes, name: str = "arquivo.yaml", convidar: bool = False):
    return adesao.aplicar(adesao.ler(content, name), convidar=convidar)


def test_new_orgao_is_created_with_units_users_and_perfis(portal, novo_orgao):
    resultado = load(novo_orgao)

    orgao = portal["orgaos"]["cmnv"]
    assert resultado.orgao == orgao
    assert orgao.cnpj == "11222333000181"
    assert [u.sigla_completa() for u in orgao.unidades()] == [
        "CMNV/PRES",
        "CMNV/PRES/SEC",
        "CMNV/PRES/SEC/PROT",
    ]
    assert orgao["prot"].protocolo is True
    rita = api.user.get(username="rita.campos")
    assert rita.getProperty("cpf") == "52998224725"
    assert perfis.perfis_em(rita.getId(), orgao["sec"]) == {"administrador", "basico"}
    assert perfis.pode_atuar("joao.reis", orgao["prot"], "protocolo")
    assert "rita.campos" in resultado.criados


def test_loading_the_same_file_again_changes_nothing(portal, cmvs_yaml):
    load(cmvs_yaml)  # the test layer added users by hand; the file wins
    resultado = load(cmvs_yaml)
    assert resultado.criados == []
    assert resultado.atualizados == []
    assert resultado.desativados == []


def test_changed_file_updates_and_deactivates(portal, cmvs_dict):
    cmvs_dict["unidades"] = [
        u for u in cmvs_dict["unidades"] if u["sigla"] != "ARQUIVO"
    ]
    cmvs_dict["unidades"].append(
        {
            "sigla": "OUVIDORIA",
            "nome": "Ouvidoria",
            "codigo": 8,
            "superior": "PRESIDENCIA",
        }
    )
    cmvs_dict["unidades"][0]["nome"] = "Presidência da Câmara"
    cmvs_dict["usuarios"] = [
        u for u in cmvs_dict["usuarios"] if u["login"] != "fabio.nunes"
    ]

    resultado = load(yaml.safe_dump(cmvs_dict, allow_unicode=True).encode())

    cmvs = portal["orgaos"]["cmvs"]
    assert "CMVS/PRESIDENCIA/OUVIDORIA" in resultado.criados
    assert "CMVS/PRESIDENCIA" in resultado.atualizados
    assert "CMVS/PRESIDENCIA/SECRETARIA/ARQUIVO" in resultado.desativados
    assert "fabio.nunes" in resultado.desativados
    assert api.content.get_state(cmvs["arquivo"]) == "inativa"
    assert not cmvs["arquivo"].ativa
    assert perfis.lotacoes("fabio.nunes", ativas=False) == []
    # Deactivated, not deleted: the unit is still there, with its code.
    assert cmvs["arquivo"].codigo == 4


def test_invalid_file_reports_every_problem_and_creates_nothing(portal, invalido):
    arquivo = adesao.ler(invalido)
    erros = adesao.validar(arquivo)
    text = "\n".join(str(e) for e in erros)

    assert "CNPJ inválido" in text
    assert "o código 2101 já é usado pelo órgão CMVS" in text
    assert "código 1 repetido" in text
    assert "ciclo na hierarquia: A → B → A" in text
    assert "unidade superior desconhecida: NAOEXISTE" in text
    assert "campo obrigatório ausente: nome" in text
    assert "CPF inválido: 111.111.111-11" in text
    assert "perfil desconhecido: chefe" in text
    assert "o login carlos.mendes já existe com outro CPF" in text
    # Every problem says where it is.
    assert all(str(e).startswith("linha ") for e in erros)
    assert "linha 11: código 1 repetido (já em linha 10)" in text

    with pytest.raises(adesao.ArquivoInvalido):
        adesao.aplicar(arquivo)
    assert "cmnv" not in portal["orgaos"]
    assert api.user.get(username="rita.campos") is None


def test_user_of_another_orgao_with_the_same_cpf_is_refused(portal, novo_orgao):
    content = novo_orgao.replace(b"529.982.247-25", b"639.612.161-18")  # carlos's CPF
    erros = adesao.validar(adesao.ler(content))
    assert [adesao.texto(e.mensagem) for e in erros] == [
        "o CPF 639.612.161-18 já pertence ao usuário carlos.mendes"
    ]


def test_yaml_syntax_error_is_reported_with_its_line(portal):
    with pytest.raises(adesao.ArquivoInvalido) as info:
        adesao.ler(b"orgao:\n  sigla: [CMNV\n")
    assert str(info.value.erros[0]).startswith("linha 3: YAML inválido")


def xlsx(novo: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    orgao = book.active
    orgao.title = "orgao"
    orgao.append(["campo", "valor"])
    for key, value in novo["orgao"].items():
        if key == "municipio":
            orgao.append(["municipio_ibge", value["ibge"]])
            orgao.append(["municipio_nome", value["nome"]])
        else:
            orgao.append([key, value])
    unidades = book.create_sheet("unidades")
    unidades.append(["sigla", "nome", "codigo", "superior", "emails", "protocolo"])
    for u in novo["unidades"]:
        unidades.append(
            [
                u["sigla"],
                u["nome"],
                u["codigo"],
                u.get("superior"),
                "",
                u.get("protocolo"),
            ]
        )
    usuarios = book.create_sheet("usuarios")
    usuarios.append(["login", "nome", "email", "cpf", "cargos", "perfis"])
    for p in novo["usuarios"]:
        usuarios.append(
            [
                p["login"],
                p["nome"],
                p["email"],
                p["cpf"],
                "; ".join(p.get("cargos", [])),
                "; ".join(f"{x['unidade']}:{x['perfil']}" for x in p["perfis"]),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_file_loads_like_yaml(portal, novo_orgao):
    resultado = load(xlsx(yaml.safe_load(novo_orgao)), "cmnv.xlsx")
    orgao = portal["orgaos"]["cmnv"]
    assert resultado.orgao == orgao
    assert orgao["prot"].sigla_completa() == "CMNV/PRES/SEC/PROT"
    assert api.user.get(username="rita.campos").getProperty("cargos") == (
        "Diretora-Geral",
    )
    assert perfis.pode_atuar("joao.reis", orgao["prot"], "protocolo")


def test_xlsx_errors_name_sheet_and_row(portal, novo_orgao):
    novo = yaml.safe_load(novo_orgao)
    novo["usuarios"][1]["cpf"] = "123"
    erros = adesao.validar(adesao.ler(xlsx(novo), "x.xlsx"))
    assert [str(e) for e in erros] == [
        "planilha 'usuarios', linha 3: CPF inválido: 123"
    ]


DOCS = __import__("pathlib").Path(__file__).parents[2] / "docs"


@pytest.mark.parametrize("name", ["adesao-exemplo.yaml", "adesao-exemplo.xlsx"])
def test_documented_examples_are_valid(portal, name):
    path = DOCS / name
    assert adesao.validar(adesao.ler(path.read_bytes(), path.name)) == []


def test_console_checks_and_reports(app, portal, invalido, tmp_path, capsys):
    from seimg.organizacao.adesao import cli

    good = DOCS / "adesao-exemplo.yaml"
    assert cli.run(app, [str(good), "--simular"], site_id=portal.getId()) == 0
    assert "válido" in capsys.readouterr().out

    bad = tmp_path / "invalido.yaml"
    bad.write_bytes(invalido)
    assert cli.run(app, [str(bad)], site_id=portal.getId()) == 1
    out = capsys.readouterr().out
    assert "nada foi gravado" in out
    assert "linha 11: código 1 repetido" in out
