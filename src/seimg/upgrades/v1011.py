"""1010 → 1011: every seimg workflow has ``comments`` and ``review_history``.

Five of the seven workflows lacked ``review_history`` (and three
``comments``), so plone.restapi's ``@workflow`` answered 400 after a
transition had happened. Only the missing variables are added, as the
profile's XML now defines them; nothing else of the workflows is touched
and no role mapping is recomputed.
"""

from plone import api
import logging


logger = logging.getLogger("seimg.upgrades")

WORKFLOWS = (
    "seimg_orgao_workflow",
    "seimg_unidade_workflow",
    "seimg_processo_workflow",
    "seimg_documento_workflow",
    "seimg_documento_externo_workflow",
    "seimg_tabela_workflow",
    "seimg_contato_workflow",
)

#: As in Plone's own workflows (and seimg's definition.xml files).
VARIAVEIS = {
    "comments": {
        "description": "Comment about the last transition",
        "default_expr": "python:state_change.kwargs.get('comment', '')",
        "for_status": 1,
        "update_always": 1,
        "props": None,
    },
    "review_history": {
        "description": "Provides access to workflow history",
        "default_expr": "state_change/getHistory",
        "for_status": 0,
        "update_always": 0,
        "props": {"guard_permissions": "Request review; Review portal content"},
    },
}


def adicionar_variaveis(wtool) -> list[str]:
    """Add the missing variables; ``["<workflow>.<variable>", …]`` added."""
    adicionadas = []
    for wid in WORKFLOWS:
        wf = wtool.getWorkflowById(wid)
        if wf is None:
            continue
        for vid, props in VARIAVEIS.items():
            if vid in wf.variables.objectIds():
                continue
            wf.variables.addVariable(vid)
            wf.variables[vid].setProperties(
                description=props["description"],
                default_expr=props["default_expr"],
                for_catalog=0,
                for_status=props["for_status"],
                update_always=props["update_always"],
                props=props["props"],
            )
            adicionadas.append(f"{wid}.{vid}")
    return adicionadas


def upgrade(context):
    adicionadas = adicionar_variaveis(api.portal.get_tool("portal_workflow"))
    logger.info("Workflow variables added: %s", ", ".join(adicionadas) or "none")
