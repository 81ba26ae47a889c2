"""What the current viewer may see of a process, a document or a contato.

Every surface asks this module, which reads :mod:`seimg.divulgacao.tabela`:

- :func:`nivel` — the row level of a process (P, Rc, Ro, Rp, S);
- :func:`nivel_exibido` — the effective level to show the viewer, counting
  the restrito minutas the viewer can see;
- :func:`leitor` — the viewer kind of the current user for a process or one
  of its documents (A, O, U, T, G, B, C);
- :func:`celula` / :func:`ve` — a field's cell for the current viewer;
- :func:`oculto` — True when the viewer may not learn that an object exists
  (answered exactly as a never-existing path: see :mod:`.recusa`);
- :func:`interessados` — the interessados of a process or document in the
  form the viewer may see (names, CPF masked or left out).

Answers are cached on the request per (user, object), so a listing asks
the table once per row. Zope Managers (installation managers) are outside
the table: they are treated as credential holders (C).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from seimg.base import brasil
from seimg.base.dados_pessoais import mascarar_cpf
from seimg.divulgacao import tabela
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from zope.globalrequest import getRequest


_CACHE = "_seimg_divulgacao"
# Local roles (seimg.processos.roles, seimg.blocos) → viewer kinds.
_PAPEIS_TRAMITOU = frozenset({"LeitorProcesso", "UnidadeProcesso"})
_PAPEIS_GERADORA = frozenset({"UnidadeGeradora"})
_PAPEIS_BLOCO = frozenset({"LeitorBloco", "SignatarioBloco"})
_GERENTES = frozenset({"Manager"})


def _cache(chave, calcular):
    request = getRequest()
    if request is None:
        return calcular()
    store = request.other.setdefault(_CACHE, {})
    usuario = api.user.get_current().getId()
    chave = (usuario, *chave)
    if chave not in store:
        store[chave] = calcular()
    return store[chave]


def _chave(obj) -> tuple:
    return tuple(obj.getPhysicalPath())


# --- levels --------------------------------------------------------------
def hipotese_pessoal(uid: str | None) -> bool:
    """True when the hipótese legal ``uid`` protects personal information."""
    from seimg.tabelas import obter

    hipotese = obter(uid) if uid else None
    return bool(getattr(hipotese, "informacao_pessoal", False))


def nivel(processo) -> str:
    """The table level of ``processo``: P, Rc, Ro, Rp or S."""
    from seimg.nivel_acesso import niveis

    efetivo = getattr(processo, "nivel_efetivo", None) or niveis.PUBLICO
    if efetivo == niveis.SIGILOSO:
        return tabela.SIGILOSO
    if getattr(processo, "nivel_acesso", None) == niveis.RESTRITO:
        if hipotese_pessoal(getattr(processo, "hipotese_legal", None)):
            return tabela.PESSOAL
        return tabela.RESTRITO
    if efetivo == niveis.RESTRITO:
        return tabela.CONTAMINADO
    return tabela.PUBLICO


def nivel_exibido(processo) -> str:
    """The effective level (público, restrito, sigiloso) shown to the viewer.

    The stored level leaves restrito minutas out (``seimg.nivel_acesso.efetivo``);
    the viewers who can see such a minuta (its generating unit, a bloco's
    units) are shown the level counting it.
    """
    from seimg.nivel_acesso import niveis

    efetivo = getattr(processo, "nivel_efetivo", None) or niveis.PUBLICO
    if efetivo != niveis.PUBLICO:
        return efetivo

    def calcular():
        from seimg.nivel_acesso.efetivo import documentos

        for documento in documentos(processo):
            if (
                getattr(documento, "nivel_acesso", None) == niveis.RESTRITO
                and api.content.get_state(documento, default=None) == "minuta"
                and api.user.has_permission("View", obj=documento)
            ):
                return niveis.RESTRITO
        return efetivo

    return _cache(("nivel_exibido", _chave(processo)), calcular)


# --- viewers -------------------------------------------------------------
def orgaos_do_usuario(userid: str | None = None) -> frozenset:
    """UIDs of the órgãos where ``userid`` (default: current user) holds perfis."""
    from seimg.organizacao import perfis

    if userid is None:
        if api.user.is_anonymous():
            return frozenset()
        userid = api.user.get_current().getId()

    def calcular():
        orgaos = (
            aq_parent(aq_inner(lotacao.unidade))
            for lotacao in perfis.lotacoes(userid, ativas=False)
        )
        return frozenset(orgao.UID() for orgao in orgaos if orgao is not None)

    # Asked once per row of a listing (search results): once per request.
    return _cache(("orgaos", userid), calcular)


def orgao_do_processo(processo) -> str | None:
    from seimg.tabelas import obter

    unidade = obter(getattr(processo, "unidade_geradora", None))
    return aq_parent(aq_inner(unidade)).UID() if unidade is not None else None


def _papeis(obj) -> frozenset:
    user = api.user.get_current()
    return frozenset(user.getRolesInContext(obj))


def gerente() -> bool:
    """True for installation managers (Zope/Plone Manager), outside the table."""
    return not api.user.is_anonymous() and bool(
        _GERENTES & set(api.user.get_current().getRoles())
    )


def leitor(processo, documento=None) -> str:
    """The viewer kind of the current user for ``processo`` (or ``documento``)."""
    chave = ("leitor", _chave(documento if documento is not None else processo))
    return _cache(chave, lambda: _leitor(processo, documento))


def _leitor(processo, documento) -> str:
    from seimg.nivel_acesso import credenciais

    if api.user.is_anonymous():
        return tabela.ANONIMO
    if gerente():
        return tabela.CREDENCIAL
    userid = api.user.get_current().getId()
    if nivel(processo) == tabela.SIGILOSO:
        # Only holders of a credencial read anything; units read nothing.
        return (
            tabela.CREDENCIAL
            if credenciais.possui(processo, userid)
            else (
                tabela.OUTRO_ORGAO
                if orgao_do_processo(processo) not in orgaos_do_usuario(userid)
                else tabela.MESMO_ORGAO
            )
        )
    if documento is not None:
        papeis = _papeis(documento)
        if papeis & _PAPEIS_GERADORA:
            return tabela.GERADORA
        if papeis & _PAPEIS_BLOCO:
            return tabela.BLOCO
    if _papeis(processo) & (_PAPEIS_TRAMITOU | _PAPEIS_BLOCO):
        return tabela.TRAMITOU
    if orgao_do_processo(processo) in orgaos_do_usuario(userid):
        return tabela.MESMO_ORGAO
    return tabela.OUTRO_ORGAO


def celula(campo: str, processo, documento=None, **condicoes) -> str:
    """The cell of ``campo`` for the current viewer of ``processo``/``documento``."""
    return tabela.celula(
        campo, nivel(processo), leitor(processo, documento), **condicoes
    )


def ve(campo: str, processo, documento=None, **condicoes) -> bool:
    return celula(campo, processo, documento, **condicoes) == tabela.VE


# --- hidden objects ------------------------------------------------------
def processo_oculto(processo) -> bool:
    """True when the viewer may not learn that ``processo`` exists."""
    return celula(tabela.EXISTENCIA, processo) == tabela.NADA


def documento_oculto(documento) -> bool:
    """True when the viewer may not learn that ``documento`` exists.

    The documents of a hidden process are hidden; a minuta is hidden from
    everyone but its generating unit and the units of a bloco holding it.
    """
    processo = aq_parent(aq_inner(documento))
    if processo_oculto(processo):
        return True
    if api.content.get_state(documento, default=None) != "minuta":
        return False
    geradora = bool(_papeis(documento) & _PAPEIS_GERADORA)
    return (
        celula(tabela.MINUTA, processo, documento, unidade_geradora=geradora)
        == tabela.NADA
    )


def contato_oculto(contato) -> bool:
    """Contatos belong to their órgão: hidden from everyone else."""
    if gerente():
        return False
    orgao = getattr(contato, "orgao", None)
    leitor_ = tabela.ANONIMO if api.user.is_anonymous() else tabela.MESMO_ORGAO
    return tabela.oculto(
        tabela.CONTATOS,
        tabela.PUBLICO,
        leitor_,
        contato_do_orgao=bool(orgao) and orgao in orgaos_do_usuario(),
    )


def oculto(obj) -> bool:
    """True when ``obj`` or what holds it is hidden from the current viewer."""
    from seimg.tabelas.contato import IContato

    for item in aq_chain(aq_inner(obj)):
        if IProcesso.providedBy(item):
            return processo_oculto(item)
        if IDocumentoBase.providedBy(item):
            return documento_oculto(item)
        if IContato.providedBy(item):
            return contato_oculto(item)
    return False


def especificacao(processo) -> str | None:
    """The especificação as the viewer may see it: None where the table says
    nothing; for anonymous visitors CPFs masked and e-mails left out (free
    text, LGPD)."""
    from seimg.base.dados_pessoais import texto_publico

    if not ve(tabela.ESPECIFICACAO, processo):
        return None
    texto = getattr(processo, "especificacao", None) or ""
    if leitor(processo) == tabela.ANONIMO:
        return texto_publico(texto)
    return texto


# --- interessados --------------------------------------------------------
def _pessoa_fisica(contato) -> bool:
    from seimg.tabelas.contato import FISICA

    return getattr(contato, "tipo_pessoa", FISICA) == FISICA or bool(
        getattr(contato, "empresario_individual", False)
    )


def interessados(processo, documento=None, uids=None) -> list[dict]:
    """The interessados the current viewer may see, in that viewer's form.

    Each is ``{"UID", "nome", "documento"}``; ``documento`` is the full
    "CPF …"/"CNPJ …", a masked CPF, or "" as the table says. Interessados
    whose name the viewer may not see are left out altogether.
    """
    from seimg.tabelas import obter
    from seimg.tabelas.contato import IContato

    if uids is None:
        alvo = documento if documento is not None else processo
        uids = getattr(alvo, "interessados", None) or ()
    tipo = obter(getattr(processo, "tipo_processo", None))
    publicos = bool(getattr(tipo, "interessados_publicos", False))
    orgaos = orgaos_do_usuario()
    result = []
    for uid in uids:
        contato = obter(uid)
        if contato is None or not IContato.providedBy(contato):
            continue
        fisica = _pessoa_fisica(contato)
        campo = tabela.INTERESSADO_PF if fisica else tabela.INTERESSADO_PJ
        if not ve(campo, processo, documento, interessados_publicos=publicos):
            continue
        result.append(
            {
                "UID": uid,
                "nome": getattr(contato, "nome", None) or contato.title or "",
                "documento": _documento_visivel(
                    contato, processo, documento, fisica, orgaos
                ),
            }
        )
    return result


def _documento_visivel(contato, processo, documento, fisica, orgaos) -> str:
    if not fisica:  # legal persons: CNPJ shown with the name
        cnpj = getattr(contato, "cnpj", None)
        return f"CNPJ {brasil.formatar_cnpj(cnpj)}" if cnpj else ""
    cell = celula(
        tabela.DADOS_PESSOAIS,
        processo,
        documento,
        contato_do_orgao=getattr(contato, "orgao", None) in orgaos,
    )
    cpf = getattr(contato, "cpf", None)
    cnpj = getattr(contato, "cnpj", None)
    if cell == tabela.VE:
        if cpf:
            return f"CPF {brasil.formatar_cpf(cpf)}"
        return f"CNPJ {brasil.formatar_cnpj(cnpj)}" if cnpj else ""
    if cell == tabela.MASCARA and cpf:
        return f"CPF {mascarar_cpf(cpf)}"
    return ""


def rotulo(interessado: dict) -> str:
    """``Nome (CPF …)`` or ``Nome`` of an :func:`interessados` entry."""
    if interessado["documento"]:
        return f"{interessado['nome']} ({interessado['documento']})"
    return interessado["nome"]


# --- documents in listings -----------------------------------------------
def forma_na_lista(documento) -> str:
    """How ``documento`` appears in a listing for the current viewer.

    ``tabela.NADA`` (left out), ``tabela.LISTA`` (its row only: type, number,
    date, unit and "Acesso restrito — <hipótese>") or ``tabela.VE``.
    """
    from seimg.nivel_acesso import niveis

    processo = aq_parent(aq_inner(documento))
    if documento_oculto(documento):
        return tabela.NADA
    estado = api.content.get_state(documento, default=None)
    if estado == "cancelado":
        return tabela.LISTA
    if estado == "minuta":
        return tabela.VE  # only its generating unit (or a bloco's) gets here
    if getattr(documento, "nivel_acesso", None) in (niveis.RESTRITO, niveis.SIGILOSO):
        campo = tabela.CONTEUDO_RESTRITO
    else:
        campo = tabela.CONTEUDO_PUBLICO
    forma = celula(campo, processo, documento)
    if (
        forma == tabela.VE
        and leitor(processo, documento) == tabela.ANONIMO
        and antes_do_corte(documento)
    ):
        return tabela.LISTA
    return forma


# --- data de corte ---------------------------------------------------------
def data_publicacao(documento):
    """When ``documento`` became public (first signature or registration),
    a date in Brasília, or None (unsigned)."""
    from seimg.interfaces import IDataPublicacao

    adaptador = IDataPublicacao(documento, None)
    return adaptador.data if adaptador is not None else None


def orgao_do_documento(documento):
    from seimg.tabelas import obter

    processo = aq_parent(aq_inner(documento))
    unidade = obter(getattr(processo, "unidade_geradora", None))
    return aq_parent(aq_inner(unidade)) if unidade is not None else None


def antes_do_corte(documento) -> bool:
    """True when the órgão's data de corte keeps a público document's content
    from anonymous visitors (SEI's Pesquisa Pública "data de corte": legacy
    documents whose level was never reviewed). Listed with a marker
    (:func:`rotulo_restrito`), neither searchable nor openable."""

    def calcular():
        orgao = orgao_do_documento(documento)
        corte = getattr(orgao, "data_corte", None) if orgao is not None else None
        if not corte:
            return False
        publicado = data_publicacao(documento)
        return publicado is not None and publicado < corte

    return _cache(("corte", _chave(documento)), calcular)


def rotulo_restrito(documento) -> str:
    """``Acesso restrito — <hipótese legal>``: the lst form's words."""
    from seimg.divulgacao.textos import acesso_restrito
    from seimg.divulgacao.textos import anterior_ao_corte
    from seimg.nivel_acesso import niveis

    if getattr(documento, "nivel_acesso", None) not in (
        niveis.RESTRITO,
        niveis.SIGILOSO,
    ) and antes_do_corte(documento):
        return anterior_ao_corte()
    hipotese = getattr(documento, "hipotese_legal", None)
    if not hipotese:
        hipotese = getattr(aq_parent(aq_inner(documento)), "hipotese_legal", None)
    from seimg.tabelas import obter

    item = obter(hipotese)
    return acesso_restrito(getattr(item, "title", "") if item is not None else "")


def motivo_cancelamento(documento) -> str | None:
    """A cancelled document's reason, free text: for viewers of the complete
    history only; the others get the row "cancelado em <data>"."""
    processo = aq_parent(aq_inner(documento))
    if not ve(tabela.ANDAMENTOS_COMPLETO, processo):
        return None
    return getattr(documento, "motivo_cancelamento", None)
