"""Níveis de acesso: público, restrito, sigiloso, and who holds a credencial.

- :mod:`.niveis`: the levels, their order and the rules between level,
  hipótese legal and grau de sigilo;
- :mod:`.efetivo`: a process's effective level (the most restrictive of its
  own and its signed documents');
- :mod:`.credenciais`: the holders of a credencial on a sigiloso process.

Everything above reads these; :mod:`seimg.divulgacao` turns them into what
each viewer sees, :mod:`seimg.processos` changes them.
"""
