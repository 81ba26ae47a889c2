"""Adesão, step 1: read a YAML or XLSX file into an :class:`Arquivo`.

:func:`ler` picks the reader by the file's name and content; records
remember where they came from. Unreadable files raise
:class:`ArquivoInvalido` with a Portuguese message.
"""

from seimg import _
from seimg.organizacao.adesao.modelo import _demais
from seimg.organizacao.adesao.modelo import _linha
from seimg.organizacao.adesao.modelo import _m
from seimg.organizacao.adesao.modelo import _planilha
from seimg.organizacao.adesao.modelo import ARQUIVO
from seimg.organizacao.adesao.modelo import Arquivo
from seimg.organizacao.adesao.modelo import ArquivoInvalido
from seimg.organizacao.adesao.modelo import Erro
from seimg.organizacao.adesao.modelo import MAX_LINHAS
from seimg.organizacao.adesao.modelo import Registro
from seimg.organizacao.adesao.modelo import SIM
import io
import yaml


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers each mapping's line (as ``__linha__``)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__linha__"] = node.start_mark.line + 1
        return mapping


def _registro(data, default_local):
    if not isinstance(data, dict):
        raise ArquivoInvalido(
            [
                Erro(
                    default_local,
                    _m(
                        _(
                            "adesao_esperava_mapeamento",
                            default="expected a mapping (key: value)",
                        )
                    ),
                )
            ]
        )
    linha = data.pop("__linha__", None)
    return Registro(_linha(linha) if linha else default_local, data)


def ler_yaml(conteudo: bytes | str) -> Arquivo:
    try:
        data = yaml.load(conteudo, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        local = _linha(mark.line + 1) if mark else ARQUIVO
        raise ArquivoInvalido(
            [
                Erro(
                    local,
                    _m(
                        _("adesao_yaml_invalido", default="invalid YAML: ${erro}"),
                        erro=error,
                    ),
                )
            ]
        ) from error
    if not isinstance(data, dict) or "orgao" not in data:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(_("adesao_sem_orgao", default="the 'orgao' section is missing")),
                )
            ]
        )
    arquivo = Arquivo(orgao=_registro(data["orgao"], "orgao"))
    for key, target in (("unidades", arquivo.unidades), ("usuarios", arquivo.usuarios)):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise ArquivoInvalido(
                [Erro(key, _m(_("adesao_esperava_lista", default="expected a list")))]
            )
        if len(items) > MAX_LINHAS:
            raise ArquivoInvalido([_demais(key, len(items))])
        for index, item in enumerate(items, 1):
            registro = _registro(item, f"{key}[{index}]")
            if key == "usuarios":
                registro.dados["perfis"] = [
                    p if isinstance(p, dict) else {"invalido": p}
                    for p in (registro.dados.get("perfis") or [])
                ]
                for p in registro.dados["perfis"]:
                    p.pop("__linha__", None)
            target.append(registro)
    return arquivo


def _sheet_rows(sheet):
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(row)
        if len(rows) > MAX_LINHAS + 1:  # the header, then the limit
            raise ArquivoInvalido([_demais(sheet.title, MAX_LINHAS + 1)])
    if not rows:
        return []
    header = [str(h or "").strip().lower() for h in rows[0]]
    result = []
    for number, row in enumerate(rows[1:], 2):
        if all(v in (None, "") for v in row):
            continue
        values = {h: v for h, v in zip(header, row, strict=False) if h}
        result.append(Registro(_planilha(sheet.title, number), values))
    return result


def _lista(value, separator):
    if value in (None, ""):
        return []
    return [v.strip() for v in str(value).split(separator) if v.strip()]


def ler_xlsx(conteudo: bytes) -> Arquivo:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(conteudo), read_only=True, data_only=True)
    except Exception as error:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(
                        _("adesao_xlsx_ilegivel", default="unreadable XLSX: ${erro}"),
                        erro=error,
                    ),
                )
            ]
        ) from error
    missing = [
        name
        for name in ("orgao", "unidades", "usuarios")
        if name not in book.sheetnames
    ]
    if missing:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(
                        _(
                            "adesao_faltam_planilhas",
                            default="missing sheets: ${planilhas}",
                        ),
                        planilhas=", ".join(missing),
                    ),
                )
            ]
        )
    orgao_rows = list(book["orgao"].iter_rows(values_only=True))
    orgao = {
        str(row[0]).strip().lower(): row[1]
        for row in orgao_rows[1:]
        if row and row[0] not in (None, "")
    }
    if "municipio_ibge" in orgao or "municipio_nome" in orgao:
        orgao["municipio"] = {
            "ibge": orgao.pop("municipio_ibge", None),
            "nome": orgao.pop("municipio_nome", None),
        }
    arquivo = Arquivo(orgao=Registro(_planilha("orgao"), orgao))
    for registro in _sheet_rows(book["unidades"]):
        registro.dados["emails"] = _lista(registro.dados.get("emails"), ",")
        arquivo.unidades.append(registro)
    for registro in _sheet_rows(book["usuarios"]):
        registro.dados["cargos"] = _lista(registro.dados.get("cargos"), ";")
        registro.dados["perfis"] = [
            dict(zip(("unidade", "perfil"), [*p.split(":", 1), ""][:2], strict=True))
            for p in _lista(registro.dados.get("perfis"), ";")
        ]
        arquivo.usuarios.append(registro)
    return arquivo


def ler(conteudo: bytes, nome: str = "") -> Arquivo:
    """Parse an adesão file; XLSX is recognised by name or zip signature."""
    if nome.lower().endswith(".xlsx") or conteudo[:2] == b"PK":
        return ler_xlsx(conteudo)
    return ler_yaml(conteudo)


# Validation --------------------------------------------------------------


def _texto(value) -> str:
    return "" if value is None else str(value).strip()


def _inteiro(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number


def _sim(value) -> bool:
    return value is True or _texto(value).lower() in SIM


def _sigla_unidade(valor: str, sigla_orgao: str) -> str:
    """Unit sigla from ``SIGLA`` or ``ORGAO/.../SIGLA`` references."""
    parts = [p for p in _texto(valor).upper().split("/") if p]
    if len(parts) > 1 and parts[0] == sigla_orgao:
        parts = parts[1:]
    return parts[-1] if parts else ""
