"""Adesão, step 3: create or update the órgão from a valid file.

:func:`aplicar` runs only when :func:`validar` found nothing, in the
caller's transaction. Loading the same file twice changes nothing; units and
users missing from a new version are deactivated (units) or lose their
perfis in this órgão (users).
"""

from plone import api
from seimg.base.brasil import digitos
from seimg.numeracao import MASCARA_SEIMG
from seimg.organizacao import estrutura
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from seimg.organizacao.adesao.leitura import _inteiro
from seimg.organizacao.adesao.leitura import _sigla_unidade
from seimg.organizacao.adesao.leitura import _sim
from seimg.organizacao.adesao.leitura import _texto
from seimg.organizacao.adesao.modelo import Arquivo
from seimg.organizacao.adesao.modelo import ArquivoInvalido
from seimg.organizacao.adesao.modelo import Resultado
from seimg.organizacao.adesao.validacao import validar


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
