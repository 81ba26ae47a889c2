"""Adesão: a whole órgão (units, users, perfis) from one YAML or XLSX file.

``ler`` parses a file into an :class:`Arquivo` whose records remember where
they came from (YAML line, or sheet and row); ``validar`` returns **every**
problem found, each with its place; ``aplicar`` creates or updates the órgão,
only when there is no problem, in the caller's transaction. Loading the same
file twice changes nothing; units and users missing from a new version of the
file are deactivated (units) or lose their perfis in this órgão (users).

The format is documented in ``docs/adesao.md`` with an example file.
"""

from dataclasses import dataclass
from dataclasses import field
from plone import api
from seimg import _
from seimg.brasil import cnpj_valido
from seimg.brasil import cpf_valido
from seimg.brasil import digitos
from seimg.content.orgao import ESFERAS
from seimg.content.orgao import MASCARA_SEIMG
from seimg.content.orgao import PODERES
from seimg.content.orgao import SIGLA
from seimg.organizacao import estrutura
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from zope.i18n import translate
from zope.i18nmessageid import Message
import io
import re
import yaml


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


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers each mapping's line (as ``__linha__``)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__linha__"] = node.start_mark.line + 1
        return mapping


def _registro(data, default_local):
    if not isinstance(data, dict):
        raise ArquivoInvalido(
            [
                Erro(
                    default_local,
                    _m(
                        _(
                            "adesao_esperava_mapeamento",
                            default="expected a mapping (key: value)",
                        )
                    ),
                )
            ]
        )
    linha = data.pop("__linha__", None)
    return Registro(_linha(linha) if linha else default_local, data)


def ler_yaml(conteudo: bytes | str) -> Arquivo:
    try:
        data = yaml.load(conteudo, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        local = _linha(mark.line + 1) if mark else ARQUIVO
        raise ArquivoInvalido(
            [
                Erro(
                    local,
                    _m(
                        _("adesao_yaml_invalido", default="invalid YAML: ${erro}"),
                        erro=error,
                    ),
                )
            ]
        ) from error
    if not isinstance(data, dict) or "orgao" not in data:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(_("adesao_sem_orgao", default="the 'orgao' section is missing")),
                )
            ]
        )
    arquivo = Arquivo(orgao=_registro(data["orgao"], "orgao"))
    for key, target in (("unidades", arquivo.unidades), ("usuarios", arquivo.usuarios)):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise ArquivoInvalido(
                [Erro(key, _m(_("adesao_esperava_lista", default="expected a list")))]
            )
        if len(items) > MAX_LINHAS:
            raise ArquivoInvalido([_demais(key, len(items))])
        for index, item in enumerate(items, 1):
            registro = _registro(item, f"{key}[{index}]")
            if key == "usuarios":
                registro.dados["perfis"] = [
                    p if isinstance(p, dict) else {"invalido": p}
                    for p in (registro.dados.get("perfis") or [])
                ]
                for p in registro.dados["perfis"]:
                    p.pop("__linha__", None)
            target.append(registro)
    return arquivo


def _sheet_rows(sheet):
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(row)
        if len(rows) > MAX_LINHAS + 1:  # the header, then the limit
            raise ArquivoInvalido([_demais(sheet.title, MAX_LINHAS + 1)])
    if not rows:
        return []
    header = [str(h or "").strip().lower() for h in rows[0]]
    result = []
    for number, row in enumerate(rows[1:], 2):
        if all(v in (None, "") for v in row):
            continue
        values = {h: v for h, v in zip(header, row, strict=False) if h}
        result.append(Registro(_planilha(sheet.title, number), values))
    return result


def _lista(value, separator):
    if value in (None, ""):
        return []
    return [v.strip() for v in str(value).split(separator) if v.strip()]


