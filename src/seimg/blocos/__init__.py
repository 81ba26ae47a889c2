"""Blocos (assinatura, reunião, interno) and "pedir assinatura".

Modules: :mod:`.modelo` (the Bloco record, storage, roles), :mod:`.api`
(actions and rules, the API surfaces call), :mod:`.pedidos` (pedidos de
assinatura), :mod:`.papeis` (what blocos grant, plugged into processos and
assinatura), ``browser/`` and ``rest/`` (the surfaces).

Owns:

- the blocos, :class:`Bloco` objects kept in the annotation ``seimg.blocos``
  of the site root (an ``IOBTree`` keyed by the bloco's number). A bloco
  belongs to the unit that created it (``unidade``) and holds UIDs
  (``itens``): documents for a bloco de **assinatura**, processes for a bloco
  de **reunião** or **interno**. Its life (``estado``): ``aberto`` →
  ``disponibilizado`` (to ``destinos``, unit UIDs) → ``retornado`` →
  ``concluido``; the owner may cancel a disponibilização (back to
  ``aberto``). A bloco interno is never disponibilizado.
- the back references ``_seimg_blocos`` (tuple of bloco numbers) on each
  document/process in a bloco, read by :func:`papeis_documento` and
  ``papeis_processo``, offered to borg.localrole by :mod:`.papeis` beside
  ``seimg.processos.roles``: while a bloco de assinatura is disponibilizado the
  destination units' groups hold :data:`SIGNATARIO` on its documents (the
  minuta state grants View/Modify to it, the assinado state View); while a
  bloco de reunião is disponibilizado they hold ``LeitorProcesso`` on its
  processes and :data:`LEITOR` on the owner's minutas in them.
- pedidos de assinatura: ``_seimg_pedidos_assinatura`` (userid → info) on the
  document and the annotation ``seimg.pedidos_assinatura`` of the site root
  (userid → set of document UIDs) for the "para assinar" list; requested
  users hold :data:`LEITOR` on the document and may sign it
  (``pode_assinar``, through ``seimg.assinatura.permissoes``).

Sigiloso processes never enter blocos, of any kind, and a process in a bloco
cannot become sigiloso (SEI's credencial de assinatura is the
process's credencial here: a pedido on a sigiloso document is accepted only
for holders of a credencial on its process).

Every refusal raises Forbidden/BadRequest with a translated message.
"""
