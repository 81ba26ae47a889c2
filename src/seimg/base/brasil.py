"""Brazilian identifiers: CPF and CNPJ, validated with validate-docbr.

Values are stored as digits only; ``formatar_*`` gives the usual masks.
The ``*_constraint`` functions are zope.schema constraints that raise
:class:`seimg.base.erros.CampoInvalido` with a message for people.
"""

from seimg import _
from seimg.base.erros import CampoInvalido
from validate_docbr import CNPJ
from validate_docbr import CPF
import re
import zoneinfo


_cpf = CPF()
_cnpj = CNPJ()


def digitos(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def cpf_valido(value: str | None) -> bool:
    numero = digitos(value)
    return len(numero) == 11 and _cpf.validate(numero)


def cnpj_valido(value: str | None) -> bool:
    numero = digitos(value)
    return len(numero) == 14 and _cnpj.validate(numero)


def formatar_cpf(value: str) -> str:
    n = digitos(value)
    return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}" if len(n) == 11 else value


def formatar_cnpj(value: str) -> str:
    n = digitos(value)
    return f"{n[:2]}.{n[2:5]}.{n[5:8]}/{n[8:12]}-{n[12:]}" if len(n) == 14 else value


def cpf_constraint(value):
    if not cpf_valido(value):
        raise CampoInvalido(
            _("invalid_cpf", default="Invalid CPF: ${value}", mapping={"value": value})
        )
    return True


def cnpj_constraint(value):
    if not cnpj_valido(value):
        raise CampoInvalido(
            _(
                "invalid_cnpj",
                default="Invalid CNPJ: ${value}",
                mapping={"value": value},
            )
        )
    return True


#: Brasília time (official dates and stamps).
FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")


def em_brasilia(data):
    """``data`` (an aware datetime) in Brasília time."""
    return data.astimezone(FUSO)
