"""The routing actions: enviar, receber, concluir, reabrir, atribuir, marcar
visto, cancelar retorno.

Each action acts for the acting unit (:func:`unidade_atual`), checks every
rule first and refuses with a Portuguese message (``proibido`` → 403 when the
unit may not act, ``invalido`` → 400 when the request is wrong) before
changing anything; then it changes the routing state of
:mod:`seimg.processos.tramite`, writes its andamento(s) and reindexes the
process (security included).

:func:`situacao` describes the routing state for people and REST clients.
"""

from datetime import date
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.nivel_acesso import niveis
from seimg.organizacao import perfis
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized


def _registrar(processo, tipo, unidade, **atributos):
    from seimg import andamentos

    andamentos.registrar(processo, tipo, unidade=unidade, **atributos)


def _nome_usuario(userid: str) -> str:
    user = api.user.get(userid=userid)
    if user is None:
        return userid
    return user.getProperty("fullname") or user.getUserName()


def _unidade(uid: str | None):
    return uuidToObject(uid, unrestricted=True) if uid else None


def _sigla(uid: str | None) -> str | None:
    unidade = _unidade(uid)
    return unidade.sigla_completa() if unidade is not None else None


def _exigir_nao_sobrestado(processo) -> None:
    if tramite.sobrestamento(processo) is not None:
        raise proibido(
            _(
                "tramitacao_sobrestado",
                default="The process ${numero} is suspended (sobrestado): remove "
                "the suspension first.",
                mapping={"numero": processo.numero},
            )
        )


def minutas(processo, unidade) -> list:
    """The unsigned minutas of ``unidade`` in ``processo``, oldest first."""
    uid = unidade.UID()
    docs = [
        doc
        for doc in processo.objectValues()
        if getattr(doc, "unidade_geradora", None) == uid and regras.e_minuta(doc)
    ]
    docs.sort(key=lambda doc: (doc.created(), getattr(doc, "numero_sei", "") or ""))
    return docs


def rotulo_minuta(documento) -> str:
    numero = getattr(documento, "numero_sei", None) or ""
    return f"{documento.Title()} ({numero})" if numero else documento.Title()


def _validar_destinos(destinos, remetente) -> list:
    if not destinos:
        raise invalido(
            _(
                "enviar_sem_destino",
                default="Destination units: choose at least one unit.",
            )
        )
    vistos = set()
    result = []
    for destino in destinos:
        if getattr(destino, "portal_type", None) != "Unidade":
            raise invalido(
                _(
                    "enviar_destino_invalido",
                    default="Destination units: '${unidade}' is not a unit.",
                    mapping={"unidade": str(destino)},
                )
            )
        sigla = destino.sigla_completa()
        if not destino.ativa:
            raise invalido(
                _(
                    "enviar_destino_inativo",
                    default="Destination units: the unit ${unidade} is inactive.",
                    mapping={"unidade": sigla},
                )
            )
        if destino.UID() == remetente.UID():
            raise invalido(
                _(
                    "enviar_para_si",
                    default="Destination units: the process cannot be sent to "
                    "your own unit ${unidade}.",
                    mapping={"unidade": sigla},
                )
            )
        if destino.UID() in vistos:
            raise invalido(
                _(
                    "enviar_destino_repetido",
                    default="Destination units: the unit ${unidade} is repeated.",
                    mapping={"unidade": sigla},
                )
            )
        vistos.add(destino.UID())
        result.append(destino)
    return result


def _validar_retorno(retorno) -> None:
    if retorno is None:
        return
    if not isinstance(retorno, date):
        raise invalido(
            _(
                "retorno_data_invalida",
                default="Retorno programado: give a date (YYYY-MM-DD).",
            )
        )
    if retorno < date.today():
        raise invalido(
            _(
                "retorno_no_passado",
                default="Retorno programado: the date ${data} is in the past.",
                mapping={"data": retorno.strftime("%d/%m/%Y")},
            )
        )


