"""``<processo>/@pdf-processo`` and ``<processo>/@zip-processo``.

- ``POST @pdf-processo`` (body optional: ``{"documentos": [UID, ...]}``)
  starts a background job: 202 ``{"tarefa", "@id", "estado", ...}``;
- ``GET @pdf-processo``: the current user's jobs of this process;
- ``GET @pdf-processo/<tarefa>``: the job's status (``estado``, ``total``,
  ``concluidos``, ``progresso`` 0-100, ``mensagem``, ``download`` when done);
- ``GET @pdf-processo/<tarefa>/download``: the PDF;
- ``GET @zip-processo[?documentos=UID&documentos=UID]``: the ZIP.

Refusals are JSON ``{"error": {"type", "message"}}`` in Portuguese: 401
anonymous, 403 a process the user may not see or another user's job, 404 an
unknown job, 400 bad UIDs, 409 a job not finished yet.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.base.idempotencia import Idempotente
from seimg.base.services import error
from seimg.base.services import ServicoComParametros
from seimg.exportacao import selecao
from seimg.exportacao import tarefas
from seimg.exportacao import zip_processo
from seimg.organizacao.atual import unidade_atual
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
from ZPublisher.Iterators import filestream_iterator
import json


NAO_ENCONTRADA = _(
    "tarefa_nao_encontrada",
    default="There is no such generation of this process (results are kept "
    "for 24 hours).",
)


def resumo(dados: dict, processo_url: str, request) -> dict:
    """The JSON status of a job (REST and the browser's progress bar)."""
    url = f"{processo_url}/@pdf-processo/{dados['id']}"
    result = {
        "@id": url,
        "tarefa": dados["id"],
        "estado": dados.get("estado"),
        "estado_titulo": translate(tarefas.titulo_estado(dados), context=request),
        "total": dados.get("total") or 0,
        "concluidos": dados.get("concluidos") or 0,
        "progresso": tarefas.progresso(dados),
        "mensagem": dados.get("mensagem") or "",
        "documentos": len(dados.get("documentos") or ()),
        "criado_em": dados.get("criado_em"),
        "atualizado_em": dados.get("atualizado_em"),
    }
    if dados.get("estado") == tarefas.CONCLUIDO:
        result["download"] = f"{url}/download"
        result["paginas"] = dados.get("paginas")
        result["tamanho"] = dados.get("tamanho")
        result["nao_convertidos"] = dados.get("nao_convertidos") or []
    return result


def _json_error(request, status: int, exc_type: str, message) -> str:
    request.response.setStatus(status)
    request.response.setHeader("Content-Type", "application/json")
    return json.dumps(
        {"error": {"type": exc_type, "message": translate(message, context=request)}}
    )


def _recusa_acesso(request, processo):
    """A JSON error when the user may not use this process's PDF/ZIP, else None."""
    if api.user.is_anonymous():
        return (
            401,
            "Unauthorized",
            _(
                "processo_pdf_login",
                default="Log in to generate the PDF or the ZIP of a process.",
            ),
        )
    if not api.user.has_permission("View", obj=processo):
        return (
            403,
            "Forbidden",
            _(
                "processo_sem_acesso",
                default="You have no access to the process ${numero}.",
                mapping={"numero": processo.numero},
            ),
        )
    return None


def _tarefa_erro(exc) -> tuple[int, str, object]:
    if isinstance(exc, tarefas.TarefaProibida):
        return (
            403,
            "Forbidden",
            _(
                "tarefa_de_outro_usuario",
                default="This generation was started by another user.",
            ),
        )
    return (404, "NotFound", NAO_ENCONTRADA)


CORPO_PDF = {
    "documentos": reader.List(
        item=reader.Text(max_length=100), max_items=5000, nullable=True
    ),
}


class PdfProcessoPost(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        recusa = _recusa_acesso(self.request, self.context)
        if recusa is not None:
            return error(self.request, *recusa)
        data = reader.read_json(self.request, CORPO_PDF)
        try:
            documentos = selecao.selecionar(
                self.context, unidade_atual(self.request), data["documentos"]
            )
            dados = tarefas.iniciar(self.context, documentos, self.request)
        except (BadRequest, Forbidden) as exc:
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(getattr(exc, "status", status))
            espera = getattr(exc, "retry_after", None)
            if espera:
                self.request.response.setHeader("Retry-After", str(espera))
            return {"error": {"type": type(exc).__name__, "message": str(exc)}}
        self.request.response.setStatus(202)
        result = resumo(dados, self.context.absolute_url(), self.request)
        self.request.response.setHeader("Location", result["@id"])
        return result


class PdfProcessoGet(ServicoComParametros):
    def render(self):
        self.check_permission()
        recusa = _recusa_acesso(self.request, self.context)
        if recusa is not None:
            return _json_error(self.request, *recusa)
        userid = api.user.get_current().getId()
        processo_url = self.context.absolute_url()
        if not self.params:
            itens = tarefas.listar(userid, self.context.UID())
            return self._json(
                {
                    "@id": f"{processo_url}/@pdf-processo",
                    "items": [resumo(d, processo_url, self.request) for d in itens],
                }
            )
        if len(self.params) > 2 or (
            len(self.params) == 2 and self.params[1] != "download"
        ):
            return _json_error(self.request, 404, "NotFound", NAO_ENCONTRADA)
        try:
            dados = tarefas.obter(self.params[0], userid, self.context.UID())
        except (tarefas.TarefaNaoEncontrada, tarefas.TarefaProibida) as exc:
            return _json_error(self.request, *_tarefa_erro(exc))
        if len(self.params) == 1:
            return self._json(resumo(dados, processo_url, self.request))
        return baixar_pdf(self.request, dados) or _json_error(
            self.request,
            409,
            "Conflict",
            _(
                "tarefa_nao_concluida",
                default="The PDF is not ready: the generation is ${estado}.",
                mapping={
                    "estado": translate(
                        tarefas.titulo_estado(dados), context=self.request
                    )
                },
            ),
        )

    def _json(self, content) -> str:
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False)

    def reply(self):  # pragma: no cover (render answers)
        raise NotImplementedError


def baixar_pdf(request, dados: dict):
    """The finished PDF of a job as a stream, or None when not ready."""
    caminho = tarefas.resultado(dados)
    if caminho is None:
        return None
    fluxo = filestream_iterator(str(caminho), "rb")
    response = request.response
    response.setHeader("Content-Type", "application/pdf")
    nome = dados.get("nome_arquivo") or "processo.pdf"
    response.setHeader("Content-Disposition", f'attachment; filename="{nome}"')
    response.setHeader("Content-Length", str(len(fluxo)))
    response.setHeader("X-Content-Type-Options", "nosniff")
    response.setHeader("Cache-Control", "private, no-cache")
    return fluxo


class ZipProcessoGet(Service):
    def render(self):
        self.check_permission()
        recusa = _recusa_acesso(self.request, self.context)
        if recusa is not None:
            return _json_error(self.request, *recusa)
        uids = self.request.form.get("documentos")
        try:
            documentos = selecao.selecionar(
                self.context, unidade_atual(self.request), uids
            )
        except (BadRequest, Forbidden) as exc:
            status = 403 if isinstance(exc, Forbidden) else 400
            return _json_error(self.request, status, type(exc).__name__, str(exc))
        return zip_processo.resposta(self.context, documentos, self.request)

    def reply(self):  # pragma: no cover (render answers)
        raise NotImplementedError
