"""The parameters of every surface of :mod:`.superficies`, as requests.

Each row of :data:`.superficies.TABELA` gets here the requests that
exercise it with its parameters or body (:class:`Modelo`), written relative
to the scenario's fixtures: ``{uid}``, ``{nup}``, ``{documento}`` (a
document of the process, or the document itself), ``{outro}`` (the NUP of
another fixture process), ``{unidade_t}`` / ``{unidade_g}`` (UIDs of the
unit the processes were sent to and of the generating unit), ``{cargo}``;
and, filled in per viewer when published, ``{userid}`` and ``{token}`` (its
CSRF token, for the Classic UI forms).

:func:`expandir` turns them into :class:`.sonda.Pedido` per fixture object;
the probe (:mod:`.sonda`) publishes them as every viewer kind, reads
first, writes last (:data:`.sonda.ORDEM_DAS_ESCRITAS`), and judges each
answer by the same markers as the generic probe. Rows whose only request
is a plain GET without parameters are published by the generic probe
itself (:data:`SO_A_SONDA`); error pages are the answers of every request
here that fails, and of :mod:`.test_inexistente`.
"""

from dataclasses import dataclass
from tests.divulgacao import superficies as sup
from tests.divulgacao.sonda import Pedido
import re


P, D, DI, S = sup.P, sup.D, sup.DI, sup.S
JSON = "application/json"
ERRADA = "senha-errada-da-sonda"


@dataclass(frozen=True)
class Modelo:
    """A request of a row: ``caminho`` after the object's URL (after the
    site's with ``no_site``; ``orgao:`` prefixes the órgão CMVS), a JSON
    ``corpo`` (services) or a ``formulario`` (views: ``_authenticator``
    added). ``sobre``: the fixtures it is published with — "P" processes,
    "D" documents, "DI" internal documents, "1" once (with the público
    process)."""

    caminho: str = ""
    corpo: dict | list | None = None
    formulario: dict | None = None
    no_site: bool = False
    sobre: str = "P"


def _m(caminho="", corpo=None, formulario=None, sobre=None, no_site=False):
    return Modelo(caminho, corpo, formulario, no_site, sobre or "P")


def _site(caminho="", corpo=None, formulario=None, sobre="1"):
    return Modelo(caminho, corpo, formulario, True, sobre)


def _v(nome, alvo):
    return ("view", "GET", nome, alvo, "")


def _s(metodo, nome, alvo, aceita=JSON):
    return ("service", metodo, nome, alvo, aceita)


# Rows published by the generic probe only: a GET with no parameters (every
# named view and GET service of every fixture is published by it).
SO_A_SONDA = frozenset(
    {
        _v("processo", P),
        _v("delete_confirmation", P),
        _v("edit", P),
        _v("seimg-acoes-tramitacao", P),
        _v("seimg-botoes-tramitacao", P),
        _v("seimg-acoes-vinculos", P),
        _v("seimg-arvore-vinculos", P),
        _v("documento", D),
        _v("conteudo", D),
        _v("delete_confirmation", D),
        _v("edit", D),
        _v("arquivo", D),
        _v("pdf-assinado", D),
        _v("gerar-links", D),
        _v("document_generation_helper_view", DI),
        _v("seimg.caching.publico", "qualquer"),
        _s("GET", "@credenciais", P),
        _s("GET", "@duplicar", P),
        _s("GET", "@relacionamentos", P),
        _s("GET", "@anotacao", P),
        _s("GET", "@revisao-acesso", P),
        _s("GET", "@marcador", P),
        _s("GET", "@assinaturas", D),
        _s("GET", "@pedidos-assinatura", D),
        _s("GET", "@pdf-assinado", D),
    }
)

# The error pages are what every failing request here renders.
PAGINAS_DE_ERRO = frozenset(
    {
        _v("index.html", "erro NotFound"),
        _v("index.html", "erro Unauthorized"),
        _v("index.html", "erro Forbidden"),
        _v("index.html", "erro qualquer"),
        # The database down: a fixed Portuguese text, nothing of the request
        # or of any object (tests/deploy/test_indisponivel.py, test_cluster.py).
        _v("index.html", "erro banco indisponível"),
        _v("index.html", "erro banco (driver)"),
        _v("index.html", "erro banco (conexão)"),
    }
)