def _exigir_enviavel(processo):
    """The acting unit, if it may send ``processo`` anywhere now."""
    remetente = regras.exigir_aberto(processo)
    _exigir_nao_sobrestado(processo)
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO:
        raise proibido(
            _(
                "enviar_sigiloso",
                default="A secret (sigiloso) process is not sent to other units: "
                "grant a credential to the people who must work on it.",
            )
        )
    return remetente


def verificar_envio(processo, destinos: list, retorno: date | None = None):
    """Every rule of :func:`enviar` but the minutas; ``(remetente, destinos)``."""
    remetente = _exigir_enviavel(processo)
    destinos = _validar_destinos(list(destinos or ()), remetente)
    _validar_retorno(retorno)
    return remetente, destinos


def _pode(exigir, processo) -> bool:
    try:
        exigir(processo)
    except (BadRequest, Forbidden, Unauthorized):
        return False
    return True


def pode_enviar(processo) -> bool:
    """May the acting unit send ``processo`` now (the "Enviar" button)?"""
    return _pode(_exigir_enviavel, processo)


def pode_concluir(processo) -> bool:
    """May the acting unit conclude ``processo`` (it is open there)?"""
    return _pode(regras.exigir_aberto, processo)


def pode_atribuir(processo) -> bool:
    """May the acting unit assign ``processo`` to one of its users?"""
    return _pode(regras.exigir_aberto, processo)


def pode_reabrir(processo) -> bool:
    """May the acting unit reopen ``processo`` (it went through it)?"""
    return _pode(_exigir_reabrivel, processo)


def enviar(
    processo,
    destinos: list,
    manter_aberto: bool = False,
    notificar: bool = True,
    retorno: date | None = None,
    confirmar_minutas: bool = False,
) -> None:
    """Send ``processo`` from the acting unit to the ``destinos`` (Unidades).

    It opens (not received) in each destination — sending to a unit where it
    is already open makes it new there again — and closes in the sending
    unit unless ``manter_aberto``. ``retorno``: each destination must send it
    back to the sending unit by that date. When the sending unit owed a
    retorno to one of the destinations, that retorno is fulfilled
    (andamento ``retorno_cumprido``).
    """
    remetente, destinos = verificar_envio(processo, destinos, retorno)
    pendentes = minutas(processo, remetente)
    if pendentes and not confirmar_minutas:
        raise invalido(
            _(
                "enviar_minutas",
                default="Confirm the sending: the process holds unsigned minutas "
                "of your unit (${minutas}); those minutas stay invisible to the "
                "destination units.",
                mapping={"minutas": "; ".join(rotulo_minuta(d) for d in pendentes)},
            )
        )

    meu_uid = remetente.UID()
    cumpridos = []
    for destino in destinos:
        cumprido = tramite.remover_retorno(processo, meu_uid, destino.UID())
        if cumprido is not None:
            cumpridos.append((destino, cumprido))
    for destino in destinos:
        abertura = tramite.abrir_em(processo, destino, enviado_por=remetente)
        if abertura.enviado_por != meu_uid or abertura.recebido_em is not None:
            # Already open there: it arrives again, as new.
            abertura.enviado_por = meu_uid
            abertura.recebido_em = None
            abertura.desde = tramite.agora()
        if retorno is not None:
            tramite.programar_retorno(processo, destino.UID(), meu_uid, retorno)
    if not manter_aberto:
        tramite.fechar_em(processo, remetente)

    siglas = [d.sigla_completa() for d in destinos]
    _registrar(processo, "processo_remetido", remetente, destinos=siglas)
    for destino, cumprido in cumpridos:
        _registrar(
            processo,
            "retorno_cumprido",
            remetente,
            unidade_retorno=destino.sigla_completa(),
            data_retorno=cumprido.data.isoformat(),
        )
    if retorno is not None:
        _registrar(
            processo,
            "retorno_programado",
            remetente,
            data_retorno=retorno.isoformat(),
            unidade_retorno=remetente.sigla_completa(),
            destinos=siglas,
        )
    tramite.reindexar(processo)
    if notificar:
        from seimg.tramitacao import notificacoes

        notificacoes.notificar_envio(processo, remetente, destinos, retorno)


