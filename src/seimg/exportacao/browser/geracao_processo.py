"""The process PDF and ZIP in the Classic UI.

- ``@@gerar-pdf-processo``: the documents the user may include, all checked;
  submitting (with the CSRF token) starts the background job and goes to
- ``@@pdf-processo-tarefa?tarefa=<id>``: a ``<progress>`` bar that a small
  script updates every second from ``GET @pdf-processo/<id>`` (REST), then
  the download link, or the error message;
- ``@@pdf-processo-baixar?tarefa=<id>``: the finished PDF;
- ``@@zip-processo`` (GET, or POST from the form with chosen documents):
  the ZIP of the documents' originals.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.erros import recusa
from seimg.exportacao import selecao
from seimg.exportacao import tarefas
from seimg.exportacao import zip_processo
from seimg.organizacao.atual import unidade_atual
from seimg.processos import rotulos
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate


def _exigir_usuario(request):
    if api.user.is_anonymous():
        raise Unauthorized(
            translate(
                _(
                    "processo_pdf_login",
                    default="Log in to generate the PDF or the ZIP of a process.",
                ),
                context=request,
            )
        )
    return api.user.get_current().getId()


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


class GerarPdfProcessoView(BrowserView):
    """``@@gerar-pdf-processo``: choose the documents, start the job."""

    recusa = None

    def __call__(self):
        _exigir_usuario(self.request)
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    def documentos(self) -> list[dict]:
        unidade = unidade_atual(self.request)
        escolhidos = self._escolhidos()
        result = []
        for doc in selecao.incluiveis(self.context, unidade):
            conteudo = selecao.tipo_conteudo(doc)
            result.append(
                {
                    "uid": doc.UID(),
                    "numero_sei": doc.numero_sei or "",
                    "titulo": doc.Title(),
                    "tipo": rotulos.titulo_tabela(getattr(doc, "tipo_documento", None)),
                    "estado": rotulos.estado(doc, self.request),
                    "conversivel": conteudo != selecao.OUTRO,
                    "marcado": escolhidos is None or doc.UID() in escolhidos,
                }
            )
        return result

    def _escolhidos(self) -> set | None:
        if self.request.method != "POST":
            return None
        valor = self.request.form.get("documentos") or []
        if isinstance(valor, str):
            valor = [valor]
        return set(valor)

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        uids = self.request.form.get("documentos") or []
        if isinstance(uids, str):
            uids = [uids]
        try:
            if not uids:
                raise BadRequest(
                    translate(
                        _(
                            "processo_pdf_selecione_documentos",
                            default="Select at least one document.",
                        ),
                        context=self.request,
                    )
                )
            documentos = selecao.selecionar(
                self.context, unidade_atual(self.request), uids
            )
            dados = tarefas.iniciar(self.context, documentos, self.request)
        except (BadRequest, Forbidden) as exc:
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(getattr(exc, "status", status))
            self.recusa = str(exc)
            return False
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@pdf-processo-tarefa?tarefa={dados['id']}"
        )
        return True


class _TarefaView(BrowserView):
    def tarefa(self) -> dict:
        userid = _exigir_usuario(self.request)
        tarefa_id = self.request.form.get("tarefa")
        try:
            return tarefas.obter(tarefa_id, userid, self.context.UID())
        except tarefas.TarefaProibida as exc:
            raise recusa(
                translate(
                    _(
                        "tarefa_de_outro_usuario",
                        default="This generation was started by another user.",
                    ),
                    context=self.request,
                )
            ) from exc
        except tarefas.TarefaNaoEncontrada as exc:
            raise NotFound(
                translate(
                    _(
                        "tarefa_nao_encontrada",
                        default="There is no such generation of this process "
                        "(results are kept for 24 hours).",
                    ),
                    context=self.request,
                )
            ) from exc


class PdfProcessoTarefaView(_TarefaView):
    """``@@pdf-processo-tarefa``: the progress bar of one job."""

    def __call__(self):
        self.dados = self.tarefa()
        return self.index()

    def estado(self) -> str:
        return self.dados.get("estado") or ""

    def estado_titulo(self) -> str:
        return translate(tarefas.titulo_estado(self.dados), context=self.request)

    def progresso(self) -> int:
        return tarefas.progresso(self.dados)

    def url_status(self) -> str:
        return f"{self.context.absolute_url()}/@pdf-processo/{self.dados['id']}"

    def url_download(self) -> str:
        return (
            f"{self.context.absolute_url()}/@@pdf-processo-baixar"
            f"?tarefa={self.dados['id']}"
        )

    def modelo_etapas(self) -> str:
        """The "{concluidos} of {total} steps" text for the script, translated."""
        return translate(
            _(
                "tarefa_etapas",
                default="${concluidos} of ${total} steps",
                mapping={"concluidos": "{concluidos}", "total": "{total}"},
            ),
            context=self.request,
        )

    def etapas(self) -> str:
        return (
            self.modelo_etapas()
            .replace("{concluidos}", str(self.dados.get("concluidos") or 0))
            .replace("{total}", str(self.dados.get("total") or 0))
        )

    def nao_convertidos(self) -> list[dict]:
        return self.dados.get("nao_convertidos") or []


class PdfProcessoBaixarView(_TarefaView):
    """``@@pdf-processo-baixar``: the finished PDF."""

    def __call__(self):
        from seimg.exportacao.rest.servicos import baixar_pdf

        dados = self.tarefa()
        fluxo = baixar_pdf(self.request, dados)
        if fluxo is None:
            raise NotFound(
                translate(
                    _(
                        "tarefa_nao_concluida",
                        default="The PDF is not ready: the generation is ${estado}.",
                        mapping={
                            "estado": translate(
                                tarefas.titulo_estado(dados), context=self.request
                            )
                        },
                    ),
                    context=self.request,
                )
            )
        return fluxo


class ZipProcessoView(BrowserView):
    """``@@zip-processo``: the ZIP of all (or the chosen) documents."""

    def __call__(self):
        _exigir_usuario(self.request)
        uids = self.request.form.get("documentos") if self.request.form else None
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
        try:
            documentos = selecao.selecionar(
                self.context, unidade_atual(self.request), uids
            )
        except (BadRequest, Forbidden) as exc:
            _mensagem(self.request, str(exc), "error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return zip_processo.resposta(self.context, documentos, self.request)
