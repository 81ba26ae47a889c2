"""Event subscribers of the tables: a new Contato belongs to the acting órgão."""


def contato_orgao(contato, event) -> None:
    """Set ``orgao`` from the acting unit's órgão when it is still empty."""
    if getattr(contato, "orgao", None):
        return
    from seimg.organizacao.atual import unidade_atual

    unidade = unidade_atual()
    if unidade is None:
        return
    contato.orgao = unidade.aq_parent.UID()
    if getattr(contato, "__parent__", None) is not None:
        contato.reindexObject(idxs=["orgao"])
        contato.reindexObjectSecurity()  # its órgão's units may read it
