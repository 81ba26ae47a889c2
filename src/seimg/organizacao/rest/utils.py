"""Helpers shared by the organisation endpoints."""

from plone import api
from seimg.organizacao import perfis
from zope.i18n import translate


def unidade_info(unidade, request, perfis_do_usuario=None) -> dict:
    data = {
        "@id": unidade.absolute_url(),
        "@type": "Unidade",
        "UID": unidade.UID(),
        "sigla": unidade.sigla,
        "sigla_completa": unidade.sigla_completa(),
        "nome": unidade.nome,
        "codigo": unidade.codigo,
        "ativa": unidade.ativa,
        "protocolo": bool(unidade.protocolo),
        "arquivo": bool(unidade.arquivo),
        "orgao": {
            "@id": unidade.aq_parent.absolute_url(),
            "sigla": unidade.aq_parent.sigla,
            "nome": unidade.aq_parent.nome,
        },
    }
    if perfis_do_usuario is not None:
        data["perfis"] = [
            {"id": p, "title": translate(perfis.PERFIS[p], context=request)}
            for p in sorted(perfis_do_usuario)
        ]
    return data


def current_userid():
    return api.user.get_current().getId()
