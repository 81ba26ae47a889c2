"""Personal data in free text (LGPD): CPF-shaped numbers with valid digits.

Pure Python: free text (especificação, descriptions, andamento text, file
names) is checked for CPF-shaped tokens whose check digits are valid; such
tokens are masked for anonymous viewers and kept out of anonymous indexes.
"""

from seimg.base import brasil
import re


# 000.000.000-00, 000-000-000-00, 000000000-00 or 11 digits alone (not inside
# a longer number).
_CPF = re.compile(
    r"(?<![\d])(\d{3})[.\s\-]?(\d{3})[.\s\-]?(\d{3})"
    r"[-./\s\u2010-\u2015\u2212]?(\d{2})(?!\d)"
)


def _normalizar(texto: str | None) -> str:
    return texto or ""


def mascarar_cpf(cpf: str | None) -> str:
    """``***.874.567-**`` of a CPF (digits or formatted); '' when invalid."""
    digitos = brasil.digitos(cpf)
    if len(digitos) != 11:
        return ""
    return f"***.{digitos[3:6]}.{digitos[6:9]}-**"


def cpfs(texto: str | None) -> list[str]:
    """The valid CPFs (11 digits each) written in ``texto``, in order."""
    encontrados = []
    for match in _CPF.finditer(_normalizar(texto)):
        digitos = "".join(match.groups())
        if brasil.cpf_valido(digitos):
            encontrados.append(digitos)
    return encontrados


def mascarar_texto(texto: str | None) -> str:
    """``texto`` with every valid CPF masked; other numbers untouched."""

    def trocar(match):
        digitos = "".join(match.groups())
        return mascarar_cpf(digitos) if brasil.cpf_valido(digitos) else match.group(0)

    return _CPF.sub(trocar, _normalizar(texto))


#: E-mail addresses typed in free text (the table: e-mail never, for A).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
EMAIL_OMITIDO = "[e-mail omitido]"


def texto_publico(texto: str | None) -> str:
    """Free text as the public reads it: every valid CPF masked and e-mail
    addresses left out (the disclosure table's column A)."""
    return _EMAIL.sub(EMAIL_OMITIDO, mascarar_texto(texto))


def sem_emails(texto: str | None) -> str:
    """``texto`` without e-mail addresses (for what the public may search)."""
    return _EMAIL.sub(" ", texto or "")


def sem_cpfs(texto: str | None) -> str:
    """``texto`` with every valid CPF removed (for full-text indexes)."""

    def trocar(match):
        digitos = "".join(match.groups())
        return " " if brasil.cpf_valido(digitos) else match.group(0)

    return _CPF.sub(trocar, _normalizar(texto))


# --- warning at input ----------------------------------------------------------


def aviso(campos, confirmado: bool = False):
    """The warning for free text holding a CPF, or None.

    ``campos``: (field label, text) pairs of one item. When a text holds a
    CPF with valid check digits and the user did not confirm (``confirmado``),
    the answer is an i18n message naming the field and the masked CPF, and
    offering the two ways out: restrict the item (hipótese "Informação
    Pessoal") or confirm. Callers refuse the input with it (nothing saved).
    """
    from seimg import _

    if confirmado:
        return None
    for campo, texto in campos:
        encontrados = cpfs(texto if isinstance(texto, str) else None)
        if encontrados:
            return _(
                "dados_pessoais_aviso",
                default="${campo}: o texto contém um CPF (${cpf}), dado pessoal. "
                "Retire o número, restrinja o item (nível restrito, hipótese "
                "'Informação Pessoal') ou confirme que ele pode ser registrado "
                "assim.",
                mapping={"campo": campo, "cpf": mascarar_cpf(encontrados[0])},
            )
    return None
