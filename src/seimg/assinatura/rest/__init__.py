"""REST services of signing: ``@assinar`` (POST, DELETE) and ``@assinaturas``."""
