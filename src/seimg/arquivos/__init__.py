"""Arquivos: what an uploaded file may be, and how it is served.

Size limit and extension allow-list (registry), content sniffing that must
agree with the extension, and a download view that serves only safe types
inline.
"""

from seimg.arquivos.validacao import ArquivoInvalido
from seimg.arquivos.validacao import tipo_real
from seimg.arquivos.validacao import validar


__all__ = ["ArquivoInvalido", "tipo_real", "validar"]
