"""JSON of a Processo and its documents, with the computed fields."""

from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import classificacao
from seimg.nivel_acesso import niveis
from seimg.processos import credenciais
from seimg.processos.erros import traduzir
from seimg.tramitacao.acoes import situacao
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


def _unidades(uids) -> list[dict]:
    from plone.app.uuid.utils import uuidToObject

    result = []
    for uid in uids:
        unidade = uuidToObject(uid, unrestricted=True)
        if unidade is not None:
            result.append(
                {"UID": uid, "sigla": unidade.sigla_completa(), "nome": unidade.nome}
            )
    return result


def _nivel(nivel) -> dict:
    return {"token": nivel, "title": traduzir(niveis.titulo(nivel))}


def documento_resumo(documento, forma=None) -> dict:
    """A document's row; ``forma`` from :func:`divulgacao.api.forma_na_lista`."""
    from seimg.divulgacao import api as divulgacao
    from seimg.divulgacao import tabela

    estado = api.content.get_state(documento, default=None)
    if forma is None:
        forma = divulgacao.forma_na_lista(documento)
    titulo = (
        documento.title if forma == tabela.VE else divulgacao.rotulo_restrito(documento)
    )
    return {
        "@id": documento.absolute_url(),
        "@type": documento.portal_type,
        "numero_sei": documento.numero_sei,
        "title": titulo,
        "estado": estado,
        "minuta": estado == "minuta",
        "cancelado": estado == "cancelado",
        "nivel_acesso": _nivel(documento.nivel_acesso),
    }


@implementer(ISerializeToJson)
@adapter(IProcesso, Interface)
class ProcessoSerializer(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        processo = self.context
        # Per open unit: recebido, atribuido_a, retorno_data, retorno_para…
        from seimg.divulgacao import api as divulgacao
        from seimg.divulgacao import tabela

        result["nivel_acesso_efetivo"] = _nivel(divulgacao.nivel_exibido(processo))
        abertas = situacao(processo)
        if not divulgacao.ve(tabela.ANDAMENTOS_COMPLETO, processo):
            # People (who it is assigned to) only for the units that had it.
            abertas = [{**unidade, "atribuido_a": None} for unidade in abertas]
        result["unidades_abertas"] = abertas
        result["unidade_geradora"] = (_unidades([processo.unidade_geradora]) or [None])[
            0
        ]
        formas = [
            (doc, divulgacao.forma_na_lista(doc))
            for doc in processo.listFolderContents()
            if IDocumentoBase.providedBy(doc)
        ]
        result["documentos"] = [
            documento_resumo(doc, forma)
            for doc, forma in formas
            if forma != tabela.NADA
        ]
        por_url = {doc.absolute_url(): (doc, forma) for doc, forma in formas}
        itens = []
        for item in result.get("items") or ():
            doc, forma = por_url.get(item.get("@id"), (None, tabela.VE))
            if forma == tabela.NADA:
                continue
            if forma != tabela.VE:
                item = {
                    **item,
                    "title": divulgacao.rotulo_restrito(doc),
                    "description": "",
                }
            itens.append(item)
        if "items" in result:
            result["items"] = itens
            result["items_total"] = len(itens)
        result["interessados"] = [
            {"token": item["UID"], "title": divulgacao.rotulo(item)}
            for item in divulgacao.interessados(processo)
        ]
        result["especificacao"] = divulgacao.especificacao(processo)
        if processo.nivel_efetivo == niveis.SIGILOSO:
            result["credenciais"] = sorted(credenciais.titulares(processo))
        result["classificacao"] = classificacao.resumo(processo)
        return result


@implementer(ISerializeToJson)
@adapter(IDocumentoBase, Interface)
class DocumentoSerializer(SerializeToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version)
        documento = self.context
        result.update(documento_resumo(documento))
        result["numero_formatado"] = documento.numero_formatado
        result["classificacao"] = classificacao.resumo(documento)
        arquivo = result.get("arquivo")
        if isinstance(arquivo, dict) and arquivo.get("filename"):
            from seimg.arquivos.views import nome_visivel

            arquivo["filename"] = nome_visivel(documento.arquivo)
        result["unidade_geradora"] = (
            _unidades([documento.unidade_geradora]) or [None]
        )[0]
        result["processo"] = {
            "@id": documento.aq_parent.absolute_url(),
            "numero": documento.aq_parent.numero,
        }
        if result["cancelado"]:
            from seimg.divulgacao import api as divulgacao

            result["motivo_cancelamento"] = divulgacao.motivo_cancelamento(documento)
            data = getattr(documento, "data_cancelamento", None)
            result["data_cancelamento"] = data.isoformat() if data else None
        return result
