"""Every surface seimg publishes, as a declarative table, and the check that
the table and the component registry agree (project issue 12, "It must
show": a page or service nobody listed is a page nobody checked).

A *surface* is what a URL can reach:

- a **view**: a named multi-adapter of (context, request) — ``browser:page``,
  ``browser:view`` or anything else the publisher finds by name after
  ``@@`` (exception views included: they render error pages);
- a **service**: a plone.rest service (a named adapter whose name is
  ``<METHOD>_<type>_<subtype>_<name>``, see :mod:`plone.rest.negotiation`),
  or a plone.restapi control panel (``@controlpanels/<name>``).

A registration is *seimg's* when it comes from seimg's ZCML (its ``info``
points into ``src/seimg``), its factory is seimg's code, or it is
registered for one of seimg's interfaces or its browser layer.

:data:`TABELA` has one :class:`Linha` per surface: name, kind, method,
the fixture kind it applies to (from the interface it is registered for,
:data:`ALVOS`), its parameters or body, and the viewers it concerns
(codes of :mod:`seimg.divulgacao.tabela`: A O U T G B C; "equipe" for
staff-only tools, where A is refused and the others see what their perfis
allow). :func:`conferir` enumerates the registry at call time and returns
what is missing on each side.
"""

from dataclasses import dataclass
from pathlib import Path
from plone.rest import negotiation
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces import IRequest
import seimg


SRC = str(Path(seimg.__file__).parent)

# Interface (dotted name) a surface is registered for → fixture kind.
ALVOS = {
    "seimg.interfaces.IProcesso": "processo",
    "seimg.interfaces.IDocumentoBase": "documento",
    "seimg.content.documento.IDocumentoSchema": "documento interno",
    "seimg.tabelas.contato.IContato": "contato",
    "seimg.content.orgao.IOrgao": "orgao",
    "seimg.content.unidade.IUnidade": "unidade",
    "plone.base.interfaces.siteroot.IPloneSiteRoot": "site",
    "Products.CMFCore.interfaces.ISiteRoot": "site",
    "zope.interface.Interface": "qualquer",
    "plone.base.interfaces.siteroot.INavigationRoot": "raiz de navegação",
    # Exception views (error pages) are registered for exception classes.
    "zExceptions.NotFound": "erro NotFound",
    "zExceptions.unauthorized.Unauthorized": "erro Unauthorized",
    "zExceptions.Forbidden": "erro Forbidden",
    "builtins.Exception": "erro qualquer",
    # The database down (seimg.operacao.browser.indisponivel): a fixed text.
    "seimg.base.postgresql.BancoIndisponivel": "erro banco indisponível",
    "psycopg2.OperationalError": "erro banco (driver)",
    "psycopg2.InterfaceError": "erro banco (conexão)",
    "Products.CMFCore.interfaces.IFolderish": "pasta",
}

TODOS = "A O U T G B C"
EQUIPE = "equipe (A recusado)"
ANONIMO = "A (público)"
# The public portal: it answers as an anonymous visitor whoever asks, so
# what every viewer kind gets there is judged by column A (test_transparencia).
COMO_A = "A (público; todo leitor recebe a resposta de A)"


@dataclass(frozen=True)
class Linha:
    nome: str  # view name, or service name ("" = the content itself)
    tipo: str  # "view" | "service"
    metodo: str  # GET, POST, PUT, PATCH, DELETE
    alvo: str  # fixture kind, a value of ALVOS
    parametros: str = ""  # query parameters or JSON body
    leitores: str = TODOS
    aceita: str = "application/json"  # services: media type negotiated

    @property
    def chave(self) -> tuple:
        aceita = self.aceita if self.tipo == "service" else ""
        return (self.tipo, self.metodo, self.nome, self.alvo, aceita)


def _v(nome, alvo, parametros="", leitores=TODOS) -> Linha:
    return Linha(nome, "view", "GET", alvo, parametros, leitores)


def _s(metodo, nome, alvo, parametros="", leitores=TODOS, aceita="application/json"):
    return Linha(nome, "service", metodo, alvo, parametros, leitores, aceita)


P, D, DI, S = "processo", "documento", "documento interno", "site"

