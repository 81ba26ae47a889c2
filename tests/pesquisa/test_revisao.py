"""Adversarial review of seimg's search (issue 18): oracles, stale entries,
bad input and unbounded work, as each viewer kind of the disclosure table
would try them (A anonymous, O another órgão, U same órgão never reached,
T a unit the process went through, G the generating unit, B a bloco's unit,
C a credential holder).

Each test states the attack and what the table allows. They go through the
search API (:mod:`seimg.pesquisa.api`) and the page, so they hold for any
engine. Tests marked ``xfail(strict=True)`` expose a problem left to the
lead (the reason says which).
"""

from contextlib import contextmanager
from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.pesquisa import api as pesquisa
from tests.pesquisa.conftest import buscar
from tests.pesquisa.conftest import uids
from tests.pesquisa.conftest import uids_documentos
from tests.processos.conftest import assinar
from tests.processos.conftest import como as _como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
from tests.processos.conftest import unidade
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import pytest


G = ("carlos.mendes", "cmvs/secretaria")
A = (None, None)
O = ("helena.prado", None)  # noqa: E741 — the table's letter
U = ("gabriela.rocha", None)
T = ("beatriz.lima", "cmvs/protocolo")
C = ("daniel.souza", "cmvs/procuradoria")
B = ("lucas.teixeira", "pmvs/semec")
SENHA = "Demo@2026"
CARGO = "Secretário-Geral"


@contextmanager
def como(portal, login, caminho=None):
    """Act as ``login`` for ``caminho`` with fresh disclosure answers (they
    are cached on the request per user: a test that changes an object, or
    the unit of one user, must not read the answers of before)."""
    portal.REQUEST.other.pop("_seimg_divulgacao", None)
    with _como(portal, login, caminho):
        yield
    portal.REQUEST.other.pop("_seimg_divulgacao", None)


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


def _completa(resultado) -> dict:
    """Everything an answer tells."""
    from dataclasses import asdict

    return {
        "total": resultado.total,
        "aviso": resultado.aviso,
        "itens": [asdict(item) for item in resultado.itens],
        "facetas": {
            nome: [asdict(f) for f in lista]
            for nome, lista in resultado.facetas.items()
        },
    }


def _como_todos(portal, quem, q="", **criterios) -> dict:
    """``{viewer: the full answer}`` of one search for each viewer."""
    respostas = {}
    for login, caminho in quem:
        with como(portal, login, caminho):
            respostas[login] = _completa(buscar(q, **criterios))
    return respostas


def _contato(portal, nome, fisica=True, mei=False, **extra):
    campos = {"tipo_pessoa": "fisica" if fisica else "juridica", "nome": nome}
    if not fisica:
        campos["empresario_individual"] = mei
    campos.update(extra)
    contato = api.content.create(
        container=portal["tabelas"]["contatos"],
        type="Contato",
        title=nome,
        **campos,
    )
    contato.orgao = portal["orgaos"]["seplag"].UID()
    return contato


def _tipo_contratos(portal, publicos: bool):
    from seimg.tabelas import por_titulo

    tipo = por_titulo("TipoProcesso", "Gestão de Contratos")
    tipo.interessados_publicos = publicos
    return tipo


# --- oracles ----------------------------------------------------------------
def test_expansao_de_prefixo_nao_depende_de_formas_ocultas(secretaria):
    """Attack (A, O, U): ``zqx*`` finds a público ofício holding "zqxzzz";
    another unit's minuta (hidden from all of them) holding hundreds of
    words that sort before it must not change that."""

    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de quiosques")
    assinar(novo_oficio(processo, texto=_html("Zqxzzz visível")))
    quem = (A, O, U)
    antes = _como_todos(portal, quem, "zqx*")
    assert antes[None]["total"] == 1

    letras = "abcdefghijklmnopqrstuvwxy"
    palavras = ["zqx" + a + b + c for a in letras for b in letras for c in letras][:600]
    with como(portal, *G):
        novo_oficio(processo, texto=_html(" ".join(palavras)))  # a minuta
        assert buscar("zqxaaa").total == 1  # G reads it
    assert _como_todos(portal, quem, "zqx*") == antes


