"""Acesso: throttling of every credential path.

- :mod:`seimg.acesso.politica`: the policy as pure functions (delays, caps,
  when a login is locked);
- :mod:`seimg.acesso.limites`: the store of counters and locks (SQLite in
  ``$SEIMG_DATA/seguranca``), outside the ZODB and the request transaction;
- :mod:`seimg.acesso.api`: what the surfaces call (check, record, locks);
- :mod:`seimg.acesso.pas`: the PAS plugin wrapping the password checkers;
- :mod:`seimg.acesso.rest.contas` and :mod:`seimg.acesso.browser`: ``@login``,
  password reset, and the locks órgão administrators see and clear.

See ``docs/acesso.md``.
"""
