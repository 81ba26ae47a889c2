"""``GET /@transparencia[/…]``: the public portal over REST (issue 19).

=====================================  ==========================================
``@transparencia?q=…&orgao=…``         the public search (the portal page's
                                       parameters; ``b_size`` at most 50)
``@transparencia/orgaos``              the órgãos in the portal, with their
                                       LAI and LGPD notices
``@transparencia/processo/<NUP>``      one process, as its public page
``@transparencia/documento/<número>``  one document, as its public page
=====================================  ==========================================

Everything comes from :mod:`seimg.transparencia.api`, answering as an
anonymous visitor whoever asks; what visitors may not know of answers 404
exactly as an unknown number; bad input 400 with each parameter named; an
address over its budget 429 with ``Retry-After``.
"""

from plone import api
from plone.restapi.services import Service
from seimg import _
from seimg.acesso import baldes
from seimg.assinatura.autenticidade import endereco_cliente
from seimg.transparencia import api as transparencia
from urllib.parse import urlencode
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def _url(*partes) -> str:
    return "/".join([api.portal.get().absolute_url(), "@transparencia", *partes])


def _url_pagina(*partes) -> str:
    return "/".join([api.portal.get().absolute_url(), "transparencia", *partes])


def documento_json(linha: transparencia.LinhaDocumento) -> dict:
    return {
        "@id": _url("documento", linha.numero_sei),
        "pagina": _url_pagina("documento", linha.numero_sei),
        "numero_sei": linha.numero_sei,
        "tipo": linha.tipo,
        "titulo": linha.titulo,
        "data": linha.data,
        "unidade": linha.unidade,
        "acesso": "publico"
        if linha.legivel
        else ("cancelado" if linha.cancelado else "restrito"),
        "acesso_restrito": linha.restrito or None,
        "anterior_data_corte": linha.corte,
        "cancelado_em": linha.cancelado_em or None,
        "pdf": _url_pagina("documento", linha.numero_sei, "pdf")
        if linha.legivel
        else None,
    }


def processo_json(ficha: transparencia.FichaProcesso) -> dict:
    nup = transparencia.nup_na_url(ficha.nup)
    return {
        "@id": _url("processo", nup),
        "pagina": _url_pagina("processo", nup),
        "numero": ficha.nup,
        "tipo": ficha.tipo,
        "data_autuacao": ficha.data_autuacao,
        "orgao": ficha.orgao,
        "unidade_geradora": ficha.unidade,
        "especificacao": ficha.especificacao,
        "interessados": ficha.interessados,
        "documentos": [documento_json(d) for d in ficha.documentos],
        "andamentos": [
            {"data": a.data, "unidade": a.unidade, "descricao": a.descricao}
            for a in ficha.andamentos
        ],
    }


def _orgao_json(orgao) -> dict:
    return {
        "@id": _url("orgaos") + f"#{orgao.getId()}",
        "id": orgao.getId(),
        "sigla": orgao.sigla,
        "nome": orgao.nome or orgao.title,
        "pagina": _url_pagina("orgao", orgao.getId()),
        "apresentacao": orgao.portal_apresentacao or "",
        "lai": {"texto": orgao.lai_texto or "", "esic": orgao.lai_url or None},
        "encarregado": {
            "nome": orgao.encarregado_nome or "",
            "contato": orgao.encarregado_contato or "",
        },
        "tratamento_dados": orgao.tratamento_dados or "",
    }


def _item(item) -> dict:
    nup = transparencia.nup_na_url(item.nup)
    return {
        "@id": _url("processo", nup),
        "pagina": _url_pagina("processo", nup),
        "numero": item.nup,
        "tipo": item.tipo,
        "especificacao": item.especificacao,
        "unidade_geradora": item.unidade,
        "data_autuacao": item.data,
        "trecho": str(item.trecho),
        "documentos": [
            {
                "@id": _url("documento", d.numero_sei),
                "numero_sei": d.numero_sei,
                "titulo": transparencia.texto_publico(d.titulo),
                "data": d.data,
                "acesso_restrito": d.restrito,
                "trecho": str(d.trecho),
            }
            for d in item.documentos
        ],
    }


@implementer(IPublishTraverse)
class TransparenciaGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.partes = []

    def publishTraverse(self, request, name):
        self.partes.append(name)
        return self

    def _nao_encontrado(self) -> dict:
        self.request.response.setStatus(404)
        return {
            "error": {
                "type": "NotFound",
                "message": translate(
                    _(
                        "transparencia_nao_encontrado",
                        default="Nothing public answers to this address.",
                    ),
                    context=self.request,
                ),
            }
        }

    def reply(self):
        espera = baldes.consumir(baldes.PAGINA, endereco_cliente(self.request))
        if espera > 0:
            self.request.response.setStatus(429)
            self.request.response.setHeader("Retry-After", baldes.retry_after(espera))
            return {
                "error": {
                    "type": "TooManyRequests",
                    "message": translate(
                        _(
                            "transparencia_limite_json",
                            default="Too many requests from your address: try "
                            "again in ${segundos} seconds.",
                            mapping={"segundos": baldes.retry_after(espera)},
                        ),
                        context=self.request,
                    ),
                }
            }
        partes = self.partes
        try:
            if not partes:
                return self._pesquisa()
            if partes == ["orgaos"]:
                return {
                    "@id": _url("orgaos"),
                    "items": [_orgao_json(o) for o in transparencia.orgaos()],
                }
            if len(partes) == 2 and partes[0] == "processo":
                processo = transparencia.processo_por_numero(partes[1])
                return processo_json(transparencia.ficha_processo(processo))
            if len(partes) == 2 and partes[0] == "documento":
                documento = transparencia.documento_por_numero(partes[1])
                ficha = transparencia.ficha_documento(documento)
                resposta = documento_json(ficha.linha)
                resposta["processo"] = _url(
                    "processo", transparencia.nup_na_url(ficha.nup)
                )
                if ficha.linha.legivel:
                    resposta["assinaturas"] = ficha.assinaturas
                    resposta["autenticidade"] = (
                        transparencia.url_autenticidade(ficha) or None
                    )
                    resposta["conteudo_html"] = ficha.html or None
                return resposta
        except transparencia.NaoEncontrado:
            return self._nao_encontrado()
        return self._nao_encontrado()

    def _pesquisa(self) -> dict:
        form = dict(self.request.form)
        criterios = transparencia.ler_criterios(form)
        resultado = transparencia.pesquisar(criterios)
        if resultado.aviso == "indice":
            # incomplete while the index is rebuilt: no proxy may keep it
            self.request.response.setHeader("Cache-Control", "no-store")
        url = _url()
        como_form = criterios.como_form()
        como_form.pop("orgao", None)
        if form.get("orgao"):
            como_form["orgao"] = form["orgao"]
        consulta = urlencode(como_form, doseq=True)
        proximo = None
        fim = criterios.b_start + criterios.b_size
        if fim < resultado.total:
            proximo = f"{url}?{urlencode({**como_form, 'b_start': fim}, doseq=True)}"
        return {
            "@id": f"{url}?{consulta}" if consulta else url,
            "items_total": resultado.total,
            "b_start": criterios.b_start,
            "b_size": criterios.b_size,
            "next": proximo,
            "indice_em_construcao": resultado.aviso == "indice",
            "consulta_ampla": resultado.ampla,
            "facetas": {
                nome: [
                    {"valor": f.valor, "titulo": f.rotulo, "quantidade": f.quantidade}
                    for f in lista
                ]
                for nome, lista in resultado.facetas.items()
            },
            "items": [_item(item) for item in resultado.itens],
        }
