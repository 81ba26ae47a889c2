"""Routing in the Classic UI: enviar, concluir, reabrir, atribuir, and their buttons.

- ``@@seimg-acoes-tramitacao`` (a Processo): the buttons of the routing
  actions the acting unit may take, its assignment and retorno programado;
  rendered by the process page, it also marks the process received (and
  seen) in the acting unit, the first time the unit opens it;
- ``@@enviar``: destination units (searchable, grouped by órgão), keep open,
  notify, retorno programado by date or N business / calendar days, and a
  confirmation step when the unit's minutas would stay behind;
- ``@@concluir``, ``@@reabrir``: a confirmation;
- ``@@atribuir``: a user of the acting unit, or nobody;
- ``@@cancelar-retorno``: the unit that asked for a retorno programado no
  longer expects it (one owing unit at a time);
- ``@@notificar-retornos`` (site root, Manager): e-mails for retornos
  programados due or late; meant for a daily cron job.

Forms are CSRF-protected; refusals are shown with the reason and change
nothing (the transaction is doomed).
"""

from datetime import date
from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.icones import icone
from seimg.organizacao import perfis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import rotulos
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.tramitacao import acoes
from seimg.tramitacao.retorno import ler_retorno
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
import transaction


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


def _texto(request, name: str) -> str:
    valor = request.form.get(name, "")
    return valor.strip() if isinstance(valor, str) else ""


def _data_br(valor) -> str:
    return valor.strftime("%d/%m/%Y") if valor else ""


class AcoesTramitacaoView(BrowserView):
    """The routing buttons of a process page (and receiving it on first view)."""

    #: Opening the process's own page receives it in the acting unit and
    #: marks it seen; the buttons shown beside one of its documents do not.
    receber = True

    def __call__(self):
        self.unidade = _unidade(self.request)
        self.recebido_agora = False
        if (
            self.receber
            and self.unidade is not None
            and tramite.aberto_em(self.context, self.unidade)
        ):
            abertura = tramite.abertura(self.context, self.unidade)
            if (
                not abertura.recebido
                or acoes.documentos_novos(self.context, self.unidade)
                or abertura.visto_em is None
            ):
                # A write on GET, meant: this unit opened the process.
                alsoProvides(self.request, IDisableCSRFProtection)
                self.recebido_agora = acoes.receber(self.context, self.unidade)
                acoes.marcar_visto(self.context, self.unidade)
        return self.index()

    @property
    def url(self) -> str:
        return self.context.absolute_url()

    def icone(self, nome: str) -> str:
        return icone(nome, self.request)

    def aberto(self) -> bool:
        return self.unidade is not None and tramite.aberto_em(
            self.context, self.unidade
        )

    def sobrestado(self) -> bool:
        return tramite.sobrestamento(self.context) is not None

    # The buttons follow the domain's predicates (seimg.tramitacao.acoes).

    def pode_enviar(self) -> bool:
        return self.unidade is not None and acoes.pode_enviar(self.context)

    def pode_concluir(self) -> bool:
        return self.unidade is not None and acoes.pode_concluir(self.context)

    def pode_atribuir(self) -> bool:
        return self.unidade is not None and acoes.pode_atribuir(self.context)

    def pode_reabrir(self) -> bool:
        return self.unidade is not None and acoes.pode_reabrir(self.context)

    def atribuido(self) -> str:
        if not self.aberto():
            return ""
        userid = tramite.abertura(self.context, self.unidade).atribuido_a
        return rotulos.nome_usuario(userid) if userid else ""

    def retorno(self) -> dict | None:
        """The retorno programado the acting unit owes (the earliest), if any."""
        if not self.aberto():
            return None
        devidos = tramite.devidos_por(self.context, self.unidade.UID())
        if not devidos:
            return None
        from plone.app.uuid.utils import uuidToObject

        devido = devidos[0]
        para = uuidToObject(devido.credora, unrestricted=True)
        return {
            "data": _data_br(devido.data),
            "para": para.sigla_completa() if para is not None else "",
            "atrasado": devido.data < date.today(),
        }

    def pode_cancelar_retorno(self) -> bool:
        return self.unidade is not None and acoes.pode_cancelar_retorno(self.context)

    def revisao_pendente(self) -> int:
        """Documents listed for access review still waiting (the viewer's view)."""
        from seimg.tramitacao import revisao

        if self.unidade is None:
            return 0
        return len(revisao.itens(self.context, pendentes=True))


class BotoesTramitacaoView(AcoesTramitacaoView):
    """``@@seimg-botoes-tramitacao``: the same buttons, without receiving
    (a document's page in the workspace reads, never writes)."""

    receber = False


