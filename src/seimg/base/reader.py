"""One input reader for seimg's REST services (and forms).

A service declares its body as a mapping of field name → :class:`Field`
and calls :func:`read_json` (or :func:`read_values` for values already
parsed, e.g. a form). Problems never stop at the first: every field in
error is named, with a Portuguese message, in one :class:`InvalidInput`
(answered 400 by :mod:`.errors`). Unknown fields are refused.

Texts are normalised to NFC; NUL, other control characters (but newline
and tab in multi-line texts) and lone surrogates are refused, naming the
field: :func:`clean_text` is also what content deserialisation applies to
every string of a body.

Pure Python but for reading the request body; unit-tested without Plone.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from seimg import _
from seimg.base.erros import InvalidInput
import datetime
import json
import unicodedata


MISSING = object()
_PERMITIDOS_MULTILINHA = frozenset("\n\t\r")


class FieldError(ValueError):
    """One field's problem: ``mensagem`` is an i18n message."""

    def __init__(self, mensagem):
        super().__init__(mensagem)
        self.mensagem = mensagem


# --- texts ------------------------------------------------------------------


def clean_text(valor: str, multiline: bool = False) -> str:
    """``valor`` in NFC; FieldError for NUL, control chars, lone surrogates."""
    for caractere in valor:
        categoria = unicodedata.category(caractere)
        if categoria == "Cs":
            raise FieldError(
                _(
                    "entrada_surrogate",
                    default="O texto tem um caractere inválido (surrogate isolado).",
                )
            )
        if categoria == "Cc" and not (
            multiline and caractere in _PERMITIDOS_MULTILINHA
        ):
            raise FieldError(
                _(
                    "entrada_controle",
                    default="O texto tem caracteres de controle (como NUL) não "
                    "permitidos.",
                )
            )
    return unicodedata.normalize("NFC", valor)


def repair_text(valor: str, multiline: bool = False) -> str:
    """``valor`` as :func:`clean_text` would accept it: lone surrogates
    become U+FFFD, refused control characters are dropped; NFC. For text
    stored before the reader existed (upgrade 1010)."""
    partes = []
    for caractere in valor:
        categoria = unicodedata.category(caractere)
        if categoria == "Cs":
            partes.append("\ufffd")
        elif categoria == "Cc" and not (
            multiline and caractere in _PERMITIDOS_MULTILINHA
        ):
            continue
        else:
            partes.append(caractere)
    return unicodedata.normalize("NFC", "".join(partes))


def clean_strings(dados, caminho: str = ""):
    """Every string of a JSON value cleaned (single-line rules for keys,
    multi-line for values); :class:`InvalidInput` naming each path."""
    problemas = []

    def limpar(valor, onde):
        if isinstance(valor, str):
            try:
                return clean_text(valor, multiline=True)
            except FieldError as exc:
                problemas.append((onde or "corpo", exc.mensagem))
                return valor
        if isinstance(valor, list):
            return [limpar(v, f"{onde}[{i}]") for i, v in enumerate(valor)]
        if isinstance(valor, dict):
            novo = {}
            for chave, v in valor.items():
                nome = f"{onde}.{chave}" if onde else str(chave)
                try:
                    chave = clean_text(chave)
                except FieldError as exc:
                    problemas.append((nome, exc.mensagem))
                novo[chave] = limpar(v, nome)
            return novo
        return valor

    limpo = limpar(dados, caminho)
    if problemas:
        raise InvalidInput(problemas)
    return limpo


# --- fields -----------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A body field. ``required``: must be present (and not null)."""

    required: bool = False
    nullable: bool = False
    default: object = None

    def convert(self, valor):
        return valor


def _tipo_errado(esperado):
    return FieldError(
        _(
            "entrada_tipo",
            default="Tipo de dado errado: esperado ${tipo}.",
            mapping={"tipo": esperado},
        )
    )


