"""Pesquisa: full-text search of processes and documents (issue 18).

:mod:`seimg.pesquisa.analise` is the Portuguese text analysis both the index
and the query parser use.
"""