def ler_xlsx(conteudo: bytes) -> Arquivo:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(conteudo), read_only=True, data_only=True)
    except Exception as error:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(
                        _("adesao_xlsx_ilegivel", default="unreadable XLSX: ${erro}"),
                        erro=error,
                    ),
                )
            ]
        ) from error
    missing = [
        name
        for name in ("orgao", "unidades", "usuarios")
        if name not in book.sheetnames
    ]
    if missing:
        raise ArquivoInvalido(
            [
                Erro(
                    ARQUIVO,
                    _m(
                        _(
                            "adesao_faltam_planilhas",
                            default="missing sheets: ${planilhas}",
                        ),
                        planilhas=", ".join(missing),
                    ),
                )
            ]
        )
    orgao_rows = list(book["orgao"].iter_rows(values_only=True))
    orgao = {
        str(row[0]).strip().lower(): row[1]
        for row in orgao_rows[1:]
        if row and row[0] not in (None, "")
    }
    if "municipio_ibge" in orgao or "municipio_nome" in orgao:
        orgao["municipio"] = {
            "ibge": orgao.pop("municipio_ibge", None),
            "nome": orgao.pop("municipio_nome", None),
        }
    arquivo = Arquivo(orgao=Registro(_planilha("orgao"), orgao))
    for registro in _sheet_rows(book["unidades"]):
        registro.dados["emails"] = _lista(registro.dados.get("emails"), ",")
        arquivo.unidades.append(registro)
    for registro in _sheet_rows(book["usuarios"]):
        registro.dados["cargos"] = _lista(registro.dados.get("cargos"), ";")
        registro.dados["perfis"] = [
            dict(zip(("unidade", "perfil"), [*p.split(":", 1), ""][:2], strict=True))
            for p in _lista(registro.dados.get("perfis"), ";")
        ]
        arquivo.usuarios.append(registro)
    return arquivo


def ler(conteudo: bytes, nome: str = "") -> Arquivo:
    """Parse an adesão file; XLSX is recognised by name or zip signature."""
    if nome.lower().endswith(".xlsx") or conteudo[:2] == b"PK":
        return ler_xlsx(conteudo)
    return ler_yaml(conteudo)


# Validation --------------------------------------------------------------


def _texto(value) -> str:
    return "" if value is None else str(value).strip()