# fmt: off
TABELA = (
    # --- views: process ---------------------------------------------------
    _v("processo", P, "(visão padrão do processo)"),
    _v("andamentos", P, "resumido=1, unidade=<UID>; POST texto"),
    _v("credenciais", P, "POST acao=conceder|cassar|renunciar, usuario, senha", "C"),
    _v("duplicar-processo", P, "POST documentos:list, interessados:list", "T G C"),
    _v("delete_confirmation", P, "formulário de exclusão", EQUIPE),
    _v("edit", P, "formulário de edição; POST form.widgets.*", "T"),
    _v("seimg-acoes-tramitacao", P, "(fragmento de ações)", EQUIPE),
    _v("seimg-botoes-tramitacao", P, "(fragmento de ações, sem receber)", EQUIPE),
    _v("enviar", P, "POST destinos:list, manter_aberto, notificar, retorno", "T"),
    _v("concluir", P, "POST confirmar_minutas", "T"),
    _v("revisao-acesso", P, "POST documento, motivo", "G T"),
    _v("reabrir", P, "POST", "T"),
    _v("cancelar-retorno", P, "POST devedora (UID)", "T"),
    _v("atribuir", P, "POST usuario", "T"),
    _v("seimg-acoes-vinculos", P, "(fragmento de ações)", EQUIPE),
    _v("seimg-arvore-vinculos", P, "(fragmento da árvore: processos vinculados)"),
    _v("sobrestar", P, "POST motivo, processo_vinculado", "T"),
    _v("remover-sobrestamento", P, "POST", "T"),
    _v("relacionar", P, "POST processo (NUP)", "T"),
    _v("anexar", P, "POST processo (NUP)", "T"),
    _v("desanexar", P, "POST processo, motivo", "T"),
    _v("ciencia", P, "POST", "T"),
    _v("anotacao", P, "POST texto, prioridade", "T"),
    _v("marcador", P, "POST marcador | nome, cor; texto", "T"),
    _v("acompanhamento", P, "POST grupo, observacao", "T"),
    _v("gerar-pdf-processo", P, "POST documentos:list", "T C"),
    _v("pdf-processo-tarefa", P, "tarefa=<id>", "T C"),
    _v("pdf-processo-baixar", P, "tarefa=<id>", "T C"),
    _v("zip-processo", P, "documentos:list (opcional)", "T C"),
    # --- views: documents ---------------------------------------------------
    _v("documento", D, "(visão padrão do documento)"),
    _v("cancelar", D, "POST motivo", "T G"),
    _v("delete_confirmation", D, "formulário de exclusão", "G"),
    _v("edit", D, "formulário de edição (minuta); POST form.widgets.*", "G"),
    _v("ciencia", D, "POST", "T"),
    _v("assinar", D, "POST senha, cargo", "G B"),
    _v("cancelar-assinatura", D, "POST senha", "G"),
    _v("arquivo", D, "(conteúdo do arquivo, documento externo)"),
    _v("conteudo", D, "(conteúdo do documento interno, página isolada)"),
    _v("download", D, "/<campo>/<nome> (arquivo)"),
    _v("display-file", D, "/<campo>/<nome> (arquivo inline)"),
    _v("pdf-assinado", D, "(PDF selado do documento assinado)"),
    _v("gerar-links", D, "(links ODT/PDF/DOCX)"),
    _v("blocos-documento", D, "POST acao, bloco, usuarios, mensagem", "G B"),
    _v("gerar", DI, "formato=pdf|odt|docx"),
    _v("document_generation_helper_view", DI, "(auxiliar do modelo; não é página)"),
    # --- views: site, órgão, unidade -------------------------------------
    _v("iniciar-processo", S, "q=<busca de tipo>", EQUIPE),
    _v("trocar-unidade", S, "POST unidade, came_from", EQUIPE),
    _v("adesao", S, "POST arquivo, simular", EQUIPE),
    _v("notificar-retornos", S, "(cron; Manage portal)", "gerente"),
    _v("notificar-classificacoes", S, "(cron; Manage portal)", "gerente"),
    _v("marcadores", S, "POST nome, cor", EQUIPE),
    _v("acompanhamento-especial", S, "grupo", EQUIPE),
    _v("administracao", S, "(tarefas de administração do usuário)", EQUIPE),
    _v("blocos", S, "bloco, busca; POST acao, tipo, descricao, bloco, item, "
       "destinos", EQUIPE),
    _v("para-assinar", S, "bloco", EQUIPE),
    _v("controle-processos", S, "aba, formato=csv, todos, tipo, marcador, "
       "atribuido, retorno, sort_on, sort_order, b_start; POST acao, uids", EQUIPE),
    _v("enviar-processos", S, "uids:list; POST destinos, retorno_*", EQUIPE),
    _v("pesquisa", S, "q, tipo_processo, tipo_documento, unidade, tramitacao, "
       "interessado, de, ate, nivel, ordem, b_start, b_size, formato=csv (sem "
       "oráculo; um NUP ou número SEI abre o objeto)", EQUIPE),
    _v("conferir-autenticidade", S, "cv, crc", ANONIMO),
    _v("conferir-autenticidade-pdf", S, "cv, crc", ANONIMO),
    _v("seimg-arquivos", S, "painel de controle (Manage portal)", "gerente"),
    _v("view", "orgao", "POST acao, unidade, login, perfil, nome, email, cpf",
       EQUIPE),
    _v("delete_confirmation", "unidade", "formulário de exclusão", "gerente"),
    _v("document-generation", "qualquer", "doc_uid, output_format "
       "(collective.documentgenerator)", TODOS),
    _v("search", "raiz de navegação", "SearchableText, sort_on (página de busca "
       "do Plone, ordenada por data)", TODOS),
    _v("ajax-search", "raiz de navegação", "SearchableText (busca ao vivo, "
       "ordenada por data)", TODOS),
    _v("querybuilderresults", "qualquer", "query, sort_on, sort_order, b_size "
       "(plone.app.querystring, ordenada por data)", TODOS),
    _v("seimg.caching.publico", "qualquer", "(operação de cache das páginas "
       "públicas, seimg.transparencia.cache; não é página: 404)", TODOS),
    _v("mail_password", "qualquer", "POST userid (nova senha, resposta "
       "uniforme, limitada por endereço)", ANONIMO),
    _v("bloqueios", "orgao", "POST login (liberar)", EQUIPE),
    _v("classificacoes", "orgao", "dias", EQUIPE),
    _v("bloqueios", S, "POST login (liberar)", "gerente"),
    _v("acervo-sigilosos", S, "POST uid, senha (ativar credencial; perfil "
       "'Acervo de sigilosos' da unidade)", EQUIPE),
    _v("contas-servico", "orgao", "POST acao=criar|renovar|remover, nome, "
       "unidade, perfil, login (administradores do órgão)", EQUIPE),
    # --- error pages ---------------------------------------------------------
    _v("index.html", "erro NotFound", "(página de erro 404)", TODOS),
    _v("index.html", "erro Unauthorized", "(página de erro 401)", TODOS),
    _v("index.html", "erro Forbidden", "(página de erro 403)", TODOS),
    _v("index.html", "erro qualquer", "(erro de um pedido à API: JSON na forma "
       "do seimg; outros pedidos: a página do Plone)", TODOS),
    _v("index.html", "erro banco indisponível", "(503 com texto fixo: nada do "
       "pedido nem de objetos)", TODOS),
    _v("index.html", "erro banco (driver)", "(503 com texto fixo)", TODOS),
    _v("index.html", "erro banco (conexão)", "(503 com texto fixo)", TODOS),
    # --- services: process ------------------------------------------------
    _s("GET", "@andamentos", P, "resumido=1, unidade=<UID>"),
    _s("POST", "@andamentos", P, '{"texto"}', "T"),
    _s("PATCH", "@andamentos", P, "(recusado: andamentos imutáveis)", "T"),
    _s("PUT", "@andamentos", P, "(recusado: andamentos imutáveis)", "T"),
    _s("DELETE", "@andamentos", P, "(recusado: andamentos imutáveis)", "T"),
    _s("GET", "@credenciais", P, "", "C"),
    _s("POST", "@credenciais", P, '{"usuario", "senha"} | {"renunciar", "senha"}',
       "C"),
    _s("DELETE", "@credenciais", P, '/<userid> {"senha"}', "C"),
    _s("POST", "@enviar", P, '{"destinos", "manter_aberto", "notificar", '
       '"retorno_programado", "confirmar_minutas"}', "T"),
    _s("POST", "@receber", P, "", "T"),
    _s("POST", "@concluir", P, '{"confirmar_minutas"}', "T"),
    _s("GET", "@revisao-acesso", P, "", "G T"),
    _s("POST", "@revisao-acesso", P, '{"documento", "motivo"}', "G T"),
    _s("POST", "@reabrir", P, "", "T"),
    _s("POST", "@cancelar-retorno", P, '{"unidade"}', "T"),
    _s("POST", "@atribuir", P, '{"usuario"}', "T"),
    _s("POST", "@sobrestamento", P, '{"motivo", "processo_vinculado"}', "T"),
    _s("DELETE", "@sobrestamento", P, "", "T"),
    _s("GET", "@relacionamentos", P, ""),
    _s("POST", "@relacionamentos", P, '{"processo"}', "T"),
    _s("DELETE", "@relacionamentos", P, '{"processo"}', "T"),
    _s("POST", "@anexar", P, '{"processo"}', "T"),
    _s("POST", "@desanexar", P, '{"processo", "motivo"}', "T"),
    _s("POST", "@ciencia", P, "", "T"),
    _s("GET", "@anotacao", P, "", "T"),
    _s("PUT", "@anotacao", P, '{"texto", "prioridade"}', "T"),
    _s("DELETE", "@anotacao", P, "", "T"),
    _s("GET", "@marcador", P, "", "T"),
    _s("PUT", "@marcador", P, '{"marcador", "texto"}', "T"),
    _s("DELETE", "@marcador", P, "", "T"),
    _s("PUT", "@acompanhamento", P, '{"grupo", "observacao"}', "T"),
    _s("DELETE", "@acompanhamento", P, "", "T"),
    _s("POST", "@pdf-processo", P, '{"documentos"}', "T C"),
    _s("POST", "@documento-externo", P, "multipart: campos do DocumentoExterno "
       "+ arquivo", "T"),
    _s("GET", "@pdf-processo", P, "/<tarefa>[/download]", "T C"),
    _s("GET", "@zip-processo", P, "documentos (opcional)", "T C"),
    _s("GET", "@duplicar", P, "", "T G C"),
    _s("POST", "@duplicar", P, '{"documentos", "interessados"}', "T G C"),
    _s("POST", "@copy", "pasta", '{"source"} (recusado: processos e documentos)',
       EQUIPE),
    _s("POST", "@move", "pasta", '{"source"} (recusado: processos e documentos)',
       EQUIPE),
    _s("POST", "", "pasta", '{"@type", ...} (criação de conteúdo do plone.restapi, '
       "chaves conferidas)", EQUIPE),
    # --- services: documents ----------------------------------------------
    _s("PATCH", "", D, "campos do documento (minuta)", "G"),
    _s("POST", "@cancelar", D, '{"motivo"}', "T G"),
    _s("POST", "@assinar", D, '{"senha", "cargo"}', "G B"),
    _s("DELETE", "@assinar", D, '{"senha"}', "G"),
    _s("GET", "@assinaturas", D, ""),
    _s("POST", "@ciencia", D, "", "T"),
    _s("POST", "@pedir-assinatura", D, '{"usuarios", "mensagem"}', "G"),
    _s("GET", "@pedidos-assinatura", D, "", "G B"),
    _s("GET", "@pdf-assinado", D, ""),
    _s("GET", "@gerar", DI, "formato=pdf|odt|docx"),
    # --- services: site, órgão --------------------------------------------
    _s("GET", "@seimg-status", S, "", ANONIMO),
    _v("saude", S, "(verificação de saúde: nada além de estados)", ANONIMO),
    # --- the public portal (issue 19): answers as an anonymous visitor
    # whoever asks, so every viewer kind is judged by column A ---------------
    _v("transparencia", S, "/pesquisa[.csv|.json]?q, tipo_processo, "
       "tipo_documento, orgao, unidade, interessado, de, ate, ordem, b_start, "
       "b_size (até 50); /orgao/<id>[/pesquisa[.csv|.json]|/lai|/dados-abertos"
       "[/<arquivo>]]; /processo/<NUP>[/pdf]; /documento/<número SEI>[/pdf]; "
       "/acesso-restrito; /dicionario-de-dados", COMO_A),
    _s("GET", "@transparencia", S, "q, filtros, b_start, b_size (até 50); "
       "/orgaos; /processo/<NUP>; /documento/<número SEI>", COMO_A),
    _s("GET", "@unidades", S, "q, orgao, incluir_inativas", EQUIPE),
    _s("GET", "@minhas-unidades", S, "", EQUIPE),
    _s("GET", "@unidade-atual", S, "", EQUIPE),
    _s("POST", "@unidade-atual", S, '{"unidade"}', EQUIPE),
    _s("POST", "@adesao", S, '{"conteudo" (base64), "nome", "simular"}', EQUIPE),
    _s("GET", "@usuarios", "orgao", "", EQUIPE),
    _s("POST", "@usuarios", "orgao", '{"login", "unidade", "perfil", "cpf", '
       '"nome", "email", "cargos"}', EQUIPE),
    _s("DELETE", "@usuarios", "orgao", "/<login>?unidade=&perfil=", EQUIPE),
    _s("GET", "@blocos", S, "/<bloco>; tipo", EQUIPE),
    _s("POST", "@blocos", S, '{"tipo", "descricao"} | /<bloco>/<acao> '
       '{"itens", "destinos"}', EQUIPE),
    _s("DELETE", "@blocos", S, "/<bloco>/itens/<uid>", EQUIPE),
    _s("GET", "@para-assinar", S, "", EQUIPE),
    _s("GET", "@marcadores", S, "", EQUIPE),
    _s("POST", "@marcadores", S, '{"nome", "cor"}', EQUIPE),
    _s("PATCH", "@marcadores", S, '/<id> {"nome", "cor"}', EQUIPE),
    _s("DELETE", "@marcadores", S, "/<id>", EQUIPE),
    _s("GET", "@acompanhamentos", S, "grupo", EQUIPE),
    _s("GET", "@controle-processos", S, "aba, todos, tipo, marcador, atribuido, "
       "retorno, sort_on, sort_order, b_start, b_size", EQUIPE),
    _s("GET", "@controle-processos", S, "(as above, as CSV)", EQUIPE,
       aceita="text/csv"),
    _s("GET", "@autenticidade", S, "cv, crc", ANONIMO),
    _s("GET", "@pesquisa", S, "q, filtros, ordem, b_start, b_size (sem oráculo)",
       TODOS),
    _s("GET", "@pesquisa", S, "(as above, as CSV)", TODOS, aceita="text/csv"),
    _s("GET", "@search", "qualquer", "SearchableText, portal_type, sort_on, "
       "b_start, b_size… (ordenada por data)", TODOS),
    _s("POST", "@login", S, '{"login", "password"} (limitado)', ANONIMO),
    _s("POST", "@users", S, "/<login>/reset-password (limitado); cadastro",
       ANONIMO),
    _s("GET", "@users", S, "[/<id>] (plone.restapi; mais fundo: 404)", EQUIPE),
    _s("PATCH", "@users", S, "/<id> (plone.restapi; outros caminhos: 404)", EQUIPE),
    _s("DELETE", "@users", S, "/<id> (plone.restapi; outros caminhos: 404)",
       "gerente"),
    _s("GET", "@bloqueios", "orgao", "/<login>", EQUIPE),
    _s("GET", "@classificacoes", "orgao", "dias", EQUIPE),
    _s("DELETE", "@bloqueios", "orgao", "/<login>", EQUIPE),
    _s("GET", "@bloqueios", S, "/<login>", "gerente"),
    _s("DELETE", "@bloqueios", S, "/<login>", "gerente"),
    _s("GET", "@acervo-sigilosos", S, "(perfil 'Acervo de sigilosos')", EQUIPE),
    _s("POST", "@acervo-sigilosos", S, '/<UID> {"senha"}', EQUIPE),
    _s("GET", "@contas-servico", "orgao", "[/<login>]", EQUIPE),
    _s("POST", "@contas-servico", "orgao", '{"nome", "unidade"?, "perfil"?}; '
       "/<login>/segredo", EQUIPE),
    _s("DELETE", "@contas-servico", "orgao", "/<login>", EQUIPE),
    _s("GET", "@controlpanels/seimg-arquivos", "qualquer",
       "painel de controle (Manage portal)", "gerente"),
)
# fmt: on


