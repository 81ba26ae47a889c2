"""Adesão's records and messages: where each value came from, what is wrong.

:class:`Arquivo` holds the records read from a file (:class:`Registro`, with
its place: YAML line, or sheet and row); :class:`Erro` is one problem with
its place; :class:`Resultado` what
:func:`seimg.organizacao.adesao.aplicacao.aplicar` did.
"""

from dataclasses import dataclass
from dataclasses import field
from seimg import _
from zope.i18n import translate
from zope.i18nmessageid import Message
import re


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
SIM = {"sim", "s", "true", "verdadeiro", "1", "x", "yes"}


#: Rows per list (unidades, usuarios) of one file: a larger adesão is split
#: into several files (each is all-or-nothing and idempotent).
MAX_LINHAS = 20_000
#: Problems listed in an answer; the rest are counted (``omitidos``).
MAX_PROBLEMAS = 200


def _demais(lista: str, total: int) -> "Erro":
    return Erro(
        lista,
        _m(
            _(
                "adesao_linhas_demais",
                default="${lista} tem ${total} linhas ou mais; o limite é "
                "${limite} por arquivo. Divida a adesão em arquivos menores.",
            ),
            lista=lista,
            total=total,
            limite=MAX_LINHAS,
        ),
    )


def resumir(erros: list, maximo: int = MAX_PROBLEMAS) -> tuple[list, int]:
    """The first ``maximo`` problems and how many more there are."""
    return list(erros[:maximo]), max(0, len(erros) - maximo)


class ArquivoInvalido(Exception):
    """The file cannot be read at all (not YAML/XLSX, wrong structure)."""

    def __init__(self, erros):
        super().__init__("; ".join(str(e) for e in erros))
        self.erros = erros


def _m(message, **mapping):
    """``message`` (an ``_()`` message, English default) with its values."""
    return Message(message, mapping=mapping or None)


ARQUIVO = _m(_("adesao_local_arquivo", default="file"))
ESCOLHA_ARQUIVO = _m(_("adesao_escolha_arquivo", default="choose a YAML or XLSX file"))


def _linha(numero):
    return _m(_("adesao_local_linha", default="line ${n}"), n=numero)


def _planilha(nome, numero=None):
    if numero is None:
        return _m(
            _("adesao_local_planilha_orgao", default="sheet '${planilha}'"),
            planilha=nome,
        )
    return _m(
        _("adesao_local_planilha", default="sheet '${planilha}', line ${n}"),
        planilha=nome,
        n=numero,
    )


def _ausente(campo):
    return _m(
        _("adesao_campo_ausente", default="missing required field: ${campo}"),
        campo=campo,
    )


def _codigo_invalido(valor):
    return _m(
        _("adesao_codigo_invalido", default="invalid numeric code: ${v}"), v=valor
    )


def _email_invalido(valor):
    return _m(_("adesao_email_invalido", default="invalid e-mail: ${v}"), v=valor)


def texto(message, request=None) -> str:
    """``message`` for people: in the request's language, else in pt_BR."""
    if request is not None:
        return translate(message, context=request)
    return translate(message, target_language="pt_BR")


@dataclass(frozen=True)
class Erro:
    """A problem of the file: where (``local``) and what (``mensagem``)."""

    local: str
    mensagem: str

    def __str__(self):
        return f"{texto(self.local)}: {texto(self.mensagem)}"

    def as_dict(self, request=None) -> dict:
        return {
            "local": texto(self.local, request),
            "mensagem": texto(self.mensagem, request),
        }


@dataclass
class Registro:
    local: str
    dados: dict

    def get(self, key, default=None):
        value = self.dados.get(key, default)
        return value.strip() if isinstance(value, str) else value


@dataclass
class Arquivo:
    orgao: Registro
    unidades: list = field(default_factory=list)
    usuarios: list = field(default_factory=list)


@dataclass
class Resultado:
    orgao: object = None
    criados: list = field(default_factory=list)
    atualizados: list = field(default_factory=list)
    desativados: list = field(default_factory=list)
    convidados: list = field(default_factory=list)

    def as_dict(self):
        return {
            "orgao": self.orgao.absolute_url() if self.orgao is not None else None,
            "criados": self.criados,
            "atualizados": self.atualizados,
            "desativados": self.desativados,
            "convidados": self.convidados,
        }


# Reading ----------------------------------------------------------------