def test_interessado_exato_nao_confirma_pessoa_oculta(secretaria):
    """Attack: ``interessado=<exact name>`` (with or without words) to
    confirm that a person is an interessado of a process whose natural-person
    interessados the viewer may not see: A at P (tipo without "interessados
    públicos"), A, O and U at Rp. T (where the Rp process went) may."""
    portal = secretaria
    nome = "Josefina Quaresma Teixeirinha"
    pessoa = _contato(portal, nome)
    publico = novo_processo(
        portal, especificacao="Pedido do quiosque", interessados=[pessoa.UID()]
    )
    pessoal = novo_processo(
        portal,
        nivel="restrito",
        especificacao="Pedido do quiosque",
        interessados=[pessoa.UID()],
    )
    from seimg.processos import tramite

    tramite.abrir_em(pessoal, unidade(portal, "cmvs/protocolo"))
    for consulta in ({}, {"q": "quiosque"}):
        with como(portal, *A):
            assert buscar(interessado=nome, **consulta).total == 0
        for quem in (O, U):
            with como(portal, *quem):
                assert uids(buscar(interessado=nome, **consulta)) == [publico.UID()]
        with como(portal, *T):
            assert set(uids(buscar(interessado=nome, **consulta))) == {
                publico.UID(),
                pessoal.UID(),
            }
    # Nobody finds people by the words of their names (no autocompletion).
    for quem in (A, O, U, T, G):
        with como(portal, *quem):
            assert buscar("Quaresma").total == 0
            assert buscar("Quares*").total == 0


def test_destinatario_de_documento_restrito_nao_confirma_pessoa(secretaria):
    """Attack (A, O, U): ``interessado=<name>`` matching the addressee of a
    restrito ofício, whose header only T reads."""
    portal = secretaria
    nome = "Ermelinda Quaresma Zqx"
    processo = novo_processo(portal, especificacao="Pedido de zqxvaga")
    oficio = novo_oficio(processo, nivel="restrito", destinatarios=[nome])
    assinar(oficio)
    publico = novo_oficio(processo, destinatarios=["Outra Pessoa Zqx"])
    assinar(publico)
    for quem in (A, O, U):
        with como(portal, *quem):
            assert buscar(interessado=nome).total == 0
            assert buscar("zqxvaga", interessado=nome).total == 0
            assert uids_documentos(buscar(interessado="Outra Pessoa Zqx")) == [
                publico.UID()
            ]
    with como(portal, *G):
        assert uids_documentos(buscar(interessado=nome)) == [oficio.UID()]


def test_assunto_de_processo_pessoal(secretaria):
    portal = secretaria
    assunto = tabela("Assunto", "Apuração de responsabilidade e processo disciplinar")
    processo = novo_processo(
        portal, nivel="restrito", especificacao="Apuração", assuntos=[assunto]
    )
    for quem in (A, O, U):
        with como(portal, *quem):
            assert processo.UID() not in uids(buscar("disciplinar"))
            assert processo.UID() not in uids(buscar(assunto=assunto))


def test_cpf_e_email_de_interessado_nunca_casam(secretaria):
    """An interessado's CPF and e-mail (structured fields) are never words nor
    keys of the search, for anyone."""
    portal = secretaria
    pessoa = _contato(
        portal,
        "Teodolinda Quaresma",
        cpf="529.982.247-25",
        email="teodolinda.zqx@example.org",
    )
    novo_processo(portal, especificacao="Pedido avulso", interessados=[pessoa.UID()])
    for quem in (A, U, G):
        with como(portal, *quem):
            for q in ("529.982.247-25", "52998224725", "teodolinda.zqx", "zqx*"):
                assert buscar(q).total == 0, (quem, q)


