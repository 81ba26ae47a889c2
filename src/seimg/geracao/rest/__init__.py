"""REST services of document generation: ``@gerar``."""
