"""Dexterity content types of seimg: Orgao and Unidade (so far).

Schemas and classes only; the rules that span objects (unique codes, the unit
hierarchy, perfis) live in :mod:`seimg.organizacao`.
"""


class NameFromSigla:
    """Órgãos and unidades get their lowercased sigla as id (``/orgaos/cmvs``)."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return (self.context.sigla or "").lower()
