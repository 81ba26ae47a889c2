"""Divulgação: who sees what of each process, document and contato.

- :mod:`.tabela` holds seimg's disclosure table as data (pure Python);
- :mod:`.api` answers "what may the current viewer see of this object",
  for views, REST serializers, listings, indexers, PDFs and error pages;
- :mod:`.dados_pessoais` finds and masks CPFs in free text;
- :mod:`.recusa` answers refusals and hidden objects without leaking them.
"""
