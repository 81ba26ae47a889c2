"""REST of processos and documentos: serializers and their actions.

Content is created and read through plone.restapi's own endpoints; these
add the computed fields (effective level, units, document tree) and the
actions that are not plain edits: ``@cancelar`` and ``@credenciais``.
"""
