"""``@@andamentos``: the history of a processo in the Classic UI.

Shows the complete or summarised (``?resumido=1``) history, optionally only
one unit's entries (``?unidade=<uid>``), and to users who may modify the
processo a form to add a free-text "atualização de andamento".
"""

from AccessControl import Unauthorized
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.andamentos import api as andamentos
from urllib.parse import urlencode
from zope.i18n import translate
import zoneinfo


FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")
TEXTO_MAXIMO = 1000


def validar_texto(texto, confirmar_dados_pessoais: bool = False) -> str | None:
    """The i18n error of a free-text update, or None when it is fine.

    A CPF in the text is refused until the user confirms it
    (``confirmar_dados_pessoais``): divulgacao.md, free text is checked at
    input for personal data.
    """
    from seimg.base.dados_pessoais import aviso

    texto = (texto or "").strip() if isinstance(texto, str) else ""
    if not texto:
        return _(
            "andamento_texto_obrigatorio",
            default="The field 'texto' (description of the update) is required.",
        )
    if len(texto) > TEXTO_MAXIMO:
        return _(
            "andamento_texto_longo",
            default="The field 'texto' must have at most ${maximo} characters.",
            mapping={"maximo": TEXTO_MAXIMO},
        )
    return aviso(
        ((_("andamento_campo_texto", default="Descrição"), texto),),
        confirmado=confirmar_dados_pessoais,
    )


def data_hora(andamento) -> str:
    return andamento.data.astimezone(FUSO).strftime("%d/%m/%Y %H:%M")


class AndamentosView(BrowserView):
    erro = None
    texto = ""
    pedir_confirmacao = False  # the only problem is personal data

    def __call__(self):
        if self.request.method == "POST" and self.processar():
            return ""  # redirected
        return self.index()

    @property
    def resumido(self) -> bool:
        return self.request.form.get("resumido") in ("1", "true", "sim", "on")

    @property
    def unidade_uid(self) -> str:
        return self.request.form.get("unidade") or ""

    def pode_atualizar(self) -> bool:
        return bool(
            api.user.has_permission("Modify portal content", obj=self.context)
            and not api.user.is_anonymous()
        )

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        if not self.pode_atualizar():
            raise Unauthorized("Modify portal content")
        self.texto = self.request.form.get("texto", "")
        confirmado = bool(self.request.form.get("confirmar_dados_pessoais"))
        erro = validar_texto(self.texto, confirmado)
        if erro is not None:
            self.erro = translate(erro, context=self.request)
            self.pedir_confirmacao = not confirmado and (
                validar_texto(self.texto, True) is None
            )
            self.request.response.setStatus(400)
            return False
        andamentos.registrar(
            self.context, "atualizacao_andamento", texto=self.texto.strip()
        )
        api.portal.show_message(
            _("andamento_atualizado", default="Andamento updated."),
            request=self.request,
        )
        self.request.response.redirect(f"{self.context.absolute_url()}/@@andamentos")
        return True

    def url(self, **params) -> str:
        query = {k: v for k, v in params.items() if v}
        base = f"{self.context.absolute_url()}/@@andamentos"
        return f"{base}?{urlencode(query)}" if query else base

    def _visiveis(self, resumido, unidade_uid=None):
        """Entries the viewer may read (the disclosure table's rows)."""
        from seimg.andamentos import visiveis

        return visiveis.visiveis(
            self.context, resumido=resumido, unidade_uid=unidade_uid
        )

    def completo(self) -> bool:
        """False for viewers who get the summarised history only."""
        return self._visiveis(True)[1]

    def linhas(self) -> list[dict]:
        from seimg.andamentos import visiveis

        lista, completo = self._visiveis(self.resumido, self.unidade_uid or None)
        return [
            {
                "id": andamento.id,
                "tipo": andamento.tipo,
                "data": data_hora(andamento),
                "iso": andamento.data.isoformat(),
                "unidade": andamento.unidade_sigla or "",
                "unidade_nome": andamento.unidade_nome or "",
                "usuario": (andamento.usuario_nome or "") if completo else "",
                "descricao": visiveis.descrever_andamento(
                    andamento, completo, self.request
                ),
            }
            for andamento in lista
        ]

    def unidades(self) -> list[dict]:
        """Units that appear in the history, for the per-unit filter."""
        vistas = {}
        for andamento in self._visiveis(False)[0]:
            if andamento.unidade_uid and andamento.unidade_uid not in vistas:
                vistas[andamento.unidade_uid] = andamento.unidade_sigla
        resumido = "1" if self.resumido else ""
        return [
            {
                "uid": uid,
                "sigla": sigla,
                "url": self.url(resumido=resumido, unidade=uid),
                "ativa": uid == self.unidade_uid,
            }
            for uid, sigla in sorted(vistas.items(), key=lambda item: item[1])
        ]

    def url_completo(self) -> str:
        return self.url(unidade=self.unidade_uid)

    def url_resumido(self) -> str:
        return self.url(resumido="1", unidade=self.unidade_uid)

    def url_todas_unidades(self) -> str:
        return self.url(resumido="1" if self.resumido else "")