_ENVIO = {"destinos": ["{unidade_g}"], "manter_aberto": True, "notificar": False}

PEDIDOS = {
    # --- views: process ---------------------------------------------------
    _v("andamentos", P): (
        _m("@@andamentos?resumido=1&unidade={unidade_t}"),
        _m("@@andamentos", formulario={"texto": "Andamento da sonda"}),
    ),
    _v("duplicar-processo", P): (
        _m("@@duplicar-processo", formulario={"documentos:list": "nao-existe"}),
    ),
    _v("credenciais", P): (
        _m(
            "@@credenciais",
            formulario={"acao": "conceder", "usuario": "{userid}", "senha": ERRADA},
        ),
        _m("@@credenciais", formulario={"acao": "renunciar", "senha": ERRADA}),
    ),
    _v("enviar", P): (
        _m(
            "@@enviar",
            formulario={"destinos:list": "{unidade_g}", "manter_aberto": "1"},
        ),
    ),
    _v("concluir", P): (_m("@@concluir", formulario={"confirmar_minutas": "1"}),),
    _v("revisao-acesso", P): (
        _m("@@revisao-acesso"),
        _m(
            "@@revisao-acesso",
            formulario={"documento": "{documento}", "motivo": "Motivo da sonda"},
        ),
    ),
    _v("reabrir", P): (_m("@@reabrir", formulario={}),),
    _v("cancelar-retorno", P): (
        _m("@@cancelar-retorno", formulario={"devedora": "{unidade_g}"}),
    ),
    _v("atribuir", P): (_m("@@atribuir", formulario={"usuario": "{userid}"}),),
    _v("sobrestar", P): (
        _m(
            "@@sobrestar",
            formulario={"motivo": "Sonda", "processo_vinculado": "{outro}"},
        ),
    ),
    _v("remover-sobrestamento", P): (_m("@@remover-sobrestamento", formulario={}),),
    _v("relacionar", P): (_m("@@relacionar", formulario={"processo": "{outro}"}),),
    _v("anexar", P): (_m("@@anexar", formulario={"processo": "{outro}"}),),
    _v("desanexar", P): (
        _m("@@desanexar", formulario={"processo": "{outro}", "motivo": "Sonda"}),
    ),
    _v("ciencia", P): (_m("@@ciencia", formulario={}),),
    _v("anotacao", P): (
        _m("@@anotacao", formulario={"texto": "Anotação da sonda", "prioridade": "1"}),
    ),
    _v("marcador", P): (
        _m("@@marcador", formulario={"marcador": "inexistente", "texto": "Sonda"}),
    ),
    _v("acompanhamento", P): (
        _m("@@acompanhamento", formulario={"grupo": "Sonda", "observacao": "Sonda"}),
    ),
    _v("gerar-pdf-processo", P): (
        _m("@@gerar-pdf-processo", formulario={"documentos:list": "{documento}"}),
    ),
    _v("pdf-processo-tarefa", P): (_m("@@pdf-processo-tarefa?tarefa=inexistente"),),
    _v("pdf-processo-baixar", P): (_m("@@pdf-processo-baixar?tarefa=inexistente"),),
    _v("zip-processo", P): (_m("@@zip-processo?documentos:list={documento}"),),
    # --- views: documents -------------------------------------------------
    _v("cancelar", D): (_m("@@cancelar", formulario={"motivo": "Sonda"}, sobre="D"),),
    _v("ciencia", D): (_m("@@ciencia", formulario={}, sobre="D"),),
    _v("assinar", D): (
        _m("@@assinar", formulario={"senha": ERRADA, "cargo": "{cargo}"}, sobre="D"),
    ),
    _v("cancelar-assinatura", D): (
        _m("@@cancelar-assinatura", formulario={"senha": ERRADA}, sobre="D"),
    ),
    _v("download", D): (_m("@@download/arquivo", sobre="D"),),
    _v("display-file", D): (_m("@@display-file/arquivo", sobre="D"),),
    _v("blocos-documento", D): (
        _m(
            "@@blocos-documento",
            formulario={"acao": "incluir", "bloco": "inexistente"},
            sobre="D",
        ),
    ),
    _v("gerar", DI): (_m("@@gerar?formato=odt", sobre="DI"),),
    # --- views: site, órgão, unidade --------------------------------------
    _v("iniciar-processo", S): (_site("@@iniciar-processo?q=Pedido"),),
    _v("trocar-unidade", S): (
        _site(
            "@@trocar-unidade", formulario={"unidade": "{unidade_t}", "came_from": ""}
        ),
    ),
    _v("adesao", S): (_site("@@adesao", formulario={"simular": "1"}),),
    _v("notificar-retornos", S): (_site("@@notificar-retornos"),),
    _v("notificar-classificacoes", S): (_site("@@notificar-classificacoes"),),
    _v("marcadores", S): (
        _site("@@marcadores", formulario={"nome": "Sonda", "cor": "azul"}),
    ),
    _v("acompanhamento-especial", S): (_site("@@acompanhamento-especial?grupo=Sonda"),),
    _v("administracao", S): (_site("@@administracao"),),
    _v("blocos", S): (
        _site("@@blocos?bloco=inexistente&busca={nup}", sobre="P"),
        _site(
            "@@blocos",
            formulario={"acao": "incluir", "bloco": "inexistente", "item": "{uid}"},
            sobre="P",
        ),
        _site(
            "@@blocos",
            formulario={"acao": "incluir", "bloco": "inexistente", "item": "{nup}"},
            sobre="P",
        ),
    ),
    _v("para-assinar", S): (_site("@@para-assinar?bloco=inexistente"),),
    _v("controle-processos", S): (
        _site("@@controle-processos?todos=1&sort_on=numero&sort_order=reverse"),
        _site("@@controle-processos?formato=csv&todos=1"),
        _site(
            "@@controle-processos",
            formulario={"acao": "concluir", "uids:list": "{uid}"},
            sobre="P",
        ),
    ),
    _v("enviar-processos", S): (
        _site("@@enviar-processos?uids:list={uid}", sobre="P"),
    ),
    # The staff page: every marker (they all start "MRK") and the words
    # around them, its CSV, and a NUP (which opens the process when found).
    _v("pesquisa", S): (
        _site("@@pesquisa?q=mrk*&b_size=100"),
        _site(
            "@@pesquisa?q=Pedido+OU+Texto+OU+Observa%C3%A7%C3%A3o+OU+Andamento"
            "&b_size=100"
        ),
        _site("@@pesquisa?q=mrk*&formato=csv"),
        _site("@@pesquisa?q={nup}", sobre="P"),
    ),
    _v("conferir-autenticidade", S): (
        _site("@@conferir-autenticidade?cv={uid}&crc=0000"),
    ),
    _v("conferir-autenticidade-pdf", S): (
        _site("@@conferir-autenticidade-pdf?cv={uid}&crc=0000"),
    ),
    _v("seimg-arquivos", S): (_site("@@seimg-arquivos"),),
    _v("view", "orgao"): (
        _site("orgaos/cmvs/@@view", formulario={"acao": "inexistente"}),
    ),
    _v("delete_confirmation", "unidade"): (
        _site("orgaos/cmvs/protocolo/@@delete_confirmation"),
    ),
    _v("document-generation", "qualquer"): (
        _site("@@document-generation?doc_uid={uid}&output_format=odt", sobre="DI"),
    ),
    _v("search", "raiz de navegação"): (
        _site("@@search?SearchableText={nup}&sort_on=relevance", sobre="P"),
    ),
    _v("ajax-search", "raiz de navegação"): (
        _site("@@ajax-search?SearchableText={nup}", sobre="P"),
    ),
    _v("querybuilderresults", "qualquer"): (
        _site(
            "@@querybuilderresults?query.i:records=portal_type"
            "&query.o:records=plone.app.querystring.operation.selection.any"
            "&query.v:records:list=Processo&sort_on=modified&b_size=100"
        ),
    ),
    _v("mail_password", "qualquer"): (
        _site("@@mail_password", formulario={"userid": "inexistente.sonda"}),
    ),
    _v("classificacoes", "orgao"): (_site("orgaos/cmvs/@@classificacoes?dias=3650"),),
    _v("bloqueios", "orgao"): (
        _site("orgaos/cmvs/@@bloqueios", formulario={"login": "inexistente.sonda"}),
    ),
    _v("bloqueios", S): (_site("@@bloqueios", formulario={"login": "inexistente"}),),
    _v("acervo-sigilosos", S): (
        _site("@@acervo-sigilosos"),
        _site(
            "@@acervo-sigilosos",
            formulario={"uid": "{uid}", "senha": ERRADA},
            sobre="P",
        ),
    ),
    _s("GET", "@acervo-sigilosos", S): (_site("@acervo-sigilosos"),),
    _s("POST", "@acervo-sigilosos", S): (
        _site("@acervo-sigilosos/{uid}", {"senha": ERRADA}, sobre="P"),
    ),
    _v("contas-servico", "orgao"): (
        _site(
            "orgaos/cmvs/@@contas-servico",
            formulario={"acao": "renovar", "login": "servico+inexistente"},
        ),
    ),
    # --- services: process ------------------------------------------------
    _s("GET", "@andamentos", P): (_m("@andamentos?resumido=1&unidade={unidade_t}"),),
    _s("POST", "@andamentos", P): (_m("@andamentos", {"texto": "Andamento da sonda"}),),
    _s("PATCH", "@andamentos", P): (_m("@andamentos", {"texto": "Sonda"}),),
    _s("PUT", "@andamentos", P): (_m("@andamentos", {"texto": "Sonda"}),),
    _s("DELETE", "@andamentos", P): (_m("@andamentos", {}),),
    _s("POST", "@credenciais", P): (
        _m("@credenciais", {"usuario": "{userid}", "senha": ERRADA}),
        _m("@credenciais", {"renunciar": True, "senha": ERRADA}),
    ),
    _s("DELETE", "@credenciais", P): (_m("@credenciais/{userid}", {"senha": ERRADA}),),
    _s("POST", "@enviar", P): (_m("@enviar", _ENVIO),),
    _s("POST", "@receber", P): (_m("@receber", {}),),
    _s("POST", "@concluir", P): (_m("@concluir", {"confirmar_minutas": True}),),
    _s("POST", "@revisao-acesso", P): (
        _m("@revisao-acesso", {"documento": "{documento}", "motivo": "Sonda"}),
    ),
    _s("POST", "@reabrir", P): (_m("@reabrir", {}),),
    _s("POST", "@cancelar-retorno", P): (
        _m("@cancelar-retorno", {"unidade": "{unidade_g}"}),
    ),
    _s("POST", "@atribuir", P): (_m("@atribuir", {"usuario": "{userid}"}),),
    _s("POST", "@sobrestamento", P): (
        _m("@sobrestamento", {"motivo": "Sonda", "processo_vinculado": "{outro}"}),
    ),
    _s("DELETE", "@sobrestamento", P): (_m("@sobrestamento", {}),),
    _s("POST", "@relacionamentos", P): (
        _m("@relacionamentos", {"processo": "{outro}"}),
    ),
    _s("DELETE", "@relacionamentos", P): (
        _m("@relacionamentos", {"processo": "{outro}"}),
    ),
    _s("POST", "@anexar", P): (_m("@anexar", {"processo": "{outro}"}),),
    _s("POST", "@desanexar", P): (
        _m("@desanexar", {"processo": "{outro}", "motivo": "Sonda"}),
    ),
    _s("POST", "@ciencia", P): (_m("@ciencia", {}),),
    _s("PUT", "@anotacao", P): (
        _m("@anotacao", {"texto": "Sonda", "prioridade": True}),
    ),
    _s("DELETE", "@anotacao", P): (_m("@anotacao", {}),),
    _s("PUT", "@marcador", P): (
        _m("@marcador", {"marcador": "inexistente", "texto": "Sonda"}),
    ),
    _s("DELETE", "@marcador", P): (_m("@marcador", {}),),
    _s("PUT", "@acompanhamento", P): (
        _m("@acompanhamento", {"grupo": "Sonda", "observacao": "Sonda"}),
    ),
    _s("DELETE", "@acompanhamento", P): (_m("@acompanhamento", {}),),
    _s("POST", "@pdf-processo", P): (
        _m("@pdf-processo", {"documentos": ["{documento}"]}),
    ),
    _s("GET", "@pdf-processo", P): (
        _m("@pdf-processo/inexistente"),
        _m("@pdf-processo/inexistente/download"),
    ),
    _s("GET", "@zip-processo", P): (_m("@zip-processo?documentos={documento}"),),
    _s("POST", "@documento-externo", P): (_m("@documento-externo", {}),),
    # --- services: documents ----------------------------------------------
    _s("PATCH", "", D): (_m("", {"title": "Sonda"}, sobre="D"),),
    _s("POST", "@cancelar", D): (_m("@cancelar", {"motivo": "Sonda"}, sobre="D"),),
    _s("POST", "@assinar", D): (
        _m("@assinar", {"senha": ERRADA, "cargo": "{cargo}"}, sobre="D"),
    ),
    _s("DELETE", "@assinar", D): (_m("@assinar", {"senha": ERRADA}, sobre="D"),),
    _s("POST", "@ciencia", D): (_m("@ciencia", {}, sobre="D"),),
    _s("POST", "@pedir-assinatura", D): (
        _m(
            "@pedir-assinatura",
            {"usuarios": ["{userid}"], "mensagem": "Sonda"},
            sobre="D",
        ),
    ),
    _s("GET", "@gerar", DI): (_m("@gerar?formato=odt", sobre="DI"),),
    # --- services: site, órgão --------------------------------------------
    _s("GET", "@seimg-status", S): (_site("@seimg-status"),),
    _v("saude", S): (_site("@@saude"),),
    _s("GET", "@unidades", S): (
        _site("@unidades?q=PROT&orgao=cmvs&incluir_inativas=1"),
    ),
    _s("GET", "@minhas-unidades", S): (_site("@minhas-unidades"),),
    _s("GET", "@unidade-atual", S): (_site("@unidade-atual"),),
    _s("POST", "@unidade-atual", S): (
        _site("@unidade-atual", {"unidade": "{unidade_t}"}),
    ),
    _s("POST", "@adesao", S): (
        _site("@adesao", {"conteudo": "", "nome": "adesao.xlsx", "simular": True}),
    ),
    _s("GET", "@usuarios", "orgao"): (_site("orgaos/cmvs/@usuarios"),),
    _s("POST", "@usuarios", "orgao"): (
        _site("orgaos/cmvs/@usuarios", {"login": "inexistente.sonda"}),
    ),
    _s("DELETE", "@usuarios", "orgao"): (
        _site(
            "orgaos/cmvs/@usuarios/inexistente.sonda?unidade={unidade_t}&perfil=basico"
        ),
    ),
    _s("GET", "@blocos", S): (
        _site("@blocos?tipo=assinatura"),
        _site("@blocos/inexistente"),
    ),
    _s("POST", "@blocos", S): (
        _site("@blocos/inexistente/incluir", {"itens": ["{uid}"]}, sobre="P"),
    ),
    _s("DELETE", "@blocos", S): (_site("@blocos/inexistente/itens/{uid}", sobre="P"),),
    _s("GET", "@para-assinar", S): (_site("@para-assinar"),),
    _s("GET", "@marcadores", S): (_site("@marcadores"),),
    _s("POST", "@marcadores", S): (
        _site("@marcadores", {"nome": "Sonda", "cor": "azul"}),
    ),
    _s("PATCH", "@marcadores", S): (
        _site("@marcadores/inexistente", {"nome": "Sonda"}),
    ),
    _s("DELETE", "@marcadores", S): (_site("@marcadores/inexistente"),),
    _s("GET", "@acompanhamentos", S): (_site("@acompanhamentos?grupo=Sonda"),),
    _s("GET", "@controle-processos", S): (
        _site(
            "@controle-processos?todos=1&sort_on=numero&sort_order=reverse&b_size=100"
        ),
    ),
    _s("GET", "@controle-processos", S, "text/csv"): (
        _site("@controle-processos?todos=1&b_size=100"),
    ),
    _s("GET", "@autenticidade", S): (_site("@autenticidade?cv={uid}&crc=0000"),),
    # Every marker (they all start "MRK") and the words around them, as
    # each viewer: results, counts, facets and snippets are judged alike.
    _s("GET", "@pesquisa", S): (
        _site("@pesquisa?q=mrk*&b_size=100"),
        _site(
            "@pesquisa?q=Pedido+OU+Texto+OU+Observa%C3%A7%C3%A3o+OU+Andamento"
            "&b_size=100"
        ),
        _site("@pesquisa?q={nup}", sobre="P"),
    ),
    _s("GET", "@pesquisa", S, "text/csv"): (_site("@pesquisa?q=mrk*&formato=csv"),),
    _s("GET", "@search", "qualquer"): (
        _site("@search?SearchableText={nup}&metadata_fields=_all", sobre="P"),
        _site("@search?portal_type=Processo&fullobjects=1&b_size=100"),
        _site("@search?portal_type=Documento&metadata_fields=_all&b_size=100"),
    ),
    _s("POST", "@login", S): (
        _site("@login", {"login": "inexistente.sonda", "password": ERRADA}),
    ),
    _s("POST", "@users", S): (_site("@users/inexistente.sonda/reset-password", {}),),
    _s("GET", "@users", S): (_site("@users/{userid}"), _site("@users/x/y")),
    _s("POST", "@duplicar", P): (_m("@duplicar", {"documentos": ["nao-existe"]}),),
    _s("POST", "@copy", "pasta"): (_site("processos/@copy", {"source": "{uid}"}),),
    _s("POST", "@move", "pasta"): (_site("processos/@move", {"source": "{uid}"}),),
    _s("POST", "", "pasta"): (
        _site("processos", {"@type": ["Processo"], "especificacao": "{nup}"}),
        _site(
            "processos",
            {"@type": "Processo", "especificacao": "Sonda", "nivel_acesso": "publico"},
        ),
    ),
    _s("PATCH", "@users", S): (
        _site("@users/{userid}", {"fullname": "Sonda"}),
        _site("@users/{userid}/reset-password", {}),
    ),
    _s("DELETE", "@users", S): (_site("@users/inexistente.sonda/x"),),
    _s("GET", "@bloqueios", "orgao"): (_site("orgaos/cmvs/@bloqueios"),),
    _s("GET", "@classificacoes", "orgao"): (
        _site("orgaos/cmvs/@classificacoes?dias=3650"),
    ),
    _s("DELETE", "@bloqueios", "orgao"): (_site("orgaos/cmvs/@bloqueios/inexistente"),),
    _s("GET", "@bloqueios", S): (_site("@bloqueios"),),
    _s("DELETE", "@bloqueios", S): (_site("@bloqueios/inexistente"),),
    _s("GET", "@contas-servico", "orgao"): (_site("orgaos/cmvs/@contas-servico"),),
    _s("POST", "@contas-servico", "orgao"): (
        _site("orgaos/cmvs/@contas-servico/servico+inexistente/segredo", {}),
    ),
    _s("DELETE", "@contas-servico", "orgao"): (
        _site("orgaos/cmvs/@contas-servico/servico+inexistente"),
    ),
    _s("GET", "@controlpanels/seimg-arquivos", "qualquer"): (
        _site("@controlpanels/seimg-arquivos"),
    ),
}