class _Acao(BrowserView):
    """A POST form acting on the process; refusals re-render it with the reason."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        self.unidade = _unidade(self.request)
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    @property
    def url(self) -> str:
        return self.context.absolute_url()

    def agir(self) -> object:
        """Do it; return the message of success."""
        raise NotImplementedError

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        try:
            mensagem = self.agir()
        except (BadRequest, Forbidden) as exc:
            transaction.doom()
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            self.erro = str(exc)
            return False
        if mensagem is None:  # a step more (confirmation)
            return False
        _mensagem(self.request, mensagem)
        self.request.response.redirect(self.url)
        return True

    erro = ""


class ConcluirView(_Acao):
    titulo = _("concluir_titulo", default="Conclude the process in your unit")
    explicacao = _(
        "concluir_explicacao",
        default="The process is closed in your unit only; the other units where "
        "it is open keep it. Your unit can reopen it later.",
    )
    botao = _("concluir_botao", default="Conclude")
    acao = "concluir"

    def agir(self):
        from seimg.tramitacao import revisao

        acoes.concluir(self.context)
        pendentes = revisao.itens(self.context, pendentes=True)
        if pendentes:
            return _(
                "processo_concluido_revisao_msg",
                default="Process concluded in ${unidade}. ${n} document(s) "
                "restricted under hipóteses your órgão reviews on conclusion are "
                "listed in 'Documentos para revisão de acesso': change their "
                "access level or keep them restricted, saying why.",
                mapping={
                    "unidade": self.unidade.sigla_completa(),
                    "n": len(pendentes),
                },
            )
        return _(
            "processo_concluido_msg",
            default="Process concluded in ${unidade}.",
            mapping={"unidade": self.unidade.sigla_completa()},
        )


class CancelarRetornoView(_Acao):
    """``@@cancelar-retorno``: the acting unit no longer expects the process
    back from one of the units that owe it a retorno programado."""

    titulo = _("cancelar_retorno_titulo", default="Cancel a retorno programado")
    explicacao = _(
        "cancelar_retorno_explicacao",
        default="Your unit no longer expects the process back from the unit "
        "chosen; the process stays where it is.",
    )
    botao = _("cancelar_retorno_botao", default="Cancel the retorno")
    acao = "cancelar-retorno"

    def devedoras(self) -> list[dict]:
        """The units owing the acting unit a retorno: ``{uid, sigla, data,
        atrasado}``."""
        if self.unidade is None:
            return []
        from plone.app.uuid.utils import uuidToObject

        result = []
        for devido in acoes.retornos_aguardados(self.context, self.unidade):
            unidade = uuidToObject(devido.devedora, unrestricted=True)
            result.append(
                {
                    "uid": devido.devedora,
                    "sigla": unidade.sigla_completa() if unidade else devido.devedora,
                    "data": _data_br(devido.data),
                    "atrasado": devido.data < date.today(),
                }
            )
        return result

    def agir(self):
        from plone.app.uuid.utils import uuidToObject

        uid = _texto(self.request, "devedora")
        devedora = uuidToObject(uid, unrestricted=True) if uid else None
        if getattr(devedora, "portal_type", None) != "Unidade":
            raise invalido(
                _(
                    "cancelar_retorno_escolha",
                    default="Choose the unit whose retorno programado is cancelled.",
                )
            )
        acoes.cancelar_retorno(self.context, devedora)
        return _(
            "retorno_cancelado_msg",
            default="Retorno programado from ${unidade} cancelled.",
            mapping={"unidade": devedora.sigla_completa()},
        )


class ReabrirView(_Acao):
    titulo = _("reabrir_titulo", default="Reopen the process in your unit")
    explicacao = _(
        "reabrir_explicacao",
        default="The process opens again in your unit, which had it before.",
    )
    botao = _("reabrir_botao", default="Reopen")
    acao = "reabrir"

    def agir(self):
        acoes.reabrir(self.context)
        return _(
            "processo_reaberto_msg",
            default="Process reopened in ${unidade}.",
            mapping={"unidade": self.unidade.sigla_completa()},
        )


class AtribuirView(_Acao):
    def usuarios(self) -> list[dict]:
        if self.unidade is None:
            return []
        atual = ""
        abertura = tramite.abertura(self.context, self.unidade)
        if abertura is not None:
            atual = abertura.atribuido_a or ""
        result = [
            {
                "id": userid,
                "nome": rotulos.nome_usuario(userid),
                "selecionado": userid == atual,
            }
            for userid in perfis.membros(self.unidade)
        ]
        return sorted(result, key=lambda item: item["nome"].lower())

    def agir(self):
        userid = _texto(self.request, "usuario") or None
        acoes.atribuir(self.context, userid)
        if userid is None:
            return _("atribuicao_removida_msg", default="Assignment removed.")
        return _(
            "processo_atribuido_msg",
            default="Process assigned to ${usuario}.",
            mapping={"usuario": rotulos.nome_usuario(userid)},
        )


class EnviarView(_Acao):
    """``@@enviar``: the sending form, with the minutas confirmation step."""

    confirmar = ()

    def valores(self) -> dict:
        form = self.request.form
        destinos = form.get("destinos", [])
        if isinstance(destinos, str):
            destinos = [destinos]
        post = self.request.method == "POST"
        return {
            "destinos": [d for d in destinos if isinstance(d, str)],
            "manter_aberto": bool(form.get("manter_aberto")),
            "notificar": bool(form.get("notificar")) if post else True,
            "retorno_tipo": _texto(self.request, "retorno_tipo") or "nenhum",
            "retorno_data": _texto(self.request, "retorno_data"),
            "retorno_dias": _texto(self.request, "retorno_dias"),
        }

    def orgaos(self) -> list[dict]:
        """Active units but the acting one, grouped by órgão."""
        selecionados = set(self.valores()["destinos"])
        meu = self.unidade.UID() if self.unidade is not None else None
        catalog = api.portal.get_tool("portal_catalog")
        result = []
        for brain in catalog.unrestrictedSearchResults(portal_type="Orgao"):
            orgao = brain._unrestrictedGetObject()
            unidades = sorted(
                (
                    {
                        "uid": u.UID(),
                        "sigla": u.sigla_completa(),
                        "nome": u.nome,
                        "selecionada": u.UID() in selecionados,
                    }
                    for u in orgao.unidades()
                    if u.ativa and u.UID() != meu
                ),
                key=lambda item: item["sigla"],
            )
            if unidades:
                result.append(
                    {"titulo": f"{orgao.sigla} — {orgao.nome}", "unidades": unidades}
                )
        return sorted(result, key=lambda item: item["titulo"])

    def _destinos(self, uids) -> list:
        from plone.app.uuid.utils import uuidToObject

        result = []
        for uid in uids:
            unidade = uuidToObject(uid, unrestricted=True)
            if unidade is None or getattr(unidade, "portal_type", None) != "Unidade":
                raise invalido(
                    _(
                        "rest_destino_desconhecido",
                        default="Field 'destinos': unknown unit '${unidade}'.",
                        mapping={"unidade": uid},
                    )
                )
            result.append(unidade)
        return result

    def _retorno(self, valores) -> date | None:
        tipo = valores["retorno_tipo"]
        valor = valores["retorno_data" if tipo == "data" else "retorno_dias"]
        orgao = self.unidade.aq_parent if self.unidade is not None else None
        return ler_retorno(tipo, valor, orgao)

    def agir(self):
        valores = self.valores()
        destinos = self._destinos(valores["destinos"])
        retorno = self._retorno(valores)
        confirmado = bool(self.request.form.get("confirmar_minutas"))
        acoes.verificar_envio(self.context, destinos, retorno)
        pendentes = acoes.minutas(self.context, self.unidade)
        if pendentes and not confirmado:
            self.confirmar = [
                {"titulo": acoes.rotulo_minuta(doc), "url": doc.absolute_url()}
                for doc in pendentes
            ]
            return None  # the confirmation step
        acoes.enviar(
            self.context,
            destinos,
            manter_aberto=valores["manter_aberto"],
            notificar=valores["notificar"],
            retorno=retorno,
            confirmar_minutas=confirmado,
        )
        siglas = ", ".join(d.sigla_completa() for d in destinos)
        if retorno is not None:
            return _(
                "processo_enviado_retorno_msg",
                default="Process sent to ${unidades}, to be returned by ${data}.",
                mapping={"unidades": siglas, "data": _data_br(retorno)},
            )
        return _(
            "processo_enviado_msg",
            default="Process sent to ${unidades}.",
            mapping={"unidades": siglas},
        )


class NotificarRetornosView(BrowserView):
    """``@@notificar-retornos``: e-mail the retornos due or late (cron)."""

    def __call__(self):
        from seimg.tramitacao import notificacoes

        alsoProvides(self.request, IDisableCSRFProtection)
        enviados = notificacoes.notificar_retornos_vencidos()
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translate(
            _(
                "retornos_notificados",
                default="${n} e-mail(s) sent about retornos programados.",
                mapping={"n": enviados},
            ),
            context=self.request,
        )


class NotificarClassificacoesView(BrowserView):
    """``@@notificar-classificacoes``: e-mail the generating units of
    classified information expired or expiring within 90 days (cron)."""

    def __call__(self):
        from seimg.tramitacao import notificacoes

        alsoProvides(self.request, IDisableCSRFProtection)
        enviados = notificacoes.notificar_classificacoes()
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translate(
            _(
                "classificacoes_notificadas",
                default="${n} e-mail(s) sent about classified information.",
                mapping={"n": enviados},
            ),
            context=self.request,
        )
