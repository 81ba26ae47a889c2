"""Processos: access levels, the effective level, credenciais, local roles.

The rules that span a Processo and its documents: who may see and act on
them (dynamic local roles), the most restrictive level of all, minutas,
exclusion and cancellation.
"""