def _inteiro(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number


def _sim(value) -> bool:
    return value is True or _texto(value).lower() in SIM


def _sigla_unidade(valor: str, sigla_orgao: str) -> str:
    """Unit sigla from ``SIGLA`` or ``ORGAO/.../SIGLA`` references."""
    parts = [p for p in _texto(valor).upper().split("/") if p]
    if len(parts) > 1 and parts[0] == sigla_orgao:
        parts = parts[1:]
    return parts[-1] if parts else ""


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


def _set(obj, changed: list, **values):
    for name, value in values.items():
        if getattr(obj, name, None) != value:
            setattr(obj, name, value)
            changed.append(name)


def aplicar(arquivo: Arquivo, convidar: bool = True) -> Resultado:
    """Create or update everything the (valid) file describes."""
    erros = validar(arquivo)
    if erros:
        raise ArquivoInvalido(erros)
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    resultado = Resultado()
    o = arquivo.orgao
    sigla_orgao = _texto(o.get("sigla")).upper()
    municipio = o.get("municipio") or {}
    valores_orgao = {
        "sigla": sigla_orgao,
        "nome": _texto(o.get("nome")),
        "cnpj": digitos(_texto(o.get("cnpj"))),
        "esfera": _texto(o.get("esfera")),
        "poder": _texto(o.get("poder")),
        "codigo": _inteiro(o.get("codigo")),
        "municipio_ibge": _texto(municipio.get("ibge")) or None,
        "municipio_nome": _texto(municipio.get("nome")) or None,
        "email": _texto(o.get("email")) or None,
    }
    with api.env.adopt_roles(["Manager"]):
        orgao = next((x for x in estrutura.orgaos() if x.sigla == sigla_orgao), None)
        if orgao is None:
            orgao = api.content.create(
                container=estrutura.orgaos_folder(),
                type="Orgao",
                id=sigla_orgao.lower(),
                mascara_processo=_texto(o.get("mascara_processo")) or MASCARA_SEIMG,
                **valores_orgao,
            )
            resultado.criados.append(sigla_orgao)
        else:
            changed = []
            _set(orgao, changed, **valores_orgao)
            if changed:
                notify(ObjectModifiedEvent(orgao))
                resultado.atualizados.append(sigla_orgao)
        resultado.orgao = orgao

        # Units, superiors first.
        registros = {_texto(u.get("sigla")).upper(): u for u in arquivo.unidades}
        existentes = {u.sigla: u for u in orgao.unidades()}
        ordem, visitados = [], set()

        def visitar(sigla):
            if sigla in visitados:
                return
            visitados.add(sigla)
            superior = _sigla_unidade(registros[sigla].get("superior"), sigla_orgao)
            if superior:
                visitar(superior)
            ordem.append(sigla)

        for sigla in registros:
            visitar(sigla)
        for sigla in ordem:
            u = registros[sigla]
            superior = _sigla_unidade(u.get("superior"), sigla_orgao)
            valores = {
                "sigla": sigla,
                "nome": _texto(u.get("nome")),
                "codigo": _inteiro(u.get("codigo")),
                "superior": existentes[superior].UID() if superior else None,
                "emails": [_texto(e) for e in u.get("emails") or []],
                "endereco": _texto(u.get("endereco")) or None,
                "protocolo": _sim(u.get("protocolo")),
                "arquivo": _sim(u.get("arquivo")),
            }
            unidade = existentes.get(sigla)
            if unidade is None:
                unidade = api.content.create(
                    container=orgao, type="Unidade", id=sigla.lower(), **valores
                )
                existentes[sigla] = unidade
                resultado.criados.append(unidade.sigla_completa())
            else:
                changed = []
                _set(unidade, changed, **valores)
                if api.content.get_state(unidade) == "inativa":
                    api.content.transition(obj=unidade, transition="reativar")
                    changed.append("ativa")
                if changed:
                    notify(ObjectModifiedEvent(unidade))
                    resultado.atualizados.append(unidade.sigla_completa())
        for sigla, unidade in existentes.items():
            if sigla not in registros and api.content.get_state(unidade) != "inativa":
                api.content.transition(obj=unidade, transition="desativar")
                resultado.desativados.append(unidade.sigla_completa())

        # Users and their perfis in this órgão.
        no_arquivo = set()
        for p in arquivo.usuarios:
            login = _texto(p.get("login")).lower()
            no_arquivo.add(login)
            user, criado = usuarios.salvar(
                login,
                _texto(p.get("nome")),
                _texto(p.get("email")),
                _texto(p.get("cpf")),
                [_texto(c) for c in p.get("cargos") or []],
            )
            desejados = {
                (
                    existentes[_sigla_unidade(x.get("unidade"), sigla_orgao)].UID(),
                    _texto(x.get("perfil")).lower(),
                )
                for x in p.get("perfis")
            }
            mudou = _sincronizar_perfis(user.getId(), orgao, desejados)
            if criado:
                resultado.criados.append(login)
                if convidar:
                    usuarios.convidar(user)
                    resultado.convidados.append(login)
            elif mudou:
                resultado.atualizados.append(login)
        for unidade in orgao.unidades():
            for userid in perfis.membros(unidade):
                if userid not in no_arquivo:
                    _sincronizar_perfis(userid, orgao, set())
                    resultado.desativados.append(userid)
    resultado.desativados = sorted(
        set(resultado.desativados), key=resultado.desativados.index
    )
    return resultado


def _sincronizar_perfis(userid, orgao, desejados: set) -> bool:
    """Make ``userid``'s perfis in ``orgao`` exactly ``desejados`` ((uid, perfil))."""
    atuais = set()
    unidades = {u.UID(): u for u in orgao.unidades()}
    for lotacao in perfis.lotacoes(userid, ativas=False):
        uid = lotacao.unidade.UID()
        if uid in unidades:
            atuais |= {(uid, perfil) for perfil in lotacao.perfis}
    for uid, perfil in desejados - atuais:
        perfis.conceder(userid, unidades[uid], perfil)
    for uid, perfil in atuais - desejados:
        perfis.revogar(userid, unidades[uid], perfil)
    return desejados != atuais
