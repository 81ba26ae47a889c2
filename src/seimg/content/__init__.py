"""Dexterity content types of seimg: Orgao and Unidade (so far).

Schemas and classes only; the rules that span objects (unique codes, the unit
hierarchy, perfis) live in :mod:`seimg.organizacao`.
"""


class SiglaNomeTitle:
    """Title "SIGLA - Nome", derived from the two fields (never stored)."""

    @property
    def title(self):
        sigla = getattr(self, "sigla", None)
        nome = getattr(self, "nome", None)
        return f"{sigla} - {nome}" if sigla and nome else (sigla or nome or "")

    @title.setter
    def title(self, value):
        """The title is derived from sigla and nome."""

    def Title(self):
        return self.title


class NameFromSigla:
    """Órgãos and unidades get their lowercased sigla as id (``/orgaos/cmvs``)."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return (self.context.sigla or "").lower()
