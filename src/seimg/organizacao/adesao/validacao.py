"""Adesão, step 2: every problem of a file, each with its place.

:func:`validar` checks a whole :class:`Arquivo` against the rules of units,
users and perfis (and against what the site already holds) and returns the
list of problems, empty when the file may be applied.
"""

from plone import api
from seimg import _
from seimg.base.brasil import cnpj_valido
from seimg.base.brasil import cpf_valido
from seimg.base.brasil import digitos
from seimg.organizacao import estrutura
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from seimg.organizacao.adesao.leitura import _inteiro
from seimg.organizacao.adesao.leitura import _sigla_unidade
from seimg.organizacao.adesao.leitura import _texto
from seimg.organizacao.adesao.modelo import _ausente
from seimg.organizacao.adesao.modelo import _codigo_invalido
from seimg.organizacao.adesao.modelo import _email_invalido
from seimg.organizacao.adesao.modelo import _m
from seimg.organizacao.adesao.modelo import Arquivo
from seimg.organizacao.adesao.modelo import EMAIL
from seimg.organizacao.adesao.modelo import Erro
from seimg.organizacao.adesao.modelo import LOGIN
from seimg.organizacao.adesao.modelo import Registro
from seimg.organizacao.estrutura import SIGLA
from seimg.organizacao.vocabularies import ESFERAS
from seimg.organizacao.vocabularies import PODERES
import re


