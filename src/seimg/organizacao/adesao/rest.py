"""``POST /@adesao``: load an órgão from a YAML or XLSX file (base64 in JSON).

Body: ``{"nome": "cmvs.yaml", "conteudo": "<base64>", "simular": false}``.
Answers 200 with what was created, updated and deactivated, or 400 with
``error.erros``: every problem of the file with its place; nothing is
created unless the whole file is valid.
"""

from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.base.errors import InvalidInput
from seimg.base.services import error
from seimg.organizacao import adesao
from zope.interface import alsoProvides
import base64
import binascii
import plone.protect.interfaces
import transaction


CORPO_ADESAO = {
    "conteudo": reader.Text(required=True, max_length=30_000_000, strip=False),
    "nome": reader.Text(max_length=200, default=""),
    "simular": reader.Boolean(default=False),
}


class AdesaoPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_ADESAO)
        try:
            conteudo = base64.b64decode(data["conteudo"] or "", validate=True)
        except (binascii.Error, ValueError):
            conteudo = b""
        if not conteudo:
            return error(
                self.request,
                400,
                "BadRequest",
                _(
                    "adesao_sem_arquivo",
                    default="Send the file in 'conteudo', encoded in base64.",
                ),
            )
        try:
            arquivo = adesao.ler(conteudo, data["nome"] or "")
            erros = adesao.validar(arquivo)
            if erros:
                raise adesao.ArquivoInvalido(erros)
            if data["simular"]:
                return {"valido": True, "simulado": True}
            resultado = adesao.aplicar(arquivo)
        except adesao.ArquivoInvalido as invalid:
            transaction.doom()
            listados, omitidos = adesao.resumir(invalid.erros)
            problemas = [erro.as_dict(self.request) for erro in listados]
            if omitidos:
                mensagem = _(
                    "adesao_invalida_resumo",
                    default="O arquivo tem ${n} problemas; nada foi criado. Os "
                    "primeiros ${listados} estão em campos: corrija-os e envie "
                    "de novo.",
                    mapping={"n": len(invalid.erros), "listados": len(listados)},
                )
            else:
                mensagem = _(
                    "adesao_invalida",
                    default="The file has ${n} problem(s); nothing was created.",
                    mapping={"n": len(invalid.erros)},
                )
            # The one error shape: each problem's place is its "campo".
            raise InvalidInput(
                [(p["local"], p["mensagem"]) for p in problemas],
                mensagem=mensagem,
                tipo="ArquivoInvalido",
            ) from None
        return {"valido": True, "simulado": False, **resultado.as_dict()}
