"""Adesão files for the tests, built from the demo example."""

from pathlib import Path
import pytest
import yaml


EXEMPLOS = Path(__file__).parents[2] / "src" / "seimg" / "organizacao" / "exemplos"

NOVO_ORGAO = """
orgao:
  sigla: CMNV
  nome: Câmara Municipal de Nova Vista
  cnpj: 11.222.333/0001-81
  esfera: municipal
  poder: legislativo
  municipio: {ibge: "3199002", nome: Nova Vista}
  codigo: 2201
unidades:
  - {sigla: PRES, nome: Presidência, codigo: 1}
  - {sigla: SEC, nome: Secretaria, codigo: 2, superior: PRES}
  - {sigla: PROT, nome: Protocolo, codigo: 3, superior: SEC, protocolo: sim}
usuarios:
  - login: rita.campos
    nome: Rita Campos
    email: rita.campos@novavista.mg.leg.br
    cpf: "529.982.247-25"
    cargos: [Diretora-Geral]
    perfis:
      - {unidade: SEC, perfil: administrador}
      - {unidade: SEC, perfil: basico}
  - login: joao.reis
    nome: João Reis
    email: joao.reis@novavista.mg.leg.br
    cpf: "111.444.777-35"
    perfis:
      - {unidade: CMNV/PRES/SEC/PROT, perfil: protocolo}
"""

# One fault of each kind; the comment says what the line holds.
INVALIDO = """
orgao:
  sigla: CMNV
  nome: Câmara Municipal de Nova Vista
  cnpj: 11.222.333/0001-00
  esfera: municipal
  poder: legislativo
  codigo: 2101
unidades:
  - {sigla: PRES, nome: Presidência, codigo: 1}
  - {sigla: SEC, nome: Secretaria, codigo: 1, superior: PRES}
  - {sigla: A, nome: Unidade A, codigo: 3, superior: B}
  - {sigla: B, nome: Unidade B, codigo: 4, superior: A}
  - {sigla: C, nome: Unidade C, codigo: 5, superior: NAOEXISTE}
  - {sigla: D, codigo: 6}
usuarios:
  - login: rita.campos
    nome: Rita Campos
    email: rita.campos@novavista.mg.leg.br
    cpf: "111.111.111-11"
    perfis:
      - {unidade: SEC, perfil: basico}
  - login: carlos.mendes
    nome: Carlos Mendes
    email: carlos@novavista.mg.leg.br
    cpf: "111.444.777-35"
    perfis:
      - {unidade: SEC, perfil: chefe}
"""


@pytest.fixture
def novo_orgao() -> bytes:
    return NOVO_ORGAO.encode("utf-8")


@pytest.fixture
def invalido() -> bytes:
    return INVALIDO.encode("utf-8")


@pytest.fixture
def cmvs_yaml() -> bytes:
    return (EXEMPLOS / "cmvs.yaml").read_bytes()


@pytest.fixture
def cmvs_dict():
    return yaml.safe_load((EXEMPLOS / "cmvs.yaml").read_text(encoding="utf-8"))