@dataclass(frozen=True)
class Text(Field):
    max_length: int = 1000
    min_length: int = 0
    multiline: bool = False
    strip: bool = True

    def convert(self, valor):
        if not isinstance(valor, str):
            raise _tipo_errado("texto")
        valor = clean_text(valor, self.multiline)
        if self.strip:
            valor = valor.strip()
        if len(valor) > self.max_length:
            raise FieldError(
                _(
                    "entrada_longo",
                    default="Texto longo demais: no máximo ${maximo} caracteres.",
                    mapping={"maximo": self.max_length},
                )
            )
        if len(valor) < max(self.min_length, 1 if self.required else 0):
            raise FieldError(
                _("entrada_vazio", default="Informe um texto.")
                if not valor
                else _(
                    "entrada_curto",
                    default="Texto curto demais: no mínimo ${minimo} caracteres.",
                    mapping={"minimo": self.min_length},
                )
            )
        return valor


@dataclass(frozen=True)
class Integer(Field):
    minimum: int = -(2**31)
    maximum: int = 2**31 - 1

    def convert(self, valor):
        if isinstance(valor, bool) or not isinstance(valor, int):
            raise _tipo_errado("número inteiro")
        if not self.minimum <= valor <= self.maximum:
            raise FieldError(
                _(
                    "entrada_fora_do_intervalo",
                    default="Número fora do intervalo de ${minimo} a ${maximo}.",
                    mapping={"minimo": self.minimum, "maximo": self.maximum},
                )
            )
        return valor


@dataclass(frozen=True)
class Boolean(Field):
    def convert(self, valor):
        if not isinstance(valor, bool):
            raise _tipo_errado("verdadeiro ou falso (true/false)")
        return valor


@dataclass(frozen=True)
class Choice(Field):
    values: tuple = ()

    def convert(self, valor):
        if not isinstance(valor, str) or valor not in self.values:
            raise FieldError(
                _(
                    "entrada_escolha",
                    default="Valor não permitido. Use um destes: ${valores}.",
                    mapping={"valores": ", ".join(self.values)},
                )
            )
        return valor


@dataclass(frozen=True)
class Date(Field):
    minimum: datetime.date = datetime.date(1900, 1, 1)
    maximum: datetime.date = datetime.date(2199, 12, 31)

    def convert(self, valor):
        if not isinstance(valor, str):
            raise _tipo_errado("data (AAAA-MM-DD)")
        try:
            data = datetime.date.fromisoformat(valor.strip())
        except ValueError:
            raise FieldError(
                _(
                    "entrada_data",
                    default="Data inválida: use AAAA-MM-DD, com dia e mês que existam.",
                )
            ) from None
        if not self.minimum <= data <= self.maximum:
            raise FieldError(
                _(
                    "entrada_data_fora",
                    default="Data fora do intervalo de ${minimo} a ${maximo}.",
                    mapping={
                        "minimo": self.minimum.isoformat(),
                        "maximo": self.maximum.isoformat(),
                    },
                )
            )
        return data


@dataclass(frozen=True)
class List(Field):
    item: Field = dc_field(default_factory=lambda: Text(max_length=200))
    max_items: int = 100
    min_items: int = 0

    def convert(self, valor):
        if not isinstance(valor, list):
            raise _tipo_errado("lista")
        if not self.min_items <= len(valor) <= self.max_items:
            raise FieldError(
                _(
                    "entrada_lista_tamanho",
                    default="A lista deve ter de ${minimo} a ${maximo} itens.",
                    mapping={"minimo": self.min_items, "maximo": self.max_items},
                )
            )
        return [self.item.convert(v) for v in valor]


# --- reading ----------------------------------------------------------------


def _obrigatorio():
    return FieldError(
        _("entrada_obrigatorio", default="Dado obrigatório não informado.")
    )


def read_values(dados, schema: dict) -> dict:
    """``dados`` (a dict) checked against ``schema``: the converted values
    (absent optional fields get their default)."""
    if not isinstance(dados, dict):
        raise InvalidInput(
            [("corpo", _("entrada_objeto", default="O corpo deve ser um objeto JSON."))]
        )
    problemas = []
    for nome in dados:
        if nome not in schema:
            problemas.append(
                (
                    str(nome),
                    _("entrada_desconhecido", default="Campo desconhecido."),
                )
            )
    resultado = {}
    for nome, campo in schema.items():
        valor = dados.get(nome, MISSING)
        if valor is MISSING or (valor is None and not campo.nullable):
            if campo.required:
                problemas.append((nome, _obrigatorio().mensagem))
            else:
                resultado[nome] = campo.default
            continue
        if valor is None:
            resultado[nome] = None
            continue
        try:
            resultado[nome] = campo.convert(valor)
        except FieldError as exc:
            problemas.append((nome, exc.mensagem))
    if problemas:
        raise InvalidInput(problemas)
    return resultado