def test_cpf_em_texto_livre_so_para_servidores_e_mascarado(secretaria):
    """A valid CPF in an especificação: staff may search it; anonymous
    visitors never match it (in any format) and never see it."""
    portal = secretaria
    processo = novo_processo(
        portal, especificacao="Requerimento de zqxmarmita de 529.982.247-25"
    )
    with como(portal, *A):
        for q in ("529.982.247-25", "52998224725", "529982247*", '"529 982 247 25"'):
            assert buscar(q).total == 0, q
        resultado = buscar("zqxmarmita")
        assert uids(resultado) == [processo.UID()]
        item = resultado.itens[0]
        assert "982" not in item.especificacao.replace("***.982.247-**", "")
        assert "529" not in str(item.trecho) + item.especificacao
    with como(portal, *U):
        assert uids(buscar("529.982.247-25")) == [processo.UID()]
        assert uids(buscar("52998224725")) == [processo.UID()]


def test_cpf_com_hifens_nao_e_achado_por_anonimos(secretaria):
    portal = secretaria
    novo_processo(portal, especificacao="Requerimento de 529-982-247-25")
    with como(portal, *A):
        assert buscar("529.982.247-25").total == 0
        assert buscar("529-982-247-25").total == 0


def test_tipo_documento_de_minuta_so_para_a_geradora(secretaria):
    """Attack (U, T): filter by the type of another unit's minuta, alone or
    with a word of its process, to learn it exists."""
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxcadeiras")
    minuta = novo_oficio(processo, texto=_html("Rascunho"))
    oficio = tabela("TipoDocumento", "Ofício")
    quem = (U, T)
    for login, caminho in quem:
        with como(portal, login, caminho):
            for q in ("", "zqxcadeiras", "rascunho", str(minuta.numero_sei)):
                resultado = buscar(q, tipo_documento=oficio)
                assert minuta.UID() not in uids_documentos(resultado), (login, q)
                assert processo.UID() not in uids(resultado), (login, q)
    with como(portal, *G):
        assert minuta.UID() in uids_documentos(
            buscar("zqxcadeiras OU rascunho", tipo_documento=oficio)
        )


def test_minuta_restrita_nao_muda_nivel_nem_filtro_para_quem_nao_a_ve(secretaria):
    """A restrito minuta does not count towards the level shown to (or
    filtered by) viewers who cannot see it."""
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxbancos")
    novo_oficio(processo, nivel="restrito", texto=_html("Parecer"))
    for quem in (A, O, U):
        with como(portal, *quem):
            assert buscar("zqxbancos", nivel="restrito").total == 0
            resultado = buscar("zqxbancos", nivel="publico")
            assert uids(resultado) == [processo.UID()]
            assert resultado.itens[0].nivel == "publico"


@pytest.mark.xfail(
    strict=True,
    reason="The nivel filter reads the stored effective level, which leaves "
    "restrito minutas out; the level shown to their generating unit counts "
    "them (divulgacao.nivel_exibido). G filtering 'restrito' misses a "
    "process the row then shows as restrito (and 'público' lists it). A "
    "per-viewer level key or a live check of nivel_exibido on the "
    "candidates: a choice for the lead. Hides only; no leak.",
)
def test_filtro_de_nivel_para_a_geradora_da_minuta_restrita(secretaria):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxarmarios")
    novo_oficio(processo, nivel="restrito", texto=_html("Parecer"))
    with como(portal, *G):
        resultado = buscar("zqxarmarios", nivel="restrito")
        assert uids(resultado) == [processo.UID()]
        assert resultado.itens[0].nivel == "restrito"


