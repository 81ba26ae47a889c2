"""Which fixture object a path parameter names, for the contract tests."""


def login_para(caminho: str, dados: dict) -> str:
    """The ``{login}`` of ``caminho``: the service account for
    ``@contas-servico``, the locked-out user for ``@bloqueios``, otherwise a
    person (carlos.mendes, who makes the requests)."""
    if "@contas-servico" in caminho:
        return dados["login"]
    if "@bloqueios" in caminho:
        return dados["bloqueado"]
    return "carlos.mendes"
