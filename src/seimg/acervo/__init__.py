"""Acervo de sigilosos: a unit's sigiloso processes, for its "sigilosos" perfil.

See :mod:`.api` (the rules), :mod:`.browser` (``@@acervo-sigilosos``) and
:mod:`.rest` (``@acervo-sigilosos``).
"""

from AccessControl import ModuleSecurityInfo


# The tab's available_expr (profiles/default/actions.xml) asks it.
ModuleSecurityInfo("seimg.acervo.api").declarePublic("disponivel")