def test_documentos_ocultos_nao_mudam_nada_com_filtros_e_ordens(secretaria):
    """The no-oracle property under every filter and order: hidden documents
    (a minuta, a restrito document's text, a sigiloso process, an Rp
    especificação) holding the word change neither results, order, scores,
    snippets, counts nor facets, for A, O and U."""
    portal = secretaria
    visivel = novo_processo(portal, especificacao="Zqxtambor para a banda")
    assinar(novo_oficio(visivel, nivel="restrito", texto=_html("Parecer")))
    assinar(novo_oficio(visivel, texto=_html("zqxtambor zqxtambor")))
    outro = novo_processo(portal, especificacao="Compra de zqxtambor usado")
    assert outro
    ano = visivel.created().year()
    pedidos = [
        {"q": "zqxtambor"},
        {"q": "zqxtambor", "ordem": "data"},
        {"q": "zqxtambor", "ordem": "data_asc"},
        {"q": "zqxtam*"},
        {"q": "zqxtambor", "ano": str(ano)},
        {"q": "zqxtambor", "tipo_documento": tabela("TipoDocumento", "Ofício")},
        {"q": "zqxtambor", "nivel": "restrito"},
        {"q": "zqxtambor -zqxpandeiro"},
        {"q": "zqxtambor", "b_size": "1"},
        {"q": "zqxtambor", "b_size": "1", "b_start": "1"},
    ]
    quem = (A, O, U)

    def todas():
        return [_como_todos(portal, quem, **p) for p in pedidos]

    antes = todas()
    assert antes[0][None]["total"] == 2
    with como(portal, *G):
        texto = "zqxtambor " * 5 + "zqxpandeiro"
        novo_oficio(visivel, texto=_html(texto))  # minuta
        assinar(novo_oficio(visivel, nivel="restrito", texto=_html(texto)))
        sigiloso = novo_processo(portal, nivel="sigiloso", especificacao=texto)
        assinar(novo_oficio(sigiloso, nivel="sigiloso", texto=_html(texto)))
        novo_processo(portal, nivel="restrito", especificacao=texto)  # Rp
        assert buscar("zqxpandeiro").total == 3
    assert todas() == antes


# --- the quick open: a 302 only for an object the viewer may open -------------
def _pagina(portal, **form):
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    request.response.headers.pop("location", None)
    view = portal.restrictedTraverse("@@pesquisa")
    view()
    return request.response.getStatus(), request.response.getHeader("location")


def test_abrir_direto_nao_revela_o_que_e_oculto(secretaria):
    """Attack: type the número SEI of another unit's minuta, or the NUP of a
    sigiloso process, and look for a redirect. Only who may open the object
    is sent to it; everyone else gets the search page (200), as for a number
    that names nothing."""
    from seimg.processos import credenciais

    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxmesas")
    minuta = novo_oficio(processo, texto=_html("Rascunho"))
    sigiloso = novo_processo(portal, nivel="sigiloso", especificacao="Sigilo")
    credenciais.conceder(sigiloso, C[0], G[0])
    numero_sei = str(minuta.numero_sei)
    for login, caminho in (A, O, U, T, C):
        with como(portal, login, caminho):
            assert pesquisa.abrir_direto(numero_sei) is None, login
            if login != C[0]:
                assert pesquisa.abrir_direto(sigiloso.numero) is None, login
    with como(portal, *U):
        status, _local = _pagina(portal, q=numero_sei)
        assert status == 200
        assert _pagina(portal, q=sigiloso.numero)[0] == 200
        assert _pagina(portal, q="9999999")[0] == 200
    with como(portal, *G):
        assert pesquisa.abrir_direto(numero_sei) == minuta
        assert _pagina(portal, q=numero_sei) == (302, minuta.absolute_url())
    with como(portal, *C):
        assert pesquisa.abrir_direto(sigiloso.numero) == sigiloso


def test_abrir_direto_so_leva_a_quem_pode_abrir(secretaria):
    """U and O may learn that an Rp (or Ro, or Rc) process exists, but may not
    open its page: its NUP lists it among the results instead of sending
    them to an "access denied" page."""
    portal = secretaria
    pessoal = novo_processo(portal, nivel="restrito", especificacao="Pedido")
    contaminado = novo_processo(portal, especificacao="Pedido")
    assinar(novo_oficio(contaminado, nivel="restrito"))
    for quem in (O, U):
        with como(portal, *quem):
            for processo in (pessoal, contaminado):
                assert not api.user.has_permission("View", obj=processo)
                assert pesquisa.abrir_direto(processo.numero) is None
                status, _local = _pagina(portal, q=processo.numero)
                assert status == 200
                assert uids(buscar(processo.numero)) == [processo.UID()]