# --- the registry -------------------------------------------------------
def _registros():
    """All adapter registrations of the global registry and its bases
    (plone.testing stacks registries; a name registered in a higher one
    hides the same registration below)."""
    vistos = set()
    pilha = [getGlobalSiteManager()]
    registradores = []
    while pilha:
        registro = pilha.pop(0)
        if id(registro) in vistos:
            continue
        vistos.add(id(registro))
        registradores.append(registro)
        pilha.extend(registro.__bases__)
    unicos = {}
    for registro in registradores:
        for reg in registro.registeredAdapters():
            unicos.setdefault((reg.required, reg.provided, reg.name), reg)
    return list(unicos.values())


def _nome_da_spec(spec) -> str:
    return getattr(spec, "__identifier__", None) or getattr(spec, "__name__", "")


def alvo_de(spec) -> str:
    nome = _nome_da_spec(spec)
    return ALVOS.get(nome, nome)


def _prefixos_rest() -> dict:
    """plone.rest service-id prefix → (method, media type), all methods."""
    return {
        service_id: (metodo, f"{tipo}/{subtipo}")
        for metodo, tipos in negotiation._services.items()
        for tipo, subtipos in tipos.items()
        for subtipo, service_id in subtipos.items()
    }


def _de_seimg(reg) -> bool:
    arquivo = getattr(reg.info, "file", None) or ""
    if arquivo.startswith(SRC):
        return True
    fabrica = reg.factory
    modulos = [getattr(fabrica, "__module__", "") or ""]
    # plone.rest wraps the service class in a generated subclass.
    modulos += [getattr(b, "__module__", "") for b in getattr(fabrica, "__bases__", ())]
    if any(m.startswith("seimg.") for m in modulos):
        return True
    return any(_nome_da_spec(spec).startswith("seimg.") for spec in reg.required)


