"""Tramitação: moving processos between units, and each unit's work on them.

The routing *state* lives in :mod:`seimg.processos.tramite` (where a process
is open, received or not, assigned, retorno programado, sobrestamento); this
package owns the *actions*, each refusing with a Portuguese message
(``seimg.processos.erros.proibido``/``invalido``) before changing anything,
and each writing its andamento:

``acoes``        enviar, receber, concluir, reabrir, atribuir
``prazos``       business days (national, Minas Gerais and municipal holidays)
``notificacoes`` e-mail to the destination units (MailHost)
``vinculos``     sobrestar, relacionar, anexar/desanexar, ciência
``unidade``      per-unit notes: anotação, marcadores, acompanhamento especial
``controle``     the Controle de Processos queries (catalog)
"""
