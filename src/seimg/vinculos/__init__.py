"""Vínculos: links between processos and a unit's acknowledgements of them.

One module per action family: :mod:`.sobrestamento`, :mod:`.relacionamentos`,
:mod:`.anexacao`, :mod:`.ciencia` (:mod:`.comum` holds what they share);
:mod:`.api` is the API surfaces call (everything public, by name).

The acting unit is :func:`seimg.organizacao.atual.unidade_atual`. Every
action checks all its rules first (refusing with a Portuguese message,
:func:`~seimg.processos.erros.proibido` → 403 or
:func:`~seimg.processos.erros.invalido` → 400), then changes the state,
writes its andamento(s) and reindexes (:func:`tramite.reindexar`).
"""
