"""Who holds a credencial on a sigiloso processo (reading only).

The holders are kept on the process (``_credenciais``: userid → who granted
it and when). Granting, revoking and renouncing, which write andamentos,
are :mod:`seimg.processos.credenciais`.
"""


def titulares(processo) -> dict:
    """{userid: {"concedida_por": userid, "data": datetime}} of the holders."""
    return dict(getattr(processo, "_credenciais", None) or {})


def possui(processo, userid: str | None) -> bool:
    return bool(userid) and userid in titulares(processo)