# --- the public portal (issue 19) ------------------------------------------
# /transparencia and @transparencia answer as an anonymous visitor whoever
# asks. PEDIDOS_COMO_A holds every request of their rows: test_transparencia
# publishes them as A and as the most entitled login (carlos.mendes: T of
# every process, G of every document, C of the sigiloso one), judges both
# answers by column A and compares them. The generic probe publishes the
# few of _NA_SONDA as every viewer kind (5xx; each viewer's own markers).
_PALAVRAS = (
    "Pedido+OU+Texto+OU+Observa%C3%A7%C3%A3o+OU+Andamento+OU+Primeira+OU+Emitido"
)
PORTAL = _v("transparencia", S)
PORTAL_REST = _s("GET", "@transparencia", S)

PEDIDOS_COMO_A = {
    PORTAL: (
        _site("transparencia"),
        _site("transparencia/pesquisa?q=mrk*&b_size=50"),
        _site(f"transparencia/pesquisa?q={_PALAVRAS}&b_size=50"),
        _site("transparencia/pesquisa?q=mrk*&b_size=50&ordem=antigos&b_start=1"),
        _site("transparencia/pesquisa.csv?q=mrk*"),
        _site("transparencia/pesquisa.json?q=mrk*"),
        _site(f"transparencia/pesquisa.json?q={_PALAVRAS}"),
        _site("transparencia/orgao/cmvs"),
        _site("transparencia/orgao/cmvs/pesquisa?q=mrk*&b_size=50"),
        _site("transparencia/orgao/cmvs/pesquisa.csv?q=mrk*"),
        _site("transparencia/orgao/cmvs/pesquisa.json?q=mrk*"),
        _site("transparencia/orgao/cmvs/lai"),
        _site("transparencia/orgao/cmvs/dados-abertos"),
        _site("transparencia/orgao/cmvs/dados-abertos/inexistente.csv"),
        _site("transparencia/acesso-restrito"),
        _site("transparencia/dicionario-de-dados"),
        # Each process: its page and PDF (NUP digits), searched by its NUP in
        # every format (a NUP found opens the process) and by its unique
        # words (the prefix of its markers), also as open data.
        _site("transparencia/processo/{nup_digitos}", sobre="P"),
        _site("transparencia/processo/{nup_digitos}/pdf", sobre="P"),
        _site("transparencia/processo/{nup_digitos}/documentos.csv", sobre="P"),
        _site("transparencia/processo/{nup_digitos}/documentos.json", sobre="P"),
        _site("transparencia/pesquisa?q={nup}", sobre="P"),
        _site("transparencia/pesquisa?q={nup_digitos}", sobre="P"),
        _site("transparencia/pesquisa?q={nup_sem_dv}", sobre="P"),
        _site("transparencia/pesquisa?q={nup_sequencia}", sobre="P"),
        _site("transparencia/pesquisa?q=mrk{sigla}*&b_size=50", sobre="P"),
        _site("transparencia/pesquisa.json?q=mrk{sigla}*", sobre="P"),
        _site("transparencia/pesquisa.csv?q={nup_digitos}", sobre="P"),
        # Each document: its page and PDF (número SEI), and searched by it.
        _site("transparencia/documento/{numero_sei}", sobre="D"),
        _site("transparencia/documento/{numero_sei}/pdf", sobre="D"),
        _site("transparencia/pesquisa?q={numero_sei}", sobre="D"),
    ),
    PORTAL_REST: (
        _site("@transparencia?q=mrk*&b_size=50"),
        _site(f"@transparencia?q={_PALAVRAS}&b_size=50"),
        _site("@transparencia?q=mrk*&orgao=cmvs&b_size=50"),
        _site("@transparencia/orgaos"),
        _site("@transparencia/processo/{nup_digitos}", sobre="P"),
        _site("@transparencia?q={nup}", sobre="P"),
        _site("@transparencia?q={nup_digitos}", sobre="P"),
        _site("@transparencia?q=mrk{sigla}*&b_size=50", sobre="P"),
        _site("@transparencia/documento/{numero_sei}", sobre="D"),
        _site("@transparencia?q={numero_sei}", sobre="D"),
    ),
}
# What the generic probe publishes of them (every viewer kind of each object).
_NA_SONDA = frozenset(
    {
        "transparencia",
        "transparencia/pesquisa?q=mrk*&b_size=50",
        "transparencia/pesquisa.csv?q=mrk*",
        "transparencia/processo/{nup_digitos}",
        "transparencia/documento/{numero_sei}",
        "@transparencia?q=mrk*&b_size=50",
        "@transparencia/processo/{nup_digitos}",
        "@transparencia/documento/{numero_sei}",
    }
)
for _chave, _modelos in PEDIDOS_COMO_A.items():
    PEDIDOS[_chave] = tuple(m for m in _modelos if m.caminho in _NA_SONDA)