# --- stale entries may only hide ------------------------------------------------
def test_tipo_deixa_de_ter_interessados_publicos(secretaria):
    """An administrator turns a tipo's "interessados públicos" off: anonymous
    visitors stop matching its natural-person interessados at once, though
    nothing re-indexes the processes of that tipo."""
    portal = secretaria
    nome = "Florisbela Quaresma Zqx"
    pessoa = _contato(portal, nome)
    tipo = _tipo_contratos(portal, True)
    processo = novo_processo(
        portal,
        especificacao="Contrato de zqxlimpeza",
        interessados=[pessoa.UID()],
        tipo="Gestão de Contratos",
    )
    with como(portal, *A):
        assert uids(buscar(interessado=nome)) == [processo.UID()]
    tipo.interessados_publicos = False
    with como(portal, *A):
        assert buscar(interessado=nome).total == 0
        assert buscar("zqxlimpeza", interessado=nome).total == 0
    with como(portal, *U):
        assert uids(buscar(interessado=nome)) == [processo.UID()]


def test_contato_que_vira_mei_ou_muda_de_nome(secretaria):
    """A legal-person interessado (its name searchable as words by anyone at
    P) is found to be an MEI, protected as a natural person; another is
    renamed: anonymous visitors stop matching the MEI's name, and nobody
    matches a former name."""
    portal = secretaria
    empresa = _contato(portal, "Zqxpadaria Central", fisica=False)
    outra = _contato(portal, "Zqxmercearia Antiga", fisica=False)
    processo = novo_processo(
        portal,
        especificacao="Fornecimento de pães",
        interessados=[empresa.UID(), outra.UID()],
    )
    with como(portal, *A):
        assert uids(buscar("zqxpadaria")) == [processo.UID()]
        assert uids(buscar("zqxmercearia")) == [processo.UID()]
    empresa.empresario_individual = True
    notify(ObjectModifiedEvent(empresa))
    outra.nome = "Zqxarmazem Novo"
    notify(ObjectModifiedEvent(outra))
    with como(portal, *A):
        assert buscar("zqxpadaria").total == 0
        assert buscar("zqxpad*").total == 0
        assert buscar(interessado="Zqxpadaria Central").total == 0
    for quem in (A, U, G):
        with como(portal, *quem):
            assert buscar("zqxmercearia").total == 0
            assert uids(buscar("zqxarmazem")) == [processo.UID()]
    with como(portal, *U):
        assert uids(buscar(interessado="Zqxpadaria Central")) == [processo.UID()]


def test_credencial_concedida_e_cassada(secretaria):
    from seimg.processos import credenciais

    portal = secretaria
    sigiloso = novo_processo(portal, nivel="sigiloso", especificacao="Zqxsegredo")
    assinar(novo_oficio(sigiloso, nivel="sigiloso", texto=_html("zqxcofre")))
    with como(portal, *C):
        assert buscar("zqxsegredo OU zqxcofre").total == 0
        assert pesquisa.abrir_direto(sigiloso.numero) is None
    credenciais.conceder(sigiloso, C[0], G[0])
    with como(portal, *C):
        resultado = buscar("zqxsegredo OU zqxcofre")
        assert uids(resultado) == [sigiloso.UID()]
        assert len(resultado.itens[0].documentos) == 1
    with como(portal, *G):
        credenciais.cassar(sigiloso, C[0], G[0])
    with como(portal, *C):
        assert buscar("zqxsegredo OU zqxcofre").total == 0
        geradora = unidade(portal, G[1]).UID()
        assert sigiloso.UID() not in uids(buscar(tramitacao=geradora, b_size="100"))
        assert pesquisa.abrir_direto(sigiloso.numero) is None


