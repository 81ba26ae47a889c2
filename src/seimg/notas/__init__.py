"""Each unit's own notes on processos: anotação, marcadores, acompanhamento especial.

Nothing here is seen by other units. Storage is split so that two units
never write the same persistent object (except the BTrees, whose conflict
resolution merges inserts of different keys): see :mod:`.modelo`. One module
per kind of note (:mod:`.anotacao`, :mod:`.marcadores`,
:mod:`.acompanhamento`); :mod:`.api` is the API surfaces call.

The acting unit is :func:`seimg.organizacao.atual.unidade_atual`; writing a
note on a process needs it open there (removing one, only that the unit had
it); refusals are Portuguese messages (403/400) raised before any change.
"""

from AccessControl import ModuleSecurityInfo


# The "Marcadores" menu item's available_expr (profiles/default/actions.xml).
ModuleSecurityInfo("seimg.notas.api").declarePublic("pode_gerenciar_marcadores")
