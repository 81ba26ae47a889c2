"""1005 → 1006: the disclosure table (divulgação) and the contato directory.

- the role ``LeitorContato`` and the contato workflow that maps View to it:
  contatos are read by their órgão's units only (seimg.tabelas.papeis);
- hipóteses legais that protect personal information are flagged (level
  Rp of the disclosure table);
- the registry record ``seimg.andamentos.tipos_resumidos`` (public history);
- processes and documents reindexed: no CPF in SearchableText, CPFs masked in
  the Description;
- signed and cancelled documents: their earlier versions are read by the
  generating unit (the workflow grants it "Access previous versions");
- contato ids no longer carry a CPF: contatos named ``…-cpf-…`` or holding
  their CPF's digits are renamed in batches, from their name only. UIDs (and
  so every reference from processes and documents) are kept, and no
  redirect from the old address is kept (it would hold the CPF).
"""

from plone import api
from seimg.base import brasil
import logging
import re
import transaction


logger = logging.getLogger("seimg.upgrades")
LOTE = 200


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-seimg:default", "rolemap")
    setup.runImportStepFromProfile("profile-seimg:workflows", "workflow")
    setup.runImportStepFromProfile("profile-seimg:default", "plone.app.registry")
    marcar_hipoteses_pessoais()
    contatos = _contatos()
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
        "seimg_contato_workflow"
    )
    for numero, contato in enumerate(contatos, 1):
        workflow.updateRoleMappingsFor(contato)
        contato.reindexObjectSecurity()
        if numero % LOTE == 0:
            transaction.savepoint(optimistic=True)
    versoes = liberar_versoes_a_unidade_geradora()
    reindexados = reindexar_textos()
    renomeados = renomear_contatos(contatos)
    logger.info(
        "1006: %d contatos restricted to their órgão, %d renamed; %d signed "
        "documents' earlier versions readable by their generating unit; %d "
        "texts reindexed without CPFs",
        len(contatos),
        renomeados,
        versoes,
        reindexados,
    )


def reindexar_textos() -> int:
    """SearchableText without CPFs nor natural persons' names, and the
    Description (listings, snippets) with CPFs masked, for existing items."""
    catalog = api.portal.get_tool("portal_catalog")
    total = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type=["Processo", "Documento", "DocumentoExterno"]
    ):
        brain._unrestrictedGetObject().reindexObject(
            idxs=["SearchableText", "Description"]
        )
        total += 1
        if total % LOTE == 0:
            transaction.savepoint(optimistic=True)
    return total


def liberar_versoes_a_unidade_geradora() -> int:
    """Signed and cancelled documents: their pre-signature versions are read
    by the generating unit (not only by their creator), as the table says."""
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
        "seimg_documento_workflow"
    )
    total = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Documento", review_state=["assinado", "cancelado"]
    ):
        workflow.updateRoleMappingsFor(brain._unrestrictedGetObject())
        total += 1
        if total % LOTE == 0:
            transaction.savepoint(optimistic=True)
    return total


def _contatos() -> list:
    from seimg.tabelas import pasta

    folder = pasta("Contato")
    return list(folder.objectValues()) if folder is not None else []


def marcar_hipoteses_pessoais() -> None:
    from seimg.tabelas import dados
    from seimg.tabelas import pasta

    folder = pasta("HipoteseLegal")
    for hipotese in folder.objectValues() if folder is not None else ():
        if hipotese.title in dados.HIPOTESES_PESSOAIS and not getattr(
            hipotese, "informacao_pessoal", False
        ):
            hipotese.informacao_pessoal = True


def tem_cpf(contato) -> bool:
    """True when the contato's id shows its CPF (or any CPF-looking part)."""
    identificador = contato.getId()
    if "cpf" in identificador.split("-"):
        return True
    cpf = brasil.digitos(getattr(contato, "cpf", None))
    digitos = "".join(re.findall(r"\d", identificador))
    return bool(cpf) and cpf in digitos


def renomear_contatos(contatos) -> int:
    from plone.app.redirector.interfaces import IRedirectionStorage
    from plone.i18n.normalizer.interfaces import IIDNormalizer
    from zope.component import getUtility
    from zope.component import queryUtility

    normalizer = getUtility(IIDNormalizer)
    redirects = queryUtility(IRedirectionStorage)
    renomeados = 0
    for contato in contatos:
        if not tem_cpf(contato):
            continue
        antigo = "/".join(contato.getPhysicalPath())
        base = normalizer.normalize(getattr(contato, "nome", None) or "contato")
        api.content.rename(obj=contato, new_id=base, safe_id=True)
        if redirects is not None and redirects.has_path(antigo):
            redirects.remove(antigo)
        renomeados += 1
        if renomeados % LOTE == 0:
            transaction.savepoint(optimistic=True)
            logger.info("1006: %d contatos renamed so far", renomeados)
    return renomeados
