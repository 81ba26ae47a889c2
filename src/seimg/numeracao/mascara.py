"""The mask language of an órgão's process numbers (NUP).

A mask is a sequence of tokens joined by literal separators (``.``, ``/``,
``-`` and space), e.g. Sei!MG's
``{orgao:4}.{unidade:2}.{sequencial:7}/{ano}-{dv:mod97}`` or the federal
``{unidade:5}.{sequencial:6}/{ano}-{dv:mod11}``.

Tokens:

``{orgao:N}``               the órgão's code, N digits
``{unidade:N}``             the unit's code, N digits
``{sequencial:N}``          the annual sequence of the órgão, N digits
``{sequencial_unidade:N}``  the annual sequence of the unit, N digits
                            (needs ``{unidade:N}``, or units would repeat numbers)
``{ano}``                   the year, 4 digits
``{dv:mod97}``/``{dv:mod11}`` two check digits over all the digits before
                            them (see :mod:`seimg.numeracao.digitos`); last

Exactly one sequence token and one ``{ano}``; at most one check-digit token;
no token twice. :meth:`Mascara.parse` raises :class:`MascaraInvalida` saying
what is wrong, :meth:`Mascara.validar` raises :class:`NumeroInvalido` saying
whether the shape or the check digits are wrong. Both carry seimg i18n
messages; both are :class:`zope.interface.Invalid` (through
zope.schema's ValidationError).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from seimg import _
from seimg.numeracao.digitos import ALGORITMOS
from zoneinfo import ZoneInfo
from zope.schema import ValidationError
import re


FUSO = ZoneInfo("America/Sao_Paulo")
SEPARADORES = ".-/ "
LARGURA_MAXIMA = 10
CODIGOS = ("orgao", "unidade")
SEQUENCIAS = ("sequencial", "sequencial_unidade")
TOKENS = (*CODIGOS, *SEQUENCIAS, "ano", "dv")
LETRAS = {
    "orgao": "O",
    "unidade": "U",
    "sequencial": "S",
    "sequencial_unidade": "S",
}
NOMES_CAMPOS = {
    "orgao": _("campo_codigo_orgao", default="órgão code"),
    "unidade": _("campo_codigo_unidade", default="unit code"),
    "sequencial": _("campo_sequencial", default="sequence number"),
    "sequencial_unidade": _("campo_sequencial", default="sequence number"),
    "ano": _("campo_ano", default="year"),
}


def ano_atual() -> int:
    """The current year in Brasília time (America/Sao_Paulo)."""
    return datetime.now(FUSO).year


class _Erro(ValidationError):
    """An Invalid whose ``args[0]`` is the i18n message for people.

    A ValidationError (itself a zope.interface.Invalid) rather than a bare
    Invalid, so that plone.restapi's deserializer answers 400 with the message
    (it catches ValueError and ValidationError only) and z3c.form shows it.
    """

    def doc(self):
        return self.args[0]


class MascaraInvalida(_Erro):
    """The mask text is not a valid mask; ``args[0]`` is an i18n message."""


class ValorForaDaMascara(MascaraInvalida):
    """A code, sequence or year does not fit the width the mask gives it."""


class NumeroInvalido(_Erro):
    """A number does not match its mask.

    ``motivo`` is ``"formato"`` (wrong shape) or ``"dv"`` (wrong check digits).
    """

    def __init__(self, message, motivo: str):
        super().__init__(message)
        self.motivo = motivo


@dataclass(frozen=True)
class Token:
    nome: str
    largura: int = 0  # digits; 4 for ano, 2 for dv
    algoritmo: str = ""  # dv only


def _token(conteudo: str) -> Token:
    texto = f"{{{conteudo}}}"
    nome, _sep, argumento = conteudo.partition(":")
    if nome not in TOKENS:
        raise MascaraInvalida(
            _(
                "mascara_token_desconhecido",
                default="Unknown token ${token}. Use {orgao:N}, {unidade:N}, "
                "{sequencial:N} or {sequencial_unidade:N}, {ano} and "
                "{dv:mod97} or {dv:mod11}.",
                mapping={"token": texto},
            )
        )
    if nome == "ano":
        if conteudo not in ("ano", "ano:4"):
            raise MascaraInvalida(
                _(
                    "mascara_ano_invalido",
                    default="The year is always 4 digits; write it as {ano}, "
                    "not ${token}.",
                    mapping={"token": texto},
                )
            )
        return Token("ano", 4)
    if nome == "dv":
        if argumento not in ALGORITMOS:
            raise MascaraInvalida(
                _(
                    "mascara_dv_desconhecido",
                    default="Unknown check-digit algorithm in ${token}; use "
                    "{dv:mod97} (Sei!MG) or {dv:mod11} (federal NUP).",
                    mapping={"token": texto},
                )
            )
        return Token("dv", 2, argumento)
    if not (
        argumento.isascii()
        and argumento.isdigit()
        and 1 <= int(argumento) <= LARGURA_MAXIMA
    ):
        raise MascaraInvalida(
            _(
                "mascara_largura_invalida",
                default="The token ${token} needs a number of digits from 1 to "
                "${maximo}, e.g. {${nome}:4}.",
                mapping={"token": texto, "nome": nome, "maximo": str(LARGURA_MAXIMA)},
            )
        )
    return Token(nome, int(argumento))


def _partes(texto: str) -> tuple[str | Token, ...]:
    """Split the mask into literal strings and tokens (syntax only)."""
    partes: list[str | Token] = []
    i = 0
    while i < len(texto):
        c = texto[i]
        if c == "{":
            fim = texto.find("}", i + 1)
            if fim < 0 or "{" in texto[i + 1 : fim]:
                raise MascaraInvalida(
                    _(
                        "mascara_chave_aberta",
                        default='A "{" in the mask is not closed by "}".',
                    )
                )
            partes.append(_token(texto[i + 1 : fim]))
            i = fim + 1
        elif c in SEPARADORES:
            if partes and isinstance(partes[-1], str):
                partes[-1] += c
            else:
                partes.append(c)
            i += 1
        else:
            raise MascaraInvalida(
                _(
                    "mascara_caractere_invalido",
                    default='The character "${caractere}" is not allowed outside '
                    "a token; between tokens use only the separators . / - and "
                    "space.",
                    mapping={"caractere": c},
                )
            )
    return tuple(partes)


def _verificar(partes: tuple[str | Token, ...]) -> None:
    """The rules over the whole mask."""
    tokens = [p for p in partes if isinstance(p, Token)]
    vistos: set[str] = set()
    for token in tokens:
        if token.nome in vistos:
            raise MascaraInvalida(
                _(
                    "mascara_token_duplicado",
                    default="The token {${nome}} appears more than once in the mask.",
                    mapping={"nome": token.nome},
                )
            )
        vistos.add(token.nome)
    sequencias = vistos & set(SEQUENCIAS)
    if not sequencias:
        raise MascaraInvalida(
            _(
                "mascara_sem_sequencial",
                default="The mask needs a sequence token: {sequencial:N} (annual "
                "sequence of the órgão) or {sequencial_unidade:N} (annual sequence "
                "of the unit).",
            )
        )
    if len(sequencias) > 1:
        raise MascaraInvalida(
            _(
                "mascara_dois_sequenciais",
                default="The mask must have only one sequence token: either "
                "{sequencial:N} or {sequencial_unidade:N}.",
            )
        )
    if "ano" not in vistos:
        raise MascaraInvalida(
            _("mascara_sem_ano", default="The mask needs the year token {ano}.")
        )
    ultima = partes[-1]
    if "dv" in vistos and not (isinstance(ultima, Token) and ultima.nome == "dv"):
        raise MascaraInvalida(
            _(
                "mascara_dv_nao_final",
                default="The check digits {dv:...} must be the last thing in the mask.",
            )
        )
    if "sequencial_unidade" in vistos and "unidade" not in vistos:
        raise MascaraInvalida(
            _(
                "mascara_sequencial_unidade_sem_unidade",
                default="A per-unit sequence needs the unit code {unidade:N} in "
                "the mask, otherwise different units would issue the same number.",
            )
        )


class Mascara:
    """A parsed, valid mask. Build it with :meth:`parse`."""

    def __init__(self, texto: str, partes: tuple[str | Token, ...]):
        self.texto = texto
        self.partes = partes
        self.tokens = {p.nome: p for p in partes if isinstance(p, Token)}
        self.escopo = "unidade" if "sequencial_unidade" in self.tokens else "orgao"
        dv = self.tokens.get("dv")
        self.algoritmo: str | None = dv.algoritmo if dv else None
        self._regex = re.compile(
            "".join(
                re.escape(p)
                if isinstance(p, str)
                else f"(?P<{self._grupo(p)}>[0-9]{{{p.largura}}})"
                for p in partes
            )
        )

    @staticmethod
    def _grupo(token: Token) -> str:
        return "sequencial" if token.nome in SEQUENCIAS else token.nome

    @classmethod
    def parse(cls, texto: str | None) -> "Mascara":
        """The mask of ``texto``; raises :class:`MascaraInvalida`."""
        return _parse(texto or "")

    def __repr__(self) -> str:
        return f"<Mascara {self.texto!r}>"

    @property
    def sequencia(self) -> Token:
        return self.tokens[
            "sequencial_unidade" if self.escopo == "unidade" else "sequencial"
        ]

    def formato(self) -> str:
        """The shape for people, e.g. ``OOOO.UU.SSSSSSS/AAAA-DD``."""
        saida = []
        for p in self.partes:
            if isinstance(p, str):
                saida.append(p)
            elif p.nome == "ano":
                saida.append("AAAA")
            elif p.nome == "dv":
                saida.append("DD")
            else:
                saida.append(LETRAS[p.nome] * p.largura)
        return "".join(saida)

    def formatar(
        self,
        orgao: int | None,
        unidade: int | None,
        sequencial: int,
        ano: int,
    ) -> str:
        """The number; raises :class:`ValorForaDaMascara` when a value does
        not fit its token (codes unused by the mask are ignored)."""
        valores = {
            "orgao": orgao,
            "unidade": unidade,
            "sequencial": sequencial,
            "sequencial_unidade": sequencial,
            "ano": ano,
        }
        saida: list[str] = []
        for p in self.partes:
            if isinstance(p, str):
                saida.append(p)
            elif p.nome == "dv":
                digitos = re.sub(r"[^0-9]", "", "".join(saida))
                saida.append(ALGORITMOS[p.algoritmo](digitos))
            else:
                saida.append(self._campo(p, valores[p.nome]))
        return "".join(saida)

    def _campo(self, token: Token, valor) -> str:
        if (
            isinstance(valor, bool)
            or not isinstance(valor, int)
            or valor < 0
            or len(str(valor)) > token.largura
        ):
            raise ValorForaDaMascara(
                _(
                    "mascara_valor_excede",
                    default="The ${campo} ${valor} does not fit in the "
                    "${largura} digits that the mask ${mascara} gives it.",
                    mapping={
                        "campo": NOMES_CAMPOS[token.nome],
                        "valor": str(valor),
                        "largura": str(token.largura),
                        "mascara": self.texto,
                    },
                )
            )
        return f"{valor:0{token.largura}d}"

    def exemplo(
        self,
        orgao: int = 1,
        unidade: int = 1,
        sequencial: int = 1,
        ano: int | None = None,
    ) -> str:
        """A valid number of this mask, e.g. ``0001.01.0000001/2026-44``."""
        return self.formatar(orgao, unidade, sequencial, ano or ano_atual())

    def _mapa(self, numero) -> dict:
        return {
            "numero": str(numero),
            "formato": self.formato(),
            "exemplo": self.exemplo(),
        }

    def _casar(self, numero: str) -> re.Match:
        texto = numero.strip() if isinstance(numero, str) else ""
        encontrado = self._regex.fullmatch(texto)
        if encontrado is None:
            raise NumeroInvalido(
                _(
                    "numero_formato_invalido",
                    default="The number ${numero} does not follow the format "
                    "${formato} (e.g. ${exemplo}).",
                    mapping=self._mapa(numero),
                ),
                "formato",
            )
        if self.algoritmo:
            antes = texto[: encontrado.start("dv")]
            esperado = ALGORITMOS[self.algoritmo](re.sub(r"[^0-9]", "", antes))
            if encontrado.group("dv") != esperado:
                raise NumeroInvalido(
                    _(
                        "numero_dv_invalido",
                        default="The check digits of the number ${numero} are "
                        "wrong; check what was typed (format ${formato}, e.g. "
                        "${exemplo}).",
                        mapping=self._mapa(numero),
                    ),
                    "dv",
                )
        return encontrado

    def validar(self, numero: str) -> None:
        """Raises :class:`NumeroInvalido` unless ``numero`` has this mask's
        shape and correct check digits (surrounding spaces are ignored)."""
        self._casar(numero)

    def decompor(self, numero: str) -> dict:
        """The parts of a valid number: ``orgao``, ``unidade``, ``sequencial``
        (whatever the escopo) and ``ano`` as ints, ``dv`` as a string; only
        those the mask has. Raises :class:`NumeroInvalido`."""
        partes = self._casar(numero).groupdict()
        return {
            nome: valor if nome == "dv" else int(valor)
            for nome, valor in partes.items()
        }


@lru_cache(maxsize=256)
def _parse(texto: str) -> Mascara:
    if not texto.strip():
        raise MascaraInvalida(_("mascara_vazia", default="The mask is empty."))
    partes = _partes(texto)
    _verificar(partes)
    return Mascara(texto, partes)


def mascara_constraint(value) -> bool:
    """zope.schema constraint: the value is a valid mask (else MascaraInvalida)."""
    Mascara.parse(value)
    return True
