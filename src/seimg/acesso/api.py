"""Throttling of every credential path: the contract the surfaces use.

- :func:`endereco`: the client address of a request (Zope's
  ``trusted-proxy`` setting through ``request.getClientAddr()``; a spoofed
  ``X-Forwarded-For`` from anyone else is ignored);
- :func:`verificar`: whether a password attempt for a login from an address
  is refused now (:class:`seimg.acesso.politica.Recusa`) — refused attempts
  are answered without checking the password;
- :func:`falhou` / :func:`acertou`: record the outcome of a checked attempt;
- :func:`exigir_permitido`: the same check for password re-entry (signing,
  credenciais), raising :class:`TentativasDemais`;
- :func:`pedido_de_senha`: count a password-reset request per address;
- :func:`bloqueios`, :func:`bloqueios_do_orgao`, :func:`liberar`: the locks
  órgão administrators see and clear.

State lives in :mod:`seimg.acesso.limites` (never in the ZODB). Every lock
and every clear is logged (logger ``seimg.acesso``). When the store fails
the limits are skipped (logged as errors): nobody is locked out by a full
disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from seimg import _
from seimg.acesso import limites
from seimg.acesso import politica as pol
from seimg.acesso import servicos
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
import functools
import hashlib
import ipaddress
import logging
import sqlite3
import zoneinfo


logger = logging.getLogger("seimg.acesso")

FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")
DESCONHECIDO = "desconhecido"

# Event and mark types in the store.
FALHA_PAR = "falha-par"  # events per "login\naddress"
FALHA_ENDERECO = "falha-endereco"  # per address, on logins it does not know
FALHA_LOGIN = "falha-login"  # per login, from addresses that do not know it
PEDIDO_SENHA = "pedido-senha"  # password-reset requests per address
CONHECIDO = "conhecido"  # mark per "login\naddress": it logged in from there
BLOQUEIO = "bloqueio"  # mark per login: locked against unknown addresses
ASSINATURA = "assinatura"  # events and mark per userid: the signing lockout
FALHA_SERVICO = "falha-servico"  # per address, on service accounts (apart)

# Kinds of lock shown to administrators.
TIPO_ACESSO = "acesso"
TIPO_ASSINATURA = "assinatura"

_ANOTACAO = "seimg.acesso.tentativas"
# Renew a "known address" mark at most once a day per pair.
_RENOVAR_CONHECIDO = 24 * 3600.0


class TentativasDemais(Forbidden):
    """A password re-entry refused because of too many failures (message in pt-BR)."""

    seimg = True  # its text may be shown (see seimg.base.erros.recusa)


def politica() -> pol.Politica:
    return pol.Politica.do_ambiente()


def _agora(agora: float | None) -> float:
    return limites.agora() if agora is None else agora


def seguro(padrao):
    """Run a store operation; on a store error log it and return ``padrao``."""

    def decorador(funcao):
        @functools.wraps(funcao)
        def envolvida(*args, **kwargs):
            try:
                return funcao(*args, **kwargs)
            except (sqlite3.Error, OSError):
                logger.exception("Acesso: o armazenamento de limites falhou")
                return padrao

        return envolvida

    return decorador


# --- keys ---------------------------------------------------------------------


def normalizar_endereco(endereco: str | None) -> str:
    """The key of a client address: IPv4 as is, IPv6 by its /64 network."""
    texto = (endereco or "").strip()
    try:
        ip = ipaddress.ip_address(texto)
    except ValueError:
        return texto[:100] or DESCONHECIDO
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def endereco(request) -> str:
    """The client address of ``request`` (see :func:`normalizar_endereco`).

    ``getClientAddr()`` believes ``X-Forwarded-For`` only when the peer is
    one of Zope's ``trusted-proxy`` addresses (zope.conf).
    """
    if request is None:
        return DESCONHECIDO
    obter = getattr(request, "getClientAddr", None)
    valor = obter() if obter is not None else None
    if not valor:
        environ = getattr(request, "environ", None) or {}
        valor = environ.get("REMOTE_ADDR")
    return normalizar_endereco(valor)


def chave_login(login) -> str:
    if isinstance(login, bytes):
        login = login.decode("utf-8", "replace")
    return str(login or "").strip().lower()[:200]


def _par(login: str, endereco_: str) -> str:
    return f"{login}\n{endereco_}"


def _hora(momento: float) -> datetime:
    return datetime.fromtimestamp(momento, UTC).astimezone(FUSO)


# --- password attempts ------------------------------------------------------


@seguro(None)
def verificar(login, endereco_: str, agora: float | None = None) -> pol.Recusa | None:
    """Whether an attempt for ``login`` from ``endereco_`` is refused now."""
    agora = _agora(agora)
    politica_ = politica()
    login = chave_login(login)
    loja = limites.loja()
    if servicos.e_servico(login):
        return pol.decidir_servico(
            agora,
            politica_,
            loja.momentos(
                FALHA_SERVICO,
                endereco_,
                desde=agora - politica_.janela_servico,
                limite=politica_.max_servico_por_endereco,
            ),
        )
    par = _par(login, endereco_)
    falhas_par = loja.momentos(FALHA_PAR, par, desde=agora - politica_.janela_par)
    conhecido = loja.marca(CONHECIDO, par, agora) is not None
    falhas_endereco: list[float] = []
    bloqueado_ate = None
    if not conhecido:
        falhas_endereco = loja.momentos(
            FALHA_ENDERECO,
            endereco_,
            desde=agora - politica_.janela_endereco,
            limite=politica_.max_por_endereco,
        )
        marca = loja.marca(BLOQUEIO, login, agora)
        bloqueado_ate = marca.ate if marca is not None else None
    return pol.decidir(
        agora,
        politica_,
        falhas_par=falhas_par,
        conhecido=conhecido,
        falhas_endereco=falhas_endereco,
        bloqueado_ate=bloqueado_ate,
    )


@seguro(None)
def falhou(login, endereco_: str, agora: float | None = None) -> None:
    """Record a wrong password (or an unknown login) from ``endereco_``."""
    agora = _agora(agora)
    politica_ = politica()
    login = chave_login(login)
    loja = limites.loja()
    if servicos.e_servico(login):
        loja.registrar(FALHA_SERVICO, endereco_, agora)
        logger.info(
            "Acesso: segredo incorreto para a conta de serviço %s a partir de %s",
            login,
            endereco_,
        )
        return
    par = _par(login, endereco_)
    loja.registrar(FALHA_PAR, par, agora)
    conhecido = loja.marca(CONHECIDO, par, agora) is not None
    logger.info(
        "Acesso: senha incorreta para %s a partir de %s%s",
        login,
        endereco_,
        "" if conhecido else " (endereço desconhecido para este login)",
    )
    if conhecido:
        return
    loja.registrar(FALHA_ENDERECO, endereco_, agora)
    do_endereco = loja.momentos(
        FALHA_ENDERECO,
        endereco_,
        desde=agora - politica_.janela_endereco,
        limite=politica_.max_por_endereco + 1,
    )
    if len(do_endereco) == politica_.max_por_endereco:
        logger.warning(
            "Acesso: o endereço %s atingiu %d falhas em %d min; só pode tentar "
            "logins que já usou",
            endereco_,
            politica_.max_por_endereco,
            politica_.janela_endereco // 60,
        )
    loja.registrar(FALHA_LOGIN, login, agora)
    desconhecidas = loja.momentos(
        FALHA_LOGIN,
        login,
        desde=agora - politica_.janela_login,
        limite=politica_.max_por_login,
    )
    if pol.deve_bloquear(desconhecidas, politica_, agora) and (
        loja.marca(BLOQUEIO, login, agora) is None
    ):
        ate = agora + politica_.bloqueio_login
        info = (
            f"{len(desconhecidas)} senhas incorretas de endereços desconhecidos "
            f"em {int(politica_.janela_login // 60)} min; a última de {endereco_}"
        )
        loja.marcar(BLOQUEIO, login, ate, agora, info)
        logger.warning(
            "Acesso: login %s bloqueado para endereços desconhecidos até %s (%s)",
            login,
            _hora(ate).isoformat(timespec="minutes"),
            info,
        )


_VERIFICADOS = "seimg.acesso.verificados"


def verificar_no_pedido(request, login, endereco_: str) -> pol.Recusa | None:
    """:func:`verificar`, asked once per request for a (login, address): the
    Basic-credentials check and the PAS plugin ask the same question."""
    outros = getattr(request, "other", None)
    if outros is None:
        return verificar(login, endereco_)
    memo = outros.setdefault(_VERIFICADOS, {})
    chave = (chave_login(login), endereco_)
    if chave not in memo:
        memo[chave] = verificar(login, endereco_)
    return memo[chave]


def esquecer_verificacao(request, login, endereco_: str) -> None:
    """After an attempt was recorded, the next question is asked again."""
    memo = getattr(request, "other", {}).get(_VERIFICADOS)
    if memo is not None:
        memo.pop((chave_login(login), endereco_), None)


@seguro(None)
def acertou(login, endereco_: str, agora: float | None = None) -> None:
    """Record a right password: clear the pair, remember the address."""
    agora = _agora(agora)
    politica_ = politica()
    login = chave_login(login)
    if servicos.e_servico(login):
        return  # service accounts: only failures count, per address
    loja = limites.loja()
    par = _par(login, endereco_)
    if loja.momentos(FALHA_PAR, par, limite=1):
        loja.esquecer(FALHA_PAR, par)
    marca = loja.marca(CONHECIDO, par, agora)
    ate = agora + politica_.memoria_conhecidos
    if marca is None or marca.ate < ate - _RENOVAR_CONHECIDO:
        loja.marcar(CONHECIDO, par, ate, agora)


def recusado(login, endereco_: str, recusa: pol.Recusa) -> None:
    logger.info(
        "Acesso: tentativa de %s a partir de %s recusada sem verificar a senha "
        "(%s, até %s)",
        chave_login(login),
        endereco_,
        recusa.motivo,
        _hora(recusa.ate).isoformat(timespec="seconds"),
    )


def mensagem(recusa: pol.Recusa, agora: float | None = None):
    """The Portuguese message of a refusal (an i18n message)."""
    agora = _agora(agora)
    segundos = recusa.segundos(agora)
    if recusa.motivo == pol.PEDIDOS:
        return _(
            "acesso_pedidos_demais",
            default="Muitos pedidos de nova senha a partir do seu endereço. "
            "Tente novamente a partir das ${hora}.",
            mapping={"hora": _hora(recusa.ate).strftime("%H:%M")},
        )
    if segundos < 120:
        return _(
            "acesso_tentativas_demais_segundos",
            default="Muitas tentativas de acesso sem sucesso. Aguarde ${segundos} "
            "segundos e tente novamente.",
            mapping={"segundos": segundos},
        )
    return _(
        "acesso_tentativas_demais",
        default="Muitas tentativas de acesso sem sucesso. Tente novamente a "
        "partir das ${hora}.",
        mapping={"hora": _hora(recusa.ate).strftime("%H:%M")},
    )


def exigir_permitido(login, request) -> None:
    """Password re-entry: raise :class:`TentativasDemais` while refused."""
    endereco_ = endereco(request)
    recusa = verificar(login, endereco_)
    if recusa is not None:
        recusado(login, endereco_, recusa)
        if request is not None and getattr(request, "response", None) is not None:
            request.response.setHeader(
                "Retry-After", str(recusa.segundos(limites.agora()))
            )
        raise TentativasDemais(translate(mensagem(recusa), context=request))


# --- what a request already did (PAS asks more than once) -------------------


@dataclass(frozen=True)
class Tentativa:
    """The outcome of one (login, password) already checked in a request."""

    resultado: tuple | None  # what the wrapped plugins answered
    recusa: pol.Recusa | None = None  # refused without checking the password


def _tentativas(request) -> dict:
    if request is None:
        return {}
    try:
        anotacoes = IAnnotations(request)
    except TypeError:
        return {}
    return anotacoes.setdefault(_ANOTACAO, {})


def _resumo(senha) -> str:
    if isinstance(senha, str):
        senha = senha.encode("utf-8", "surrogatepass")
    return hashlib.sha256(bytes(senha or b"")).hexdigest()


def tentativa(request, login, senha) -> Tentativa | None:
    """The attempt with these credentials already checked in ``request``."""
    return _tentativas(request).get((chave_login(login), _resumo(senha)))


def guardar_tentativa(request, login, senha, tentativa_: Tentativa) -> None:
    _tentativas(request)[(chave_login(login), _resumo(senha))] = tentativa_


def tratado(request, login) -> bool:
    """Whether an attempt of ``login`` was already counted in ``request``."""
    login = chave_login(login)
    return any(chave[0] == login for chave in _tentativas(request))


# --- password reset -----------------------------------------------------------


@seguro(None)
def pedido_de_senha(endereco_: str, agora: float | None = None) -> pol.Recusa | None:
    """Count a password-reset request from ``endereco_``; a Recusa when over."""
    agora = _agora(agora)
    politica_ = politica()
    loja = limites.loja()
    if loja.tentar(
        PEDIDO_SENHA,
        endereco_,
        agora,
        politica_.janela_reset,
        politica_.max_resets_por_endereco,
    ):
        return None
    momentos = loja.momentos(
        PEDIDO_SENHA, endereco_, desde=agora - politica_.janela_reset
    )
    ate = pol.fim_da_janela(
        momentos, politica_.max_resets_por_endereco, politica_.janela_reset, agora
    )
    logger.info("Acesso: pedido de nova senha recusado para %s", endereco_)
    return pol.Recusa(pol.PEDIDOS, ate if ate is not None else agora + 60)


# --- locks: see and clear -----------------------------------------------------


@dataclass(frozen=True)
class Bloqueio:
    tipo: str  # TIPO_ACESSO (key: login) or TIPO_ASSINATURA (key: userid)
    chave: str
    desde: datetime
    ate: datetime
    motivo: str


def _bloqueio(tipo: str, marca: limites.Marca) -> Bloqueio:
    return Bloqueio(
        tipo=tipo,
        chave=marca.chave,
        desde=datetime.fromtimestamp(marca.criada, UTC),
        ate=datetime.fromtimestamp(marca.ate, UTC),
        motivo=marca.info,
    )


@seguro([])
def bloqueios(agora: float | None = None) -> list[Bloqueio]:
    """Every lock in force: logins (against unknown addresses) and signing."""
    agora = _agora(agora)
    loja = limites.loja()
    return [_bloqueio(TIPO_ACESSO, m) for m in loja.marcas(BLOQUEIO, agora)] + [
        _bloqueio(TIPO_ASSINATURA, m) for m in loja.marcas(ASSINATURA, agora)
    ]


def bloqueios_de(usuarios: Iterable | None = None, agora: float | None = None):
    """The locks in force, as dicts with the user (``usuario``) and the lock.

    With ``usuarios`` (PAS users) only theirs; without, every lock, the user
    looked up by login or userid (None for logins that do not exist: they
    are locked too, so that a lock tells nothing about a login's existence).
    """
    from plone import api

    por_login = por_userid = None
    if usuarios is not None:
        por_login, por_userid = {}, {}
        for user in usuarios:
            por_login[chave_login(user.getUserName())] = user
            por_userid[user.getId()] = user
    resultado = []
    for bloqueio in bloqueios(agora):
        acesso = bloqueio.tipo == TIPO_ACESSO
        if por_login is not None:
            user = (por_login if acesso else por_userid).get(bloqueio.chave)
            if user is None:
                continue
        elif acesso:
            user = api.user.get(username=bloqueio.chave)
        else:
            user = api.user.get(userid=bloqueio.chave)
        resultado.append(
            {
                "login": user.getUserName() if user is not None else bloqueio.chave,
                "userid": user.getId() if user is not None else None,
                "nome": (user.getProperty("fullname") or user.getUserName())
                if user is not None
                else "",
                "bloqueio": bloqueio,
            }
        )
    return sorted(resultado, key=lambda item: (item["login"], item["bloqueio"].tipo))


def usuarios_do_orgao(orgao) -> list:
    """The PAS users holding a perfil in ``orgao``."""
    from plone import api
    from seimg.organizacao import perfis

    usuarios = []
    for userid in sorted(perfis.membros_do_orgao(orgao)):
        user = api.user.get(userid=userid)
        if user is not None:
            usuarios.append(user)
    return usuarios


@seguro(False)
def liberar(login: str, userid: str | None, por: str, agora: float | None = None):
    """Clear the locks of a user (login and signing); logged. True if any."""
    agora = _agora(agora)
    loja = limites.loja()
    login = chave_login(login)
    havia_acesso = loja.marca(BLOQUEIO, login, agora) is not None
    loja.desmarcar(BLOQUEIO, login)
    loja.esquecer(FALHA_LOGIN, login)
    havia_assinatura = False
    if userid:
        havia_assinatura = loja.marca(ASSINATURA, userid, agora) is not None
        loja.desmarcar(ASSINATURA, userid)
        loja.esquecer(ASSINATURA, userid)
    if havia_acesso:
        logger.warning("Acesso: bloqueio de acesso de %s liberado por %s", login, por)
    if havia_assinatura:
        logger.warning(
            "Acesso: bloqueio de assinatura de %s liberado por %s", userid, por
        )
    return havia_acesso or havia_assinatura
