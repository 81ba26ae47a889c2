"""The objects' own numbers as search keys (issue 18): pure, no Zope.

A NUP, a número SEI and a type number are kept out of the full-text lexicon,
in an index of their own, as normalised keys. The same normalisation applied
to a number-shaped query term gives the keys to look up, so that
``1320.01.0009530/2022-26``, ``13200100095302022`` and ``9530/2022`` all find
the process, whatever the órgão's mask (Sei!MG or federal NUP).

Keys:

- ``nup:<all digits>`` and ``nup:<digits without the 2 check digits>``;
- ``n:<sequence>/<year>`` (leading zeros dropped): the NUP's annual sequence,
  and a document's number by type ("Ofício nº 3/2026/…" → ``n:3/2026``);
- ``sei:<número SEI>`` (leading zeros dropped).
"""

import re


_SEQ_ANO = re.compile(r"(\d+)\s*/\s*(\d{4})")
_DIGITOS = re.compile(r"\D")


def _digitos(texto: str) -> str:
    return _DIGITOS.sub("", texto or "")


def chaves_nup(nup: str) -> set[str]:
    """The keys of a process number (any mask ending in ``/AAAA-DD``)."""
    digitos = _digitos(nup)
    if len(digitos) < 8:
        return set()
    chaves = {f"nup:{digitos}", f"nup:{digitos[:-2]}"}
    achado = _SEQ_ANO.search(nup or "")
    if achado:
        chaves.add(f"n:{int(achado.group(1))}/{achado.group(2)}")
    return chaves


def chaves_numero_sei(numero: str | int | None) -> set[str]:
    digitos = _digitos(str(numero or ""))
    return {f"sei:{int(digitos)}"} if digitos else set()


def chaves_numero_tipo(numero: str | None) -> set[str]:
    """A document's number by type: "3/2026/CMVS/SECRETARIA" → ``n:3/2026``."""
    achado = _SEQ_ANO.search(numero or "")
    return {f"n:{int(achado.group(1))}/{achado.group(2)}"} if achado else set()


def numerico(termo: str) -> bool:
    """Does the query term look like a number (digits and punctuation)?"""
    return (
        bool(termo)
        and bool(re.fullmatch(r"[\d.\-/\s]+", termo))
        and any(c.isdigit() for c in termo)
    )


def chaves_da_consulta(termo: str) -> set[str]:
    """The keys a number-shaped query term is looked up by (empty if none)."""
    if not numerico(termo):
        return set()
    termo = termo.strip()
    digitos = _digitos(termo)
    chaves = set()
    achado = _SEQ_ANO.fullmatch(termo)
    if achado:
        chaves.add(f"n:{int(achado.group(1))}/{achado.group(2)}")
    if len(digitos) >= 15:
        chaves.add(f"nup:{digitos}")
    elif digitos and not achado and len(digitos) <= 7:
        chaves.add(f"sei:{int(digitos)}")
    if len(digitos) >= 15 and "/" in termo:
        chaves |= chaves_nup(termo)
    return chaves