def receber(processo, unidade=None) -> bool:
    """Mark ``processo`` received in ``unidade`` (default: the acting unit).

    True when it was received now; False (nothing written) when it is not
    open there or was already received.
    """
    if unidade is None:
        from seimg.organizacao.atual import unidade_atual

        unidade = unidade_atual()
    if unidade is None:
        return False
    abertura = tramite.abertura(processo, unidade)
    if abertura is None or abertura.recebido:
        return False
    abertura.recebido_em = tramite.agora()
    _registrar(processo, "processo_recebido", unidade)
    tramite.reindexar(processo)
    return True


def concluir(processo) -> list:
    """Close ``processo`` in the acting unit (other units keep it open).

    A retorno programado the unit owes stays owed (and becomes late on its
    date): each is recorded as concluded without return
    (andamento ``retorno_nao_devolvido``). Documents restricted under the
    hipóteses the órgão reviews on conclusion are listed for review
    (:mod:`seimg.tramitacao.revisao`); returns those newly listed.
    """
    from seimg.tramitacao import revisao

    unidade = regras.exigir_aberto(processo)
    tramite.fechar_em(processo, unidade)
    _registrar(processo, "processo_concluido", unidade)
    for devido in tramite.devidos_por(processo, unidade.UID()):
        _registrar(
            processo,
            "retorno_nao_devolvido",
            unidade,
            unidade_retorno=_sigla(devido.credora) or devido.credora,
            data_retorno=devido.data.isoformat(),
        )
    listados = revisao.listar_na_conclusao(processo, unidade)
    tramite.reindexar(processo)
    return listados


def retornos_aguardados(processo, unidade=None) -> list:
    """The retornos owed to ``unidade`` (default: the acting unit), by date."""
    if unidade is None:
        from seimg.organizacao.atual import unidade_atual

        unidade = unidade_atual()
    if unidade is None:
        return []
    uid = unidade.UID()
    return [r for r in tramite.retornos_pendentes(processo) if r.credora == uid]


