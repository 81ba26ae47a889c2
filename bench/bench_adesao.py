"""Benchmark: validating an adesão file as the installation grows.

Sets up seimg on a Plone site (the SEIMG_FIXTURE test layer, in-process),
then times ``adesao.validar`` on a file of 200 users against sites holding
100 and 1,000 other users. It prints ratios, never absolute thresholds:

- validation vs parsing the same file (the baseline, measured in this run);
- the 1,000-user site vs the 100-user site (about 10× or less means the CPF
  lookups stay linear in the installation's size, not file × installation).

Run with ``make bench``.
"""

from camadas import best_of
from camadas import portal_de
from plone import api
from seimg.testing import SEIMG_FIXTURE
from validate_docbr import CPF
import yaml


def adesao_file(users: int) -> bytes:
    cpf = CPF()
    data = {
        "orgao": {
            "sigla": "BENCH",
            "nome": "Órgão de Teste de Desempenho",
            "cnpj": "11.222.333/0001-81",
            "esfera": "municipal",
            "poder": "executivo",
            "codigo": 9000,
        },
        "unidades": [
            {"sigla": f"U{i}", "nome": f"Unidade {i}", "codigo": i} for i in range(20)
        ],
        "usuarios": [
            {
                "login": f"bench.{i}",
                "nome": f"Pessoa {i}",
                "email": f"bench.{i}@example.org",
                "cpf": cpf.generate(),
                "perfis": [{"unidade": f"U{i % 20}", "perfil": "basico"}],
            }
            for i in range(users)
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


def add_users(count: int, start: int) -> None:
    cpf = CPF()
    for i in range(start, start + count):
        api.user.create(
            username=f"existing.{i}",
            email=f"existing.{i}@example.org",
            password="Bench-2026!",
            properties={"cpf": cpf.generate()},
        )


def main() -> None:
    from seimg.organizacao import adesao

    with portal_de(SEIMG_FIXTURE), api.env.adopt_roles(["Manager"]):
        content = adesao_file(200)
        parse = best_of(lambda: adesao.ler(content))
        add_users(100, 0)
        small = best_of(lambda: adesao.validar(adesao.ler(content)))
        add_users(900, 100)
        large = best_of(lambda: adesao.validar(adesao.ler(content)))
    print("adesão, 200 users in the file (median of 5 runs):")
    print(f"  validate / parse, 100 users in the site:   {small / parse:6.1f}×")
    print(f"  validate / parse, 1,000 users in the site: {large / parse:6.1f}×")
    print(f"  1,000-user site / 100-user site:           {large / small:6.1f}×")


if __name__ == "__main__":
    main()