def _sigla(chave: str) -> str:
    """The prefix of an object's markers after "MRK" (its unique words)."""
    from tests.divulgacao.cenario import _SIGLA

    raiz = chave.split("/")[0]
    return _SIGLA.get(raiz, raiz.upper()).lower()


def _numeros_do_nup(numero: str) -> dict:
    digitos = re.sub(r"\D", "", numero or "")
    sequencia = re.search(r"(\d+)\s*/\s*(\d{4})", numero or "")
    return {
        "nup_digitos": digitos,
        "nup_sem_dv": digitos[:-2],
        "nup_sequencia": (
            f"{int(sequencia.group(1))}/{sequencia.group(2)}" if sequencia else digitos
        ),
    }


def expandir_como_a(cenario) -> dict:
    """Fixture key → the :class:`.sonda.Pedido` of :data:`PEDIDOS_COMO_A`."""
    return expandir(cenario, pedidos_=PEDIDOS_COMO_A)


def conferir(tabela=sup.TABELA) -> tuple:
    """(rows without requests, requests without a row)."""
    chaves = {linha.chave for linha in tabela}
    cobertas = set(PEDIDOS) | SO_A_SONDA | PAGINAS_DE_ERRO
    return (
        sorted(str(c) for c in chaves - cobertas),
        sorted(str(c) for c in cobertas - chaves),
    )