def _exigir_cancelavel(processo, devedora=None):
    """``(acting unit, Retorno)`` when the acting unit may cancel the retorno
    ``devedora`` (a Unidade) owes it; with no ``devedora``, any of them."""
    unidade = regras.exigir_unidade()
    regras.exigir_acesso(processo)
    aguardados = retornos_aguardados(processo, unidade)
    if devedora is None:
        if not aguardados:
            raise invalido(
                _(
                    "cancelar_retorno_nenhum",
                    default="The process ${numero} has no retorno programado "
                    "owed to your unit ${unidade}.",
                    mapping={
                        "numero": processo.numero,
                        "unidade": unidade.sigla_completa(),
                    },
                )
            )
        return unidade, aguardados[0]
    devido = tramite.retorno(processo, devedora.UID(), unidade.UID())
    if devido is None:
        raise invalido(
            _(
                "cancelar_retorno_inexistente",
                default="The unit ${devedora} owes no retorno programado of the "
                "process ${numero} to your unit ${unidade}.",
                mapping={
                    "devedora": devedora.sigla_completa(),
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    return unidade, devido


def pode_cancelar_retorno(processo) -> bool:
    """Does a unit owe the acting unit a retorno it may cancel?"""
    return _pode(_exigir_cancelavel, processo)


def cancelar_retorno(processo, devedora) -> None:
    """The acting unit no longer expects ``processo`` back from ``devedora``.

    Only the unit that asked for the retorno cancels it (andamento
    ``retorno_cancelado``); the process stays where it is.
    """
    unidade, devido = _exigir_cancelavel(processo, devedora)
    tramite.remover_retorno(processo, devido.devedora, devido.credora)
    _registrar(
        processo,
        "retorno_cancelado",
        unidade,
        unidade_devedora=devedora.sigla_completa(),
        data_retorno=devido.data.isoformat(),
    )
    tramite.reindexar(processo)


def _exigir_reabrivel(processo):
    """The acting unit, if it may reopen ``processo``."""
    unidade = regras.exigir_unidade()
    regras.exigir_acesso(processo)
    if tramite.aberto_em(processo, unidade):
        raise invalido(
            _(
                "reabrir_ja_aberto",
                default="The process ${numero} is already open in your unit "
                "${unidade}.",
                mapping={
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    if not tramite.passou_por(processo, unidade):
        raise proibido(
            _(
                "reabrir_nunca_aberto",
                default="The process ${numero} was never open in your unit "
                "${unidade}: only units it went through may reopen it.",
                mapping={
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    _exigir_nao_sobrestado(processo)
    return unidade


def reabrir(processo) -> None:
    """Open ``processo`` again in the acting unit, which had it before."""
    unidade = _exigir_reabrivel(processo)
    tramite.abrir_em(processo, unidade)
    _registrar(processo, "processo_reaberto", unidade)
    tramite.reindexar(processo)


def atribuir(processo, userid: str | None) -> None:
    """Assign ``processo`` in the acting unit to ``userid``; None removes it."""
    unidade = regras.exigir_aberto(processo)
    abertura = tramite.abertura(processo, unidade)
    userid = (userid or "").strip() or None
    if userid is not None and userid not in perfis.membros(unidade):
        raise invalido(
            _(
                "atribuir_usuario_invalido",
                default="Usuário: '${usuario}' holds no perfil in the unit ${unidade}.",
                mapping={"usuario": userid, "unidade": unidade.sigla_completa()},
            )
        )
    anterior = abertura.atribuido_a
    if anterior == userid:
        return
    abertura.atribuido_a = userid
    if userid is None:
        _registrar(
            processo,
            "atribuicao_removida",
            unidade,
            responsavel=_nome_usuario(anterior),
            responsavel_id=anterior,
        )
    else:
        _registrar(
            processo,
            "processo_atribuido",
            unidade,
            responsavel=_nome_usuario(userid),
            responsavel_id=userid,
        )
    tramite.reindexar(processo)


def marcar_visto(processo, unidade) -> bool:
    """Record that ``unidade`` looked at ``processo`` now (``visto_em``).

    Written only when it changes something the Controle de Processos shows
    (never seen, or a document added since): page views stay read-only
    otherwise. True when written.
    """
    if unidade is None:
        return False
    abertura = tramite.abertura(processo, unidade)
    if abertura is None:
        return False
    ultimo = tramite.ultimo_documento_em(processo)
    visto = abertura.visto_em
    if visto is not None and (ultimo is None or ultimo <= visto):
        return False
    abertura.visto_em = tramite.agora()
    return True


def documentos_novos(processo, unidade) -> bool:
    """Was a document added since ``unidade`` last looked at ``processo``?"""
    abertura = tramite.abertura(processo, unidade) if unidade is not None else None
    ultimo = tramite.ultimo_documento_em(processo)
    if abertura is None or ultimo is None:
        return False
    return abertura.visto_em is None or ultimo > abertura.visto_em


def situacao(processo) -> list[dict]:
    """The units where ``processo`` is open, with their routing state."""
    result = []
    devidos = {}
    for devido in tramite.retornos_pendentes(processo):  # by date: the first
        devidos.setdefault(devido.devedora, devido)
    for uid, abertura in sorted(tramite.aberturas(processo).items()):
        unidade = _unidade(uid)
        if unidade is None:
            continue
        atribuido = abertura.atribuido_a
        devido = devidos.get(uid)
        para = devido.credora if devido is not None else None
        result.append(
            {
                "UID": uid,
                "sigla": unidade.sigla_completa(),
                "nome": unidade.nome,
                "desde": abertura.desde.isoformat() if abertura.desde else None,
                "enviado_por": _sigla(abertura.enviado_por),
                "recebido": abertura.recebido,
                "recebido_em": (
                    abertura.recebido_em.isoformat() if abertura.recebido_em else None
                ),
                "atribuido_a": (
                    {"id": atribuido, "nome": _nome_usuario(atribuido)}
                    if atribuido
                    else None
                ),
                "retorno_data": devido.data.isoformat() if devido else None,
                "retorno_para": (
                    {"UID": para, "sigla": _sigla(para)} if para else None
                ),
            }
        )
    result.sort(key=lambda item: item["sigla"])
    return result