def test_processo_que_se_torna_sigiloso_ou_pessoal(secretaria):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Zqxdenuncia anonima")
    assinar(novo_oficio(processo, texto=_html("zqxdepoimento")))
    with como(portal, *U):
        assert buscar("zqxdenuncia OU zqxdepoimento").total == 1
    with como(portal, *G):
        processo.nivel_acesso = "restrito"
        processo.hipotese_legal = tabela("HipoteseLegal", "Informação Pessoal")
        notify(ObjectModifiedEvent(processo))
    for quem in (A, O, U):
        with como(portal, *quem):
            assert buscar("zqxdenuncia").total == 0
            assert buscar("zqxdepoimento").total == 0  # Rp: content lst
            assert uids(buscar(processo.numero)) == [processo.UID()]  # exists
    with como(portal, *G):
        processo.nivel_acesso = "sigiloso"
        processo.grau_sigilo = "reservado"
        notify(ObjectModifiedEvent(processo))
    oficio = tabela("TipoDocumento", "Ofício")
    for quem in (A, O, U, T):
        with como(portal, *quem):
            assert buscar("zqxdenuncia OU zqxdepoimento").total == 0
            assert buscar(processo.numero).total == 0
            todos = buscar(tipo_documento=oficio, b_size="100")
            assert processo.UID() not in uids(todos)


def test_bloco_disponibilizado_e_retornado(secretaria):
    from seimg.blocos import api as blocos

    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxlousas")
    minuta = novo_oficio(processo, texto=_html("zqxgiz branco"))
    with como(portal, *B):
        assert buscar("zqxgiz").total == 0
    with como(portal, *G):
        bloco = blocos.criar(blocos.ASSINATURA, "Para assinar")
        blocos.incluir(bloco, minuta)
        blocos.disponibilizar(bloco, [unidade(portal, B[1])])
    with como(portal, *B):
        assert uids_documentos(buscar("zqxgiz")) == [minuta.UID()]
        assert pesquisa.abrir_direto(str(minuta.numero_sei)) == minuta
        blocos.retornar(bloco)
    with como(portal, *B):
        assert buscar("zqxgiz").total == 0
        assert pesquisa.abrir_direto(str(minuta.numero_sei)) is None


def test_documento_cancelado_e_assinatura_desfeita(secretaria):
    """A cancelled document keeps its row (lst) but its text is nobody's; a
    signature taken back makes the text a minuta's again (G only)."""
    from seimg.assinatura import api as assinatura
    from seimg.processos import acoes

    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxvassouras")
    cancelado = novo_oficio(processo, texto=_html("zqxcabo de madeira"))
    desfeito = novo_oficio(processo, texto=_html("zqxcerdas duras"))
    with como(portal, *G):
        assinatura.assinar(cancelado, SENHA, CARGO)
        assinatura.assinar(desfeito, SENHA, CARGO)
    with como(portal, *U):
        assert uids_documentos(buscar("zqxcabo OU zqxcerdas")) != []
    with como(portal, *G):
        acoes.cancelar(cancelado, "Emitido por engano")
        assinatura.cancelar_assinatura(desfeito)
    for quem in (A, U, T):
        with como(portal, *quem):
            assert buscar("zqxcabo OU zqxcerdas").total == 0
            docs = uids_documentos(buscar(str(cancelado.numero_sei)))
            assert docs == [cancelado.UID()]  # its row: lst
            assert buscar(str(desfeito.numero_sei)).total == 0
    with como(portal, *G):
        assert buscar("zqxcabo").total == 0  # content unreadable, G too
        assert uids_documentos(buscar("zqxcerdas")) == [desfeito.UID()]


def test_tramitacao_para_nova_unidade(secretaria):
    from seimg.processos import tramite

    portal = secretaria
    processo = novo_processo(
        portal, nivel="restrito", especificacao="Zqxprontuario funcional"
    )
    protocolo = unidade(portal, T[1])
    with como(portal, *T):
        assert buscar("zqxprontuario").total == 0
    assert buscar(tramitacao=protocolo.UID()).total == 0
    tramite.abrir_em(processo, protocolo)
    with como(portal, *T):
        assert uids(buscar("zqxprontuario")) == [processo.UID()]
    with como(portal, *U):
        assert uids(buscar(tramitacao=protocolo.UID())) == [processo.UID()]
        assert buscar("zqxprontuario").total == 0


