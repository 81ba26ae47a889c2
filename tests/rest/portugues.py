"""Is a message written in Portuguese? A heuristic for error messages.

Messages seimg answers are short sentences: one in Portuguese has at least
one Portuguese word or accented letter, and none of the English words that
Zope, Plone and Python put in theirs ("You are not authorized…",
"Resource not found", "day is out of range for month").
"""

import re


INGLES = re.compile(
    r"\b(the|you|your|are|is|not|resource|found|authorized|required|invalid|"
    r"must|does|please|error|cannot|should|this|that|with|missing|allowed|"
    r"unknown|field|value|expected|object|failed|day|month|match|format|"
    r"range|time|too|many|only|try|again|request|method)\b",
    re.IGNORECASE,
)
PORTUGUES = re.compile(
    r"[ãõçáéíóúâêôà]|\b(não|de|do|da|dos|das|os|as|um|uma|para|por|com|sem|"
    r"em|no|na|nos|nas|informe|use|ou|este|esta|esse|essa|nenhum|nenhuma|"
    r"tente|aguarde|pedido|campo|valor|texto|número|data|processo|documento|"
    r"unidade)\b",
    re.IGNORECASE,
)


def em_portugues(texto: str) -> bool:
    return bool(PORTUGUES.search(texto)) and not INGLES.search(texto)