def _valores(cenario, chave: str) -> dict:
    from tests.divulgacao.cenario import CARGO
    from tests.divulgacao.cenario import GERADOR
    from tests.divulgacao.cenario import TRAMITOU_EM
    from tests.processos.conftest import unidade

    obj = cenario.objetos[chave]
    processo = obj if "/" not in chave else obj.aq_parent
    portal = obj.portal_url.getPortalObject()
    outro = "aberto" if chave.split("/")[0] == "publico" else "publico"
    documentos = [d for d in processo.objectValues() if hasattr(d, "tipo_documento")]
    if "/" in chave:
        documento = obj.UID()
    else:
        documento = documentos[0].UID() if documentos else "inexistente"
    return {
        "uid": obj.UID(),
        "nup": processo.numero,
        "documento": documento,
        "outro": cenario.objetos[outro].numero if outro in cenario.objetos else "",
        "unidade_t": unidade(portal, TRAMITOU_EM).UID(),
        "unidade_g": unidade(portal, GERADOR[1]).UID(),
        "cargo": CARGO,
        # The public portal's names of the object: NUP digits, número SEI
        # (of the document, or of the process's first), the prefix of its
        # markers (its unique words).
        **_numeros_do_nup(processo.numero),
        "numero_sei": (
            obj.numero_sei
            if "/" in chave
            else (documentos[0].numero_sei if documentos else "0")
        ),
        "sigla": _sigla(chave),
    }