def _publicavel(reg) -> bool:
    """A named adapter of (context, request): reachable by URL."""
    if len(reg.required) != 2:
        return False
    pedido = reg.required[1]
    return pedido is Interface or pedido.isOrExtends(IRequest)


def _chave_do_registro(reg, prefixos) -> tuple | None:
    from plone.restapi.controlpanels.interfaces import IControlpanel

    alvo = alvo_de(reg.required[0])
    prefixo = max(
        (p for p in prefixos if reg.name.startswith(p)), key=len, default=None
    )
    if prefixo is not None:
        metodo, aceita = prefixos[prefixo]
        return ("service", metodo, reg.name[len(prefixo) :], alvo, aceita)
    if reg.provided.isOrExtends(IControlpanel):
        nome = f"@controlpanels/{reg.name}"
        return ("service", "GET", nome, alvo_de(Interface), "application/json")
    if not reg.name:
        return None  # unnamed: serializers, hooks — not reachable by name
    return ("view", "GET", reg.name, alvo, "")


def registradas() -> dict:
    """Key → a short description, for every surface seimg registers."""
    prefixos = _prefixos_rest()
    result = {}
    for reg in _registros():
        if not _publicavel(reg) or not _de_seimg(reg):
            continue
        chave = _chave_do_registro(reg, prefixos)
        if chave is None:
            continue
        info = getattr(reg.info, "file", None) or str(reg.info).strip()[:80]
        linha = getattr(reg.info, "line", "")
        result[chave] = f"{info}:{linha}" if linha else info
    return result


def conferir(tabela=TABELA) -> tuple:
    """(registered without a row, rows without a registration), as sorted
    lists of human-readable lines."""
    registros = registradas()
    linhas = {linha.chave: linha for linha in tabela}
    sem_linha = sorted(
        f"{_descrever(chave)}  ← {registros[chave]}"
        for chave in registros
        if chave not in linhas
    )
    sem_registro = sorted(
        _descrever(chave) for chave in linhas if chave not in registros
    )
    return sem_linha, sem_registro


def _descrever(chave) -> str:
    tipo, metodo, nome, alvo, aceita = chave
    if tipo == "service":
        return f"service {metodo} {nome or '(conteúdo)'} [{aceita}] em {alvo}"
    return f"view @@{nome} em {alvo}"
