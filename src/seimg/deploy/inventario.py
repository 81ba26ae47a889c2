"""What a seimg database holds, to compare a restored copy with its origin.

``zconsole run etc/zope.conf scripts/inventario.py [ARQUIVO]`` (``make
restore`` runs it on the restored copy) writes, as JSON, for every seimg
site of the Zope root: its processes (número, andamentos — id, tipo, date —,
documents with número SEI, state and the SHA-256 of every file they hold)
and the users (logins). Reading a file's blob proves it was restored;
a missing blob is reported, not skipped. Nothing is written to the database.
"""

from zope.component.hooks import setSite
import hashlib
import json
import sys


def _blobs(obj) -> dict:
    from plone.dexterity.utils import iterSchemata
    from plone.namedfile.interfaces import INamedBlobFile
    from zope.schema import getFieldsInOrder

    resultado = {}
    for schema in iterSchemata(obj):
        for nome, _campo in getFieldsInOrder(schema):
            valor = getattr(obj, nome, None)
            if INamedBlobFile.providedBy(valor):
                try:
                    with valor.open() as arquivo:
                        resultado[nome] = hashlib.sha256(arquivo.read()).hexdigest()
                except Exception as exc:  # a missing blob file: say so
                    resultado[nome] = f"ERRO: {type(exc).__name__}: {exc}"
    return resultado


def _processo(processo) -> dict:
    from plone import api
    from seimg.andamentos import api as andamentos

    return {
        "numero": processo.numero,
        "estado": api.content.get_state(processo, default=None),
        "especificacao": processo.especificacao,
        "andamentos": [
            [str(a.id), a.tipo, a.data.isoformat()] for a in andamentos.listar(processo)
        ],
        "documentos": {
            doc.getId(): {
                "numero_sei": getattr(doc, "numero_sei", None),
                "estado": api.content.get_state(doc, default=None),
                "arquivos": _blobs(doc),
            }
            for doc in processo.objectValues()
            if doc.portal_type in ("Documento", "DocumentoExterno")
        },
    }


def inventario(app) -> dict:
    from plone import api
    from Products.CMFPlone.Portal import PloneSite

    sites = {}
    for site in app.objectValues():
        if not isinstance(site, PloneSite) or "processos" not in site.objectIds():
            continue
        setSite(site)
        catalog = api.portal.get_tool("portal_catalog")
        processos = {}
        for brain in catalog.unrestrictedSearchResults(portal_type="Processo"):
            processo = brain._unrestrictedGetObject()
            processos["/".join(processo.getPhysicalPath()[2:])] = _processo(processo)
        sites[site.getId()] = {
            "processos": processos,
            "usuarios": sorted(
                u["login"] for u in site.acl_users.searchUsers() if u.get("login")
            ),
        }
    return {"sites": sites}


def main(app, argv) -> int:
    dados = inventario(app)
    texto = json.dumps(dados, indent=1, sort_keys=True, ensure_ascii=False)
    if argv:
        with open(argv[0], "w", encoding="utf-8") as saida:
            saida.write(texto)
    else:
        print(texto)
    erros = texto.count('"ERRO: ')
    if erros:
        print(f"ERRO: {erros} arquivo(s) sem blob na cópia.", file=sys.stderr)
        return 1
    return 0