def _preencher(valor, valores: dict):
    """Fill the fixture placeholders; ``{userid}``/``{token}`` stay (they are
    the viewer's, filled when published)."""
    if isinstance(valor, str):
        for nome, texto in valores.items():
            valor = valor.replace(f"{{{nome}}}", str(texto))
        return valor
    if isinstance(valor, dict):
        return {k: _preencher(v, valores) for k, v in valor.items()}
    if isinstance(valor, list):
        return [_preencher(v, valores) for v in valor]
    return valor


def _sobre(cenario, modelo: Modelo, chave: str) -> bool:
    obj = cenario.objetos[chave]
    documento = "/" in chave
    if modelo.sobre == "P":
        return not documento and chave != "contato"
    if modelo.sobre == "D":
        return documento
    if modelo.sobre == "DI":
        return documento and obj.portal_type == "Documento"
    return chave == "publico"  # "1"


def expandir(cenario, linhas=sup.TABELA, pedidos_=None) -> dict:
    """Fixture key → the :class:`.sonda.Pedido` of every row published with it."""
    por_chave = {}
    linhas = {linha.chave: linha for linha in linhas}
    chaves = [c for c in cenario.objetos if c not in cenario.fora_da_sonda]
    for chave_linha, modelos in (pedidos_ or PEDIDOS).items():
        linha = linhas.get(chave_linha)
        if linha is None:
            continue
        tipo, metodo, nome, _alvo, aceita = chave_linha
        for modelo in modelos:
            for chave in chaves:
                if not _sobre(cenario, modelo, chave):
                    continue
                valores = _valores(cenario, chave)
                caminho = _preencher(modelo.caminho, valores)
                por_chave.setdefault(chave, []).append(
                    Pedido(
                        caminho,
                        aceita or "text/html",
                        no_site=modelo.no_site,
                        metodo=metodo
                        if tipo == "service"
                        else ("GET" if modelo.formulario is None else "POST"),
                        corpo=_preencher(modelo.corpo, valores),
                        formulario=_preencher(modelo.formulario, valores),
                        linha=f"{tipo} {metodo} {nome or '(conteúdo)'} em {linha.alvo}",
                        leitores=linha.leitores,
                    )
                )
    return por_chave
