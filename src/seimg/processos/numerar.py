"""Numbers of processos and documentos, given when they are added.

The NUP and the número SEI are allocated when Plone chooses the new object's
id (:class:`NomeDoProcesso`, :class:`NomeDoDocumento`): the id is the number.
The type's own number of a Documento is allocated by the added-event
subscriber, which knows the process and the acting unit. Allocation is done
by :mod:`seimg.numeracao` (conflict-free; a number is never reused).
"""

from plone import api
from seimg import _
from seimg import numeracao
from seimg.organizacao.atual import unidade_atual
from seimg.processos.erros import invalido
from seimg.processos.erros import traduzir
from zope.interface import Invalid


def validar_numero_informado(numero) -> None:
    """An informed number must pass the acting unit's órgão mask (invariant)."""
    if not numero:
        return
    unidade = unidade_atual()
    if unidade is None:
        return
    try:
        numeracao.validar_nup(unidade.aq_parent, numero.strip())
    except Invalid as error:
        raise Invalid(
            _(
                "numero_informado_invalido",
                default="Número informado: ${motivo}",
                mapping={"motivo": traduzir(error.args[0])},
            )
        ) from error
    catalog = api.portal.get_tool("portal_catalog")
    if catalog.unrestrictedSearchResults(portal_type="Processo", numero=numero.strip()):
        raise Invalid(
            _(
                "numero_em_uso",
                default="Número informado: ${numero} is already the number of "
                "another process.",
                mapping={"numero": numero.strip()},
            )
        )


def numerar_processo(processo) -> str:
    """Give ``processo`` its NUP (or the validated informed one) once."""
    from seimg.processos.regras import exigir_unidade

    if processo.numero:
        return processo.numero
    unidade = exigir_unidade()
    orgao = unidade.aq_parent
    informado = (getattr(processo, "numero_informado", None) or "").strip()
    if informado:
        try:
            validar_numero_informado(informado)
        except Invalid as error:
            raise invalido(error.args[0]) from error
        processo.numero = informado
    else:
        processo.numero = numeracao.nup(orgao, unidade)
    processo.orgao = orgao.UID()
    processo.unidade_geradora = unidade.UID()
    return processo.numero


#: A document's type number allocated with its número SEI, for
#: :func:`numerar_no_tipo` later in the same request: (sequence, value).
_RESERVADO = "_v_seimg_numero_tipo"


def _politica(tipo) -> str:
    return getattr(tipo, "numeracao", "nenhuma") or "nenhuma"


def _ano(documento) -> int | None:
    return documento.created().year() if hasattr(documento, "created") else None


def _chave_no_tipo(documento) -> str | None:
    """The type-number sequence a new Documento will draw from, when it is
    already known (its type and the acting unit); else None."""
    from seimg.tabelas import obter

    if documento.portal_type != "Documento":
        return None
    tipo = obter(getattr(documento, "tipo_documento", None))
    unidade = unidade_atual()
    if tipo is None or unidade is None:
        return None
    return numeracao.chave_documento(
        _politica(tipo), tipo.UID(), unidade, _ano(documento)
    )


def numerar_documento(documento) -> str:
    """Give ``documento`` its número SEI once; the type's own number is
    allocated in the same commit (one side transaction per document)."""
    if documento.numero_sei:
        return documento.numero_sei
    chave_tipo = _chave_no_tipo(documento)
    passos = {numeracao.CHAVE_SEI: 1}
    if chave_tipo:
        passos[chave_tipo] = 1
    valores = numeracao.alocar(passos)
    documento.numero_sei = numeracao.formatar_numero_sei(valores[numeracao.CHAVE_SEI])
    if chave_tipo:
        setattr(documento, _RESERVADO, (chave_tipo, valores[chave_tipo]))
    return documento.numero_sei


class NomeDoProcesso:
    """INameFromTitle of a Processo: its NUP, allocated here."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return numerar_processo(self.context)


class NomeDoDocumento:
    """INameFromTitle of a document: its número SEI, allocated here."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return numerar_documento(self.context)


def numerar_no_tipo(documento, tipo, unidade) -> None:
    """The type's own number and the formatted label (``Ofício nº 12/2026/…``)."""
    politica = _politica(tipo)
    ano = _ano(documento)
    if documento.portal_type == "Documento":
        if politica == "informada":
            if not (documento.numero or "").strip():
                raise invalido(
                    _(
                        "numero_obrigatorio",
                        default="Número: the type ${tipo} needs the number you "
                        "were given.",
                        mapping={"tipo": tipo.title},
                    )
                )
        else:
            chave = numeracao.chave_documento(politica, tipo.UID(), unidade, ano)
            reservado = getattr(documento, _RESERVADO, None)
            if chave and reservado and reservado[0] == chave:
                numero = reservado[1]
                delattr(documento, _RESERVADO)
            else:
                numero = numeracao.numero_documento(politica, tipo.UID(), unidade, ano)
            documento.numero = str(numero) if numero is not None else None
        documento.numero_formatado = numeracao.formatar_numero_documento(
            tipo.title, documento.numero, politica, unidade, ano
        )
    else:
        numero = (documento.numero or "").strip()
        documento.numero_formatado = f"{tipo.title} {numero}".strip()


def titulo_documento(documento) -> str:
    return documento.numero_formatado or documento.numero_sei or ""
