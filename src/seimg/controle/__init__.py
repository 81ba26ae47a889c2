"""The Controle de Processos: each unit's inbox, built on catalog queries.

Lists, for one unit (the acting one):

``recebidos``            open here and generated elsewhere, not sobrestados
``gerados``              open here and generated here, not sobrestados
``retornos_devolver``    open here with a retorno programado owed by this unit
``retornos_aguardando``  open elsewhere, owing a retorno programado to this unit
``sobrestados``          open here and sobrestados

Modules: :mod:`.api` (the lists, counts and rows), :mod:`.planilha` (CSV),
``browser/`` (the page, its bulk actions, the landing after login),
:mod:`.rest` (``GET @controle-processos``).

Every query is a *restricted* ``portal_catalog.searchResults``, so access
levels hold: a process the user may not see (a restrito process of another
unit, a sigiloso one without credencial) is neither listed nor counted.
"""
