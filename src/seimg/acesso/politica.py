"""The throttling policy as pure functions (no Plone, no store, no clock).

Three limits apply to a password attempt for ``login`` from ``endereco``:

1. **Progressive delay per (login, address).** The first
   ``tentativas_livres`` failures cost nothing; each further one doubles a
   wait (``espera_inicial``, 2×, 4×…, at most ``espera_maxima``) during
   which attempts of that pair are refused *without checking the password*.
   A success clears the pair. Nobody sleeps: the answer is "not before T".
2. **A cap per address across logins.** At most ``max_por_endereco``
   failures within ``janela_endereco`` from one address on logins it never
   logged in as; then that address may only try logins it knows.
3. **A temporary lock of a login** after ``max_por_login`` failures within
   ``janela_login`` from addresses that never logged in as it, for
   ``bloqueio_login`` seconds, and **only against such addresses**: the
   owner, from an address he used before, still gets in. A hard lock would
   let anyone lock the Protocolo out on a deadline day.

4. **Service accounts, apart** (``seimg.acesso.servicos``): at most
   ``max_servico_por_endereco`` wrong secrets per address within
   ``janela_servico``, counted in their own bucket: they never count
   towards limits 1–3 nor lock an account.

An address "knows" a login when it logged in as it within
``memoria_conhecidos``. Password-reset requests are counted per address
(``max_resets_por_endereco`` per ``janela_reset``).

Every value can be changed with an environment variable
``SEIMG_ACESSO_<NAME>`` (e.g. ``SEIMG_ACESSO_MAX_POR_LOGIN=20``).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import replace
import os


# Why an attempt is refused.
ESPERA = "espera"  # progressive delay of the (login, address) pair
ENDERECO = "endereco"  # the address's cap across logins
BLOQUEIO = "bloqueio"  # the login is locked against unknown addresses
PEDIDOS = "pedidos"  # too many password-reset requests from the address


@dataclass(frozen=True)
class Politica:
    tentativas_livres: int = 3
    espera_inicial: float = 2.0
    espera_maxima: float = 15 * 60.0
    janela_par: float = 24 * 3600.0
    max_por_endereco: int = 30
    janela_endereco: float = 15 * 60.0
    max_por_login: int = 10
    janela_login: float = 3600.0
    bloqueio_login: float = 30 * 60.0
    memoria_conhecidos: float = 180 * 24 * 3600.0
    max_resets_por_endereco: int = 5
    janela_reset: float = 3600.0
    max_servico_por_endereco: int = 20
    janela_servico: float = 15 * 60.0

    @classmethod
    def do_ambiente(cls, environ: Mapping[str, str] | None = None) -> Politica:
        """The defaults, changed by ``SEIMG_ACESSO_<NAME>`` variables."""
        environ = os.environ if environ is None else environ
        mudancas = {}
        for campo in fields(cls):
            valor = environ.get(f"SEIMG_ACESSO_{campo.name.upper()}")
            if valor:
                tipo = int if campo.type in (int, "int") else float
                mudancas[campo.name] = tipo(valor)
        return replace(cls(), **mudancas)


@dataclass(frozen=True)
class Recusa:
    """An attempt refused for ``motivo`` until ``ate`` (epoch seconds)."""

    motivo: str
    ate: float

    def segundos(self, agora: float) -> int:
        """Whole seconds to wait (for ``Retry-After``), at least 1."""
        return max(1, int(-(-(self.ate - agora) // 1)))


def espera(falhas: int, politica: Politica) -> float:
    """Seconds to wait after ``falhas`` failures in a row of one pair."""
    excesso = falhas - politica.tentativas_livres
    if excesso <= 0:
        return 0.0
    # 2 ** 40 seconds is far beyond any sensible maximum: stop doubling there.
    return min(
        politica.espera_inicial * 2 ** min(excesso - 1, 40), politica.espera_maxima
    )


def liberado_em(falhas_par: Sequence[float], politica: Politica) -> float | None:
    """When the pair may try again (``falhas_par``: newest first), or None."""
    segundos = espera(len(falhas_par), politica)
    return falhas_par[0] + segundos if segundos else None


def fim_da_janela(
    momentos: Sequence[float], maximo: int, janela: float, agora: float
) -> float | None:
    """When fewer than ``maximo`` of ``momentos`` (newest first) remain in ``janela``.

    None when there are fewer than ``maximo`` already.
    """
    recentes = [m for m in momentos if m > agora - janela]
    if maximo <= 0 or len(recentes) < maximo:
        return None
    return recentes[maximo - 1] + janela


def deve_bloquear(
    falhas_desconhecidas: Sequence[float], politica: Politica, agora: float
) -> bool:
    """Whether failures from unknown addresses (newest first) lock the login."""
    return (
        fim_da_janela(
            falhas_desconhecidas, politica.max_por_login, politica.janela_login, agora
        )
        is not None
    )


def decidir(
    agora: float,
    politica: Politica,
    *,
    falhas_par: Sequence[float] = (),
    conhecido: bool = False,
    falhas_endereco: Sequence[float] = (),
    bloqueado_ate: float | None = None,
) -> Recusa | None:
    """Whether an attempt is refused now, and until when.

    ``falhas_par``: failures of this (login, address) since its last success;
    ``conhecido``: the address logged in as this login before;
    ``falhas_endereco``: this address's failures on logins it does not know;
    ``bloqueado_ate``: the end of the login's lock, if any. Lists are newest
    first. The address cap and the lock never apply to a known address.
    """
    recusas = []
    ate = liberado_em(falhas_par, politica)
    if ate is not None and ate > agora:
        recusas.append(Recusa(ESPERA, ate))
    if not conhecido:
        ate = fim_da_janela(
            falhas_endereco,
            politica.max_por_endereco,
            politica.janela_endereco,
            agora,
        )
        if ate is not None and ate > agora:
            recusas.append(Recusa(ENDERECO, ate))
        if bloqueado_ate is not None and bloqueado_ate > agora:
            recusas.append(Recusa(BLOQUEIO, bloqueado_ate))
    return max(recusas, key=lambda recusa: recusa.ate) if recusas else None


def decidir_servico(
    agora: float, politica: Politica, falhas_servico: Sequence[float]
) -> Recusa | None:
    """Whether a service account's attempt from an address is refused now.

    ``falhas_servico``: the address's wrong secrets on service accounts,
    newest first.
    """
    ate = fim_da_janela(
        falhas_servico,
        politica.max_servico_por_endereco,
        politica.janela_servico,
        agora,
    )
    return Recusa(ENDERECO, ate) if ate is not None and ate > agora else None
