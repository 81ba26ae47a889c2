"""Check digits of process numbers (see sei-domain.md §2.1).

``mod97_10``       ISO 7064 MOD 97-10, as in Sei!MG numbers
                   (``1320.01.0009530/2022-26``).
``mod11_federal``  the federal NUP's double modulo 11
                   (``52402.009002/2024-11``).

Both take the digits that precede the check digits (separators already
removed) and return the two check digits as a string.
"""

from collections.abc import Callable


def _so_digitos(digits: str) -> str:
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"only digits are accepted: {digits!r}")
    return digits


def mod97_10(digits: str) -> str:
    """ISO 7064 MOD 97-10: ``98 - (n * 100) mod 97``, two digits zero-padded."""
    n = int(_so_digitos(digits))
    return f"{98 - (n * 100) % 97:02d}"


def _mod11(digits: str) -> int:
    # Weights 2, 3, 4, ... from the rightmost digit; they never wrap.
    soma = sum(int(c) * peso for peso, c in enumerate(reversed(digits), start=2))
    dv = 11 - soma % 11
    # 10 -> 0 and 11 -> 1
    return dv % 10


def mod11_federal(digits: str) -> str:
    """Federal NUP: DV1 = mod 11 over the digits, DV2 over digits + DV1."""
    digits = _so_digitos(digits)
    dv1 = _mod11(digits)
    dv2 = _mod11(f"{digits}{dv1}")
    return f"{dv1}{dv2}"


ALGORITMOS: dict[str, Callable[[str], str]] = {
    "mod97": mod97_10,
    "mod11": mod11_federal,
}
