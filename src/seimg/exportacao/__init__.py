"""Gerar PDF do processo and the process ZIP (SEI's "Gerar PDF", "Gerar ZIP").

- :mod:`.selecao`: which documents a user may put in the file (the same
  rules as the process page), in the process's order.
- :mod:`.processo_pdf`: the PDF, one signed or rendered PDF per document,
  with bookmarks and page stamps (:mod:`.escritor_pdf` writes it).
- :mod:`.zip_processo`: the ZIP of the documents' files.
- :mod:`.tarefas`: the background jobs that build the PDF (on the job API).
- ``browser/`` and ``rest/``: the pages and the REST services.
"""
