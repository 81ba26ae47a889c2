"""The open-data dictionary (pure: no Zope): docs/dados-abertos.md lists
exactly the columns of ``colunas.py`` with their types; the JSON Schema
built from them is valid; the read-only zope.conf of ``make dados-abertos``."""

from pathlib import Path
from seimg.transparencia.dados import colunas as C
import jsonschema
import re


RAIZ = Path(__file__).resolve().parents[3]
DOCS = RAIZ / "docs" / "dados-abertos.md"
LINHA = re.compile(r"^\| `(?P<nome>[a-z_]+)` \| (?P<tipo>[a-z]+) \| (?P<resto>.*)\|$")


def _secoes() -> dict[str, list[tuple[str, str]]]:
    """``{section title: [(column, type, meaning), …]}`` of the docs' tables."""
    secoes: dict[str, list] = {}
    atual = None
    for linha in DOCS.read_text(encoding="utf-8").splitlines():
        if linha.startswith("## "):
            atual = linha[3:].strip()
            continue
        achado = LINHA.match(linha)
        if achado and atual:
            significado = re.split(r"(?<!\\)\|", achado["resto"])[0]
            secoes.setdefault(atual, []).append(
                (
                    achado["nome"],
                    achado["tipo"],
                    significado.strip().replace("\\|", "|"),
                )
            )
    return secoes


def test_docs_listam_exatamente_as_colunas_com_seus_tipos():
    secoes = _secoes()
    assert secoes == {
        "Processos": [(c.nome, c.tipo, c.significado) for c in C.PROCESSOS],
        "Documentos de um processo": [
            (c.nome, c.tipo, c.significado) for c in C.DOCUMENTOS
        ],
    }


def test_toda_coluna_tem_significado_exemplo_e_tipo_conhecido():
    for coluna in (*C.PROCESSOS, *C.DOCUMENTOS):
        assert coluna.tipo in C.TIPOS
        assert len(coluna.significado) > 20, coluna
        assert coluna.exemplo, coluna
        if coluna.tipo == C.DATA:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", coluna.exemplo)
        if coluna.tipo == C.INTEIRO:
            assert coluna.exemplo.isdigit()
    assert len(set(C.nomes(C.PROCESSOS))) == len(C.PROCESSOS)
    assert len(set(C.nomes(C.DOCUMENTOS))) == len(C.DOCUMENTOS)


def test_esquema_json_valido_e_exemplo_conforme():
    esquema = C.esquema_json(C.PROCESSOS, "processos")
    jsonschema.Draft202012Validator.check_schema(esquema)
    exemplo = {
        "metadados": {
            "gerado_em": "2026-12-06T03:00:00-03:00",
            "criterios": {},
            "total": 1,
            "colunas": [
                {"nome": c.nome, "tipo": c.tipo, "significado": c.significado}
                for c in C.PROCESSOS
            ],
        },
        "processos": [
            {
                c.nome: int(c.exemplo) if c.tipo == C.INTEIRO else c.exemplo
                for c in C.PROCESSOS
            }
        ],
    }
    jsonschema.validate(exemplo, esquema)
    exemplo["processos"][0]["data_autuacao"] = "17/03/2026"
    validador = jsonschema.Draft202012Validator(esquema)
    assert list(validador.iter_errors(exemplo))
    del exemplo["processos"][0]["data_autuacao"]
    exemplo["processos"][0]["cpf"] = "x"
    assert len(list(validador.iter_errors(exemplo))) == 2


def _zope_conf(tmp_path, **env) -> str:
    from seimg.deploy import instance

    settings = instance.Settings.from_environ({"SEIMG_DATA": str(tmp_path), **env})
    return instance.render("zope.conf", settings)


def test_conf_leitura_abre_o_banco_so_para_leitura(tmp_path):
    from seimg.transparencia.dados.cli import conf_leitura

    texto = conf_leitura(_zope_conf(tmp_path))
    bloco = texto[texto.index("<demostorage>") : texto.index("</demostorage>")]
    assert "<filestorage>" in bloco
    assert "read-only true" in bloco
    assert "blob-dir" in bloco
    assert "Data.fs" in bloco
    assert texto.count("<filestorage>") == 1


def test_conf_leitura_no_cluster(tmp_path):
    """On the cluster the RelStorage section is the one opened read-only."""
    from seimg.transparencia.dados.cli import conf_leitura

    dsn = "host=127.0.0.1 port=5433 dbname=seimg user=seimg"
    texto = conf_leitura(_zope_conf(tmp_path, SEIMG_POSTGRESQL_DSN=dsn))
    bloco = texto[texto.index("<demostorage>") : texto.index("</demostorage>")]
    assert "<relstorage>" in bloco
    assert "read-only true" in bloco
    assert f"dsn {dsn}" in bloco
    assert "<filestorage>" not in texto