def validar(arquivo: Arquivo) -> list[Erro]:
    """Every problem of the file, in file order; empty when it can be applied."""
    erros: list[Erro] = []

    def erro(registro, mensagem):
        erros.append(Erro(registro.local, mensagem))

    o = arquivo.orgao
    sigla_orgao = _texto(o.get("sigla")).upper()
    for campo in ("sigla", "nome", "cnpj", "esfera", "poder", "codigo"):
        if _texto(o.get(campo)) == "":
            erro(o, _ausente(campo))
    if sigla_orgao and not SIGLA.match(sigla_orgao):
        erro(
            o,
            _m(
                _("adesao_sigla_invalida", default="invalid sigla: ${v}"), v=sigla_orgao
            ),
        )
    if _texto(o.get("cnpj")) and not cnpj_valido(_texto(o.get("cnpj"))):
        erro(
            o,
            _m(
                _("adesao_cnpj_invalido", default="invalid CNPJ: ${v}"), v=o.get("cnpj")
            ),
        )
    if _texto(o.get("esfera")) and _texto(o.get("esfera")) not in ESFERAS:
        erro(
            o,
            _m(
                _(
                    "adesao_esfera_invalida",
                    default="invalid esfera: ${v} (use ${opcoes})",
                ),
                v=o.get("esfera"),
                opcoes=", ".join(ESFERAS.by_value),
            ),
        )
    if _texto(o.get("poder")) and _texto(o.get("poder")) not in PODERES:
        erro(
            o,
            _m(
                _(
                    "adesao_poder_invalido",
                    default="invalid poder: ${v} (use ${opcoes})",
                ),
                v=o.get("poder"),
                opcoes=", ".join(PODERES.by_value),
            ),
        )
    codigo_orgao = _inteiro(o.get("codigo"))
    if _texto(o.get("codigo")) and (
        codigo_orgao is None or not 0 <= codigo_orgao <= 9999
    ):
        erro(o, _codigo_invalido(o.get("codigo")))
    municipio = o.get("municipio") or {}
    ibge = _texto(municipio.get("ibge")) if isinstance(municipio, dict) else ""
    if ibge and not re.fullmatch(r"\d{7}", ibge):
        erro(
            o, _m(_("adesao_ibge_invalido", default="invalid IBGE code: ${v}"), v=ibge)
        )
    existente = None
    for outro in estrutura.orgaos():
        if outro.sigla == sigla_orgao:
            existente = outro
        elif codigo_orgao is not None and outro.codigo == codigo_orgao:
            erro(
                o,
                _m(
                    _(
                        "adesao_codigo_orgao_em_uso",
                        default="the code ${codigo} is already used by the órgão "
                        "${sigla}",
                    ),
                    codigo=codigo_orgao,
                    sigla=outro.sigla,
                ),
            )

    # Units
    siglas: dict[str, Registro] = {}
    codigos: dict[int, Registro] = {}
    for u in arquivo.unidades:
        for campo in ("sigla", "nome", "codigo"):
            if _texto(u.get(campo)) == "":
                erro(u, _ausente(campo))
        sigla = _texto(u.get("sigla")).upper()
        if sigla and not SIGLA.match(sigla):
            erro(
                u,
                _m(_("adesao_sigla_invalida", default="invalid sigla: ${v}"), v=sigla),
            )
        elif sigla in siglas:
            erro(
                u,
                _m(
                    _(
                        "adesao_sigla_repetida",
                        default="sigla ${v} repeated (already in ${local})",
                    ),
                    v=sigla,
                    local=siglas[sigla].local,
                ),
            )
        elif sigla:
            siglas[sigla] = u
        codigo = _inteiro(u.get("codigo"))
        if _texto(u.get("codigo")) and (codigo is None or not 0 <= codigo <= 9999):
            erro(u, _codigo_invalido(u.get("codigo")))
        elif codigo is not None and codigo in codigos:
            erro(
                u,
                _m(
                    _(
                        "adesao_codigo_repetido",
                        default="code ${v} repeated (already in ${local})",
                    ),
                    v=codigo,
                    local=codigos[codigo].local,
                ),
            )
        elif codigo is not None:
            codigos[codigo] = u
        for email in u.get("emails") or []:
            if not EMAIL.match(_texto(email)):
                erro(u, _email_invalido(email))
    superiores = {}
    for sigla, u in siglas.items():
        superior = _sigla_unidade(u.get("superior"), sigla_orgao)
        if superior and superior not in siglas:
            erro(
                u,
                _m(
                    _(
                        "adesao_superior_desconhecida",
                        default="unknown superior unit: ${v}",
                    ),
                    v=u.get("superior"),
                ),
            )
        elif superior:
            superiores[sigla] = superior
    reported = set()
    for sigla in siglas:
        seen = [sigla]
        current = superiores.get(sigla)
        while current is not None:
            if current in seen:
                ciclo = [*seen[seen.index(current) :], current]
                chave = frozenset(ciclo)
                if chave not in reported:
                    reported.add(chave)
                    erro(
                        siglas[sigla],
                        _m(
                            _(
                                "adesao_ciclo",
                                default="cycle in the hierarchy: ${ciclo}",
                            ),
                            ciclo=" → ".join(ciclo),
                        ),
                    )
                break
            seen.append(current)
            current = superiores.get(current)
    if existente is not None:
        for unidade in existente.unidades():
            outro = codigos.get(unidade.codigo)
            if (
                outro is not None
                and _texto(outro.get("sigla")).upper() != unidade.sigla
            ):
                erro(
                    outro,
                    _m(
                        _(
                            "adesao_codigo_unidade_em_uso",
                            default="the code ${codigo} is already used by the "
                            "unit ${unidade}",
                        ),
                        codigo=unidade.codigo,
                        unidade=unidade.sigla_completa(),
                    ),
                )

    # Users
    donos_de_cpf = usuarios.cpfs() if arquivo.usuarios else {}
    logins: dict[str, Registro] = {}
    cpfs: dict[str, Registro] = {}
    for p in arquivo.usuarios:
        for campo in ("login", "nome", "email", "cpf"):
            if _texto(p.get(campo)) == "":
                erro(p, _ausente(campo))
        login = _texto(p.get("login")).lower()
        cpf = digitos(_texto(p.get("cpf")))
        if login and not LOGIN.match(login):
            erro(
                p,
                _m(
                    _(
                        "adesao_login_invalido",
                        default="invalid login: ${v} "
                        "(lowercase letters, digits, . _ -)",
                    ),
                    v=login,
                ),
            )
        elif login in logins:
            erro(
                p,
                _m(
                    _(
                        "adesao_login_repetido",
                        default="login ${v} repeated (already in ${local})",
                    ),
                    v=login,
                    local=logins[login].local,
                ),
            )
        elif login:
            logins[login] = p
        if _texto(p.get("email")) and not EMAIL.match(_texto(p.get("email"))):
            erro(p, _email_invalido(p.get("email")))
        if _texto(p.get("cpf")) and not cpf_valido(cpf):
            erro(
                p,
                _m(
                    _("adesao_cpf_invalido", default="invalid CPF: ${v}"),
                    v=p.get("cpf"),
                ),
            )
        elif cpf in cpfs:
            erro(
                p,
                _m(
                    _(
                        "adesao_cpf_repetido",
                        default="CPF repeated (already in ${local})",
                    ),
                    local=cpfs[cpf].local,
                ),
            )
        elif cpf:
            cpfs[cpf] = p
            dono = donos_de_cpf.get(cpf)
            if dono is not None and login and dono != login:
                erro(
                    p,
                    _m(
                        _(
                            "adesao_cpf_de_outro",
                            default="the CPF ${v} already belongs to the user ${dono}",
                        ),
                        v=p.get("cpf"),
                        dono=dono,
                    ),
                )
        if login:
            user = api.user.get(username=login)
            if (
                user is not None
                and cpf
                and digitos(user.getProperty("cpf", ""))
                not in (
                    "",
                    cpf,
                )
            ):
                erro(
                    p,
                    _m(
                        _(
                            "adesao_login_outro_cpf",
                            default="the login ${v} already exists with another CPF",
                        ),
                        v=login,
                    ),
                )
        if not p.get("perfis"):
            erro(
                p,
                _m(
                    _(
                        "adesao_sem_perfil",
                        default="the user needs at least one perfil in a unit",
                    ),
                ),
            )
        for perfil in p.get("perfis") or []:
            unidade = _sigla_unidade(perfil.get("unidade"), sigla_orgao)
            nome_perfil = _texto(perfil.get("perfil")).lower()
            if "invalido" in perfil or not unidade or not nome_perfil:
                erro(
                    p,
                    _m(
                        _(
                            "adesao_perfil_mal_informado",
                            default="malformed perfil: ${v}; give unidade and perfil",
                        ),
                        v=perfil,
                    ),
                )
                continue
            if unidade not in siglas:
                erro(
                    p,
                    _m(
                        _(
                            "adesao_unidade_desconhecida",
                            default="unknown unit in a perfil: ${v}",
                        ),
                        v=perfil.get("unidade"),
                    ),
                )
            if nome_perfil not in perfis.PERFIS:
                erro(
                    p,
                    _m(
                        _(
                            "adesao_perfil_desconhecido",
                            default="unknown perfil: ${v} (use ${opcoes})",
                        ),
                        v=nome_perfil,
                        opcoes=", ".join(perfis.PERFIS),
                    ),
                )
    return erros


# Applying ------------------------------------------------------------------
