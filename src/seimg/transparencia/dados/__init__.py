"""Open data of the public portal (LAI art. 8 §3, Lei 14.129 art. 29).

- :mod:`.colunas` — the data dictionary (docs/dados-abertos.md);
- :mod:`.exportar` — rows as an anonymous visitor, CSV and JSON writers,
  :func:`.exportar.responder` for downloads;
- :mod:`.snapshots` — daily files per órgão with their ``.sha256`` and
  history; :mod:`.cli` — ``make dados-abertos`` (cron).
"""