def test_observacao_editada(secretaria):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de cadeiras")
    with como(portal, *G):
        processo.observacoes = "Lembrar do zqxorcamento"
        notify(ObjectModifiedEvent(processo))
        assert uids(buscar("zqxorcamento")) == [processo.UID()]
        processo.observacoes = "Lembrar da zqxgarantia"
        notify(ObjectModifiedEvent(processo))
        assert buscar("zqxorcamento").total == 0
        assert uids(buscar("zqxgarantia")) == [processo.UID()]
    for quem in (A, U, T):
        with como(portal, *quem):
            assert buscar("zqxgarantia OU zqxorcamento").total == 0


def test_anotacao_escrita_e_removida(secretaria):
    from seimg.notas import api as notas

    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de mesas")
    with como(portal, *G):
        notas.anotar(processo, "Cobrar o zqxfornecedor")
        assert uids(buscar("zqxfornecedor")) == [processo.UID()]
        notas.remover_anotacao(processo)
        assert buscar("zqxfornecedor").total == 0


# --- bad input and wrong answers -------------------------------------------------
CONSULTAS_ESTRANHAS = (
    '"',
    '" "',
    "-",
    '-"',
    "NÃO",
    "OU OU",
    "x OU",
    "OU x",
    "*",
    "***",
    "*abc",
    "a*b*c*",
    '"abc*"',
    "1/",
    "/2026",
    "0000000",
    "9" * 40,
    "\x00abc",
    "😀*",
    "ǅ*",
    "ß*",
    "İ*",
    "x" * 1000,
    '"' + "a " * 400 + '"',
    " ".join(["de"] * 30),
    "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z",
    "<script>",
)


def test_consultas_estranhas_sem_erro_interno(secretaria):
    """Odd queries: a Portuguese message (InvalidInput) or an answer, never
    another exception, from the API, the quick open and the CSV."""
    from seimg.base.erros import InvalidInput

    portal = secretaria
    assinar(novo_oficio(novo_processo(portal, especificacao="Merenda de 2026")))
    for login, caminho in (A, G):
        with como(portal, login, caminho):
            for q in CONSULTAS_ESTRANHAS:
                pesquisa.abrir_direto(q)
                try:
                    criterios = pesquisa.ler_criterios({"q": q})
                except InvalidInput:
                    continue
                pesquisa.exportar_csv(pesquisa.pesquisar(criterios))


def test_periodo_sozinho(secretaria):
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxlampadas")
    hoje = processo.created().asdatetime().date().isoformat()
    assert processo.UID() in uids(buscar(de=hoje, ate=hoje, b_size="100"))


# --- bounded work -------------------------------------------------------------
def test_trecho_nao_analisa_o_texto_inteiro(monkeypatch):
    """A snippet of a 500,000-character text whose match is at its start
    stems the words of its window, not every word of the text (a page of
    100 processes with such documents held a worker for seconds)."""
    from seimg.pesquisa import analise
    from seimg.pesquisa import consulta

    texto = "zqxalvo " + "processo administrativo de compra " * 15_000
    termos = consulta.interpretar("zqxalvo").grupos[0]
    chamadas = []
    original = analise.radical

    def contar(forma):
        chamadas.append(forma)
        return original(forma)

    monkeypatch.setattr(analise, "radical", contar)
    trecho = pesquisa.trecho(texto, termos)
    assert "<mark>zqxalvo</mark>" in trecho
    assert trecho.endswith(" …")
    assert len(chamadas) < 200