def parse_json(texto) -> object:
    """A request body as JSON; InvalidInput when it is not JSON."""
    if isinstance(texto, bytes):
        try:
            texto = texto.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(
                [("corpo", _("entrada_utf8", default="O corpo não está em UTF-8."))]
            ) from None
    if not texto:
        return {}
    try:
        return json.loads(texto)
    except (ValueError, RecursionError):
        raise InvalidInput(
            [
                (
                    "corpo",
                    _(
                        "erro_corpo_invalido",
                        default="O corpo do pedido não é JSON válido.",
                    ),
                )
            ]
        ) from None


def read_json(request, schema: dict) -> dict:
    """The JSON body of ``request`` read against ``schema``."""
    return read_values(parse_json(request.get("BODY") or b""), schema)


def read_object(request, permitted=None) -> dict:
    """The JSON object of ``request``'s body, every string cleaned; an empty
    body is ``{}``. ``permitted``: the field names allowed (unknown ones are
    refused, each named). For services that check their fields themselves."""
    dados = parse_json(request.get("BODY") or b"")
    if not isinstance(dados, dict):
        raise InvalidInput(
            [("corpo", _("entrada_objeto", default="O corpo deve ser um objeto JSON."))]
        )
    dados = clean_strings(dados)
    if permitted is not None:
        desconhecidos = [nome for nome in dados if nome not in permitted]
        if desconhecidos:
            raise InvalidInput(
                [
                    (nome, _("entrada_desconhecido", default="Campo desconhecido."))
                    for nome in desconhecidos
                ]
            )
    return dados


# --- query strings ----------------------------------------------------------

_VERDADEIROS = frozenset({"true", "1", "sim", "on"})
_FALSOS = frozenset({"false", "0", "nao", "não", "off"})


def _de_texto(campo: Field, texto: str):
    """A query string value as the JSON value ``campo`` expects."""
    if isinstance(campo, Boolean):
        if texto.lower() in _VERDADEIROS:
            return True
        if texto.lower() in _FALSOS:
            return False
        raise _tipo_errado("verdadeiro ou falso (true/false)")
    if isinstance(campo, Integer):
        numero = texto.strip()
        if not (numero.lstrip("-").isascii() and numero.lstrip("-").isdigit()):
            raise _tipo_errado("número inteiro")
        if len(numero) > 20:  # beyond any range: no huge int() conversions
            raise FieldError(
                _(
                    "entrada_fora_do_intervalo",
                    default="Número fora do intervalo de ${minimo} a ${maximo}.",
                    mapping={"minimo": campo.minimum, "maximo": campo.maximum},
                )
            )
        return int(numero)
    return texto


def read_query(request, schema: dict, ignore=("_",)) -> dict:
    """``request``'s query string read against ``schema`` (as
    :func:`read_values`): each parameter once, a text converted to the
    field's type; unknown parameters refused, but those in ``ignore`` (a
    browser's cache-buster ``_``)."""
    problemas = []
    dados = {}
    for nome, valor in request.form.items():
        if nome in ignore:
            continue
        if nome not in schema:
            problemas.append(
                (
                    str(nome),
                    _(
                        "entrada_parametro_desconhecido",
                        default="Parâmetro desconhecido.",
                    ),
                )
            )
            continue
        if not isinstance(valor, str):
            problemas.append(
                (
                    nome,
                    _("entrada_um_valor", default="Informe um só valor."),
                )
            )
            continue
        if valor == "":
            continue  # an empty parameter is an absent one
        try:
            dados[nome] = _de_texto(schema[nome], valor)
        except FieldError as exc:
            problemas.append((nome, exc.mensagem))
    try:
        resultado = read_values(dados, schema)
    except InvalidInput as exc:
        problemas.extend(exc.campos)
    if problemas:
        raise InvalidInput(problemas)
    return resultado