def _trecho_de_referencia(texto, termos, largura=30, mascarar=False):
    """The snippet as first written (every word of the text analysed): the
    bounded one must give the very same answer."""
    from markupsafe import escape
    from markupsafe import Markup
    from seimg.pesquisa import analise
    from seimg.pesquisa import consulta
    import re

    token = re.compile(r"[^\W_]+", re.UNICODE)
    radicais, prefixos = set(), []
    for termo in termos:
        if termo.tipo == consulta.PREFIXO:
            prefixos.append(termo.valores[0])
        else:
            radicais.update(termo.valores)
    if mascarar:
        from seimg.base.dados_pessoais import mascarar_texto

        texto = mascarar_texto(texto)
    posicoes = []
    for achado in token.finditer(texto):
        forma = analise.dobrar(achado.group())
        if forma in analise.PARADAS:
            continue
        if analise.radical(forma) in radicais or any(
            forma.startswith(p) for p in prefixos
        ):
            posicoes.append(achado.span())
    if not posicoes:
        return Markup("")
    palavras = list(token.finditer(texto))
    primeiro = next(n for n, p in enumerate(palavras) if p.span() == posicoes[0])
    inicio_n = max(0, primeiro - largura // 3)
    fim_n = min(len(palavras) - 1, inicio_n + largura)
    inicio, fim = palavras[inicio_n].start(), palavras[fim_n].end()
    partes, cursor = [], inicio
    for a, b in posicoes:
        if a < inicio or b > fim:
            continue
        partes.append(escape(texto[cursor:a]))
        partes.append(Markup("<mark>%s</mark>") % texto[a:b])
        cursor = b
    partes.append(escape(texto[cursor:fim]))
    prefixo = "… " if inicio > 0 else ""
    sufixo = " …" if fim < len(texto) else ""
    return Markup("").join([escape(prefixo), *partes, escape(sufixo)])


def test_trecho_igual_ao_de_antes():
    """The bounded snippet is the whole-text one: the window around the
    first match, every match in it marked (texts of every length, matches
    at the start, the middle and the end, words, prefixes, phrases, stop
    words, masked CPFs)."""
    from seimg.pesquisa import consulta
    import random

    vocabulario = [
        *("a", "de", "o", "licitação", "Licitações", "LICITACAO", "licitar"),
        *("contrato", "contratos", "merenda", "escolar", "<b>", "&"),
        *("529.982.247-25", "14.133/2021", "ção", "ñ", "x"),
    ]
    gerador = random.Random(18)
    consultas = ("licitação", "licita*", "contrato merenda", '"merenda escolar"')
    for _n in range(300):
        texto = " ".join(
            gerador.choice(vocabulario) for _p in range(gerador.randint(0, 120))
        )
        for q in consultas:
            termos = [t for g in consulta.interpretar(q).grupos for t in g]
            for largura in (30, 4, 1):
                for mascarar in (False, True):
                    esperado = _trecho_de_referencia(texto, termos, largura, mascarar)
                    obtido = pesquisa.trecho(texto, termos, largura, mascarar)
                    assert obtido == esperado, (texto, q, largura)


def test_exportacao_nao_corta_trechos(secretaria, monkeypatch):
    """The CSV (up to 1,000 processes) has no snippet column: it must not
    cut snippets out of every matching document."""
    portal = secretaria
    processo = novo_processo(portal, especificacao="Compra de zqxcanetas")
    assinar(novo_oficio(processo, texto=_html("zqxcanetas azuis")))

    def proibido(*args, **kwargs):
        raise AssertionError("snippet cut for an export")

    monkeypatch.setattr(pesquisa, "trecho", proibido)
    criterios = pesquisa.ler_criterios({"q": "zqxcanetas"})
    resultado = pesquisa.todas(criterios)
    assert uids(resultado) == [processo.UID()]
    assert b"zqxcanetas" in pesquisa.exportar_csv(resultado).lower()


def test_emails_are_neither_found_nor_shown_by_the_public(secretaria):
    """The table: e-mail never for A. A process's especificação may hold one
    (free text): the public search neither matches it nor shows it in a
    snippet; staff of the unit still read it on the process."""
    from tests.pesquisa.conftest import buscar
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_processo

    portal = secretaria
    processo = novo_processo(
        portal, especificacao="Ofício de zeferina.quimera@example.org sobre quimeras"
    )
    with como(portal, None):
        assert buscar("zeferina").total == 0
        resultado = buscar("quimeras")
        assert [i.uid for i in resultado.itens] == [processo.UID()]
        assert "example.org" not in str(resultado.itens[0].trecho)
