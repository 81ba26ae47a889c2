"""The generic leak probe over HTTP (project issue 12, "It must show").

The scenario of :mod:`.cenario` (processes at every level — S, Ro, Rc, Rp,
P — with signed, restrito, cancelled and reclassified documents, a minuta
in a bloco de assinatura, a document whose first version only its unit may
read, natural, MEI and legal-person interessados, a contato) is published
through the running WSGI server, every GET surface of every object
(:func:`.sonda.superficies`: seimg's and Plone's views and REST services,
minus :data:`.sonda.PULAR`), with no parameters, plus the object's
requests with parameters (:attr:`.cenario.Cenario.extras`: version views,
the authenticity check), as each viewer kind of the table: A, O (also an
órgão administrator), U, T, G, a colaborador of G, B and C. The
expectations come from :mod:`seimg.divulgacao.tabela` through the markers'
routes.

Every row of :mod:`.superficies` is also published with its parameters
or body (:mod:`.pedidos`): reads with the generic surfaces, writes after
every read, least entitled viewers first (:data:`.sonda.ORDEM_DAS_ESCRITAS`),
Classic UI forms with the viewer's CSRF token.

The probe runs once per session (about 110 s here, idle); each test below
asserts one property of its answers:

- the viewer kinds and levels the scenario assumes are the code's
  (:func:`.cenario.conferir_tipos`, in-process);
- no answer is a server error (5xx);
- no answer carries a marker the table hides from that viewer;
- an object the table hides from a viewer answers 404 on every surface,
  writes included;
- a write of someone who may not act on the object (A, O, U) commits
  nothing (the database's last transaction is unchanged);
- the probe is not blind: where the table shows a field, the answer has it
  (and G and its colaborador read what their unit generated).
"""

from tests.divulgacao import cenario
from tests.divulgacao import pedidos
from tests.divulgacao import sonda
from tests.divulgacao import superficies
import pytest


_RESULTADO = {}

# 5xx of Plone's or add-ons' views unrelated to disclosure, each checked by
# its own strict xfail below (it must start failing to xfail when fixed).
# (collective.excelexport's views and services, which also exported every
# field of the items below the context, are refused on seimg sites by
# seimg.divulgacao.guarda: they answer 404.)
FALHAS_CONHECIDAS = {
    "@@babel_edit": (
        "plone.app.multilingual's translation form raises (500) for a user who "
        "may edit the object (T on the process open in its unit, B on the "
        "bloco's minuta)"
    ),
}


def resultado(acceptance, site_url) -> sonda.Resultado:
    """The probe's answers, computed by the first test that asks."""
    if "resultado" not in _RESULTADO:
        cena = cenario.montar(acceptance["portal"])
        # Every row of the table with its parameters (.pedidos).
        cena.fichas = sonda.fichas(acceptance["portal"], cenario.LEITORES)
        cena.db = acceptance["portal"]._p_jar.db()
        _RESULTADO["pedidos"] = pedidos.expandir(cena)
        for chave, lista in _RESULTADO["pedidos"].items():
            cena.extras[chave] = cena.extras.get(chave, ()) + tuple(lista)
        _RESULTADO["tipos"] = cenario.conferir_tipos(acceptance["portal"], cena)
        guardar = {(c, k) for c, k, _s, _m in POSITIVOS + PALAVRAS}
        # Before the probe: its writes (last) change the scenario.
        _RESULTADO["diretos"] = _pedir_diretos(site_url, cena)
        _RESULTADO["resultado"] = sonda.sondar(
            site_url, cena, cenario.LEITORES, guardar=guardar
        )
        _RESULTADO["marcadores"] = {m.texto: m for m in cena.marcadores}
        _RESULTADO["nomes"] = {
            chave: set(sonda.nomes_registrados(obj))
            for chave, obj in cena.objetos.items()
        }
    return _RESULTADO["resultado"]


def _pedir_diretos(site_url, cena) -> dict:
    """The answers of :data:`POSITIVOS_DIRETOS` (status, decoded and
    lower-cased text, markers hidden from that viewer found in it)."""
    respostas = {}
    for codigo, chave, caminho, aceita, _texto in POSITIVOS_DIRETOS:
        if (codigo, chave, caminho, aceita) in respostas:
            continue
        leitor = cenario.LEITORES[codigo]
        base = cena.objetos[chave].absolute_url()
        url = base.replace("http://nohost/plone", site_url)
        url = f"{url}/{caminho}" if caminho else url
        with sonda.sessao(leitor) as session:
            resposta = session.get(
                url, headers={"Accept": aceita}, allow_redirects=False, timeout=120
            )
        texto = sonda.texto_da_resposta(resposta)
        vazados = [m for m in cena.proibidos(leitor) if sonda.contem(texto, m)]
        respostas[codigo, chave, caminho, aceita] = (
            resposta.status_code,
            texto,
            vazados,
        )
    return respostas


def _achados(acceptance, site_url, categoria):
    return [
        a for a in resultado(acceptance, site_url).achados if a.categoria == categoria
    ]


def test_leitores_e_niveis_do_cenario_sao_os_do_codigo(acceptance, site_url):
    resultado(acceptance, site_url)
    erros = _RESULTADO["tipos"]
    assert not erros, "\n".join(erros)


def test_nenhuma_resposta_5xx(acceptance, site_url):
    achados = [
        a
        for a in _achados(acceptance, site_url, "5xx")
        if a.superficie not in FALHAS_CONHECIDAS
    ]
    assert not achados, "Respostas 5xx: " + sonda.relatorio(achados)


@pytest.mark.parametrize(
    "superficie",
    [
        pytest.param(nome, marks=pytest.mark.xfail(strict=True, reason=motivo))
        for nome, motivo in FALHAS_CONHECIDAS.items()
    ],
)
def test_falha_conhecida(acceptance, site_url, superficie):
    achados = [
        a for a in _achados(acceptance, site_url, "5xx") if a.superficie == superficie
    ]
    assert not achados, sonda.relatorio(achados)


def test_nenhum_marcador_oculto_aparece(acceptance, site_url):
    achados = _achados(acceptance, site_url, "vazamento")
    assert not achados, (
        "Marcadores que a tabela esconde do leitor apareceram: "
        + sonda.relatorio(achados)
    )


def test_quem_nao_pode_agir_e_recusado(acceptance, site_url):
    """Every write of the table's rows, with its body, as an anonymous
    visitor or another órgão's staff on an object they may not act on:
    nothing is committed, whatever the object's level."""
    achados = _achados(acceptance, site_url, "aceito")
    assert not achados, "Escritas aceitas de quem está de fora: " + sonda.relatorio(
        achados
    )


def test_cada_linha_e_publicada_com_seus_parametros(acceptance, site_url):
    """Each row's requests (.pedidos) went out, as more than one viewer."""
    resultado(acceptance, site_url)
    publicados = _RESULTADO["resultado"].publicados
    esperados = sum(len(v) for v in _RESULTADO["pedidos"].values())
    assert publicados > esperados


def test_objeto_oculto_responde_404_em_toda_superficie(acceptance, site_url):
    achados = _achados(acceptance, site_url, "existencia")
    assert not achados, (
        "Objetos ocultos pela tabela responderam outra coisa que 404: "
        + sonda.relatorio(achados)
    )


# The probe is not blind: where the table shows a field (✔) and the page
# renders it, the decoded answer holds its marker. A document's content is
# shown by the workspace from @@conteudo (its own isolated page).
POSITIVOS = (
    ("C", "sigiloso", "(visão padrão)", "MRKSIGESPZ"),
    ("C", "sigiloso", "GET (conteúdo) [application/json]", "MRKSIGESPZ"),
    ("C", "sigiloso/doc", "@@conteudo", "MRKSIGDOCZ"),
    ("T", "publico/doc", "@@conteudo", "MRKPUBDOCZ"),
    ("T", "publico", "@@andamentos", "MRKPUBANDZ"),
    # A process at level P: legal persons but MEI are public; staff read
    # natural persons and MEI by name.
    ("A", "aberto", "(visão padrão)", "MRKABEESPZ"),
    ("A", "aberto", "(visão padrão)", "MRKABEPJNOMZ"),
    ("A", "aberto", "GET (conteúdo) [application/json]", "MRKABEPJNOMZ"),
    ("O", "aberto", "(visão padrão)", "MRKABEMEINOMZ"),
    ("U", "aberto", "(visão padrão)", "MRKABEMEINOMZ"),
    ("A", "aberto/rascunho", "@@conteudo", "MRKABEFINZ"),
    ("T", "publico/reclassificado", "@@conteudo", "MRKPUBRECZ"),
    # The generating unit reads the version saved before the signature.
    ("G", "aberto/rascunho", "@history/0 [application/json]", "MRKABERASZ"),
    (
        "G",
        "aberto/rascunho",
        "@@versions_history_form?version_id=0 [text/html]",
        "MRKABERASZ",
    ),
    # The unit the bloco is made available to reads its minuta.
    ("B", "publico/minuta", "@@conteudo", "MRKPUBMINZ"),
    ("B", "publico/minuta", "GET (conteúdo) [application/json]", "MRKPUBMINZ"),
)

# Words of a row's form where the table shows that form: a cancelled
# document is its row and "cancelado em <data>" (lst) for everyone.
PALAVRAS = (("A", "aberto/cancelado", "(visão padrão)", "cancelado em"),)

# Positives of viewers the probe does not publish on that object (G and its
# colaborador read what their unit generated): (viewer, object, path,
# Accept, marker), asked once each.
POSITIVOS_DIRETOS = (
    ("G", "publico/minuta", "@@conteudo", "text/html", "MRKPUBMINZ"),
    ("Gc", "publico/minuta", "@@conteudo", "text/html", "MRKPUBMINZ"),
    ("Gc", "publico/minuta", "", "application/json", "MRKPUBMINZ"),
    ("Gc", "aberto/rascunho", "@history/0", "application/json", "MRKABERASZ"),
    # A tipo with "interessados públicos": natural persons and MEI by name
    # for anonymous visitors too (their CPF, CNPJ and e-mail still not).
    ("A", "contratos", "", "text/html", "MRKCTRINTNOMZ"),
    ("A", "contratos", "", "text/html", "MRKCTRMEINOMZ"),
    ("A", "contratos", "", "application/json", "MRKCTRMEINOMZ"),
)


def test_sonda_encontra_o_que_a_tabela_mostra(acceptance, site_url):
    res = resultado(acceptance, site_url)
    marcadores = _RESULTADO["marcadores"]
    faltam = []
    for codigo, chave, sup, texto in POSITIVOS:
        marcador = marcadores[texto]
        assert marcador.visivel(cenario.LEITORES[codigo]), (codigo, texto)
        status, corpo = res.respostas[codigo, chave, sup]
        if status != 200 or not sonda.contem(corpo, marcador):
            faltam.append(f"[{codigo}] {chave} {sup} → {status}: sem {texto}")
    for codigo, chave, sup, palavras in PALAVRAS:
        status, corpo = res.respostas[codigo, chave, sup]
        if status != 200 or palavras not in corpo:
            faltam.append(f"[{codigo}] {chave} {sup} → {status}: sem {palavras!r}")
    assert not faltam, "\n".join(faltam)


def test_pedidos_diretos_mostram_o_que_a_tabela_mostra(acceptance, site_url):
    """G and a colaborador of G read the unit's minuta and the versions
    saved before a signature (row "Minuta": G ✔; a colaborador reads what
    the unit reads); anonymous visitors read the interessados of a tipo
    whose interessados are public."""
    resultado(acceptance, site_url)
    marcadores = _RESULTADO["marcadores"]
    faltam = []
    for codigo, chave, caminho, aceita, texto in POSITIVOS_DIRETOS:
        marcador = marcadores[texto]
        assert marcador.visivel(cenario.LEITORES[codigo]), (codigo, texto)
        status, corpo, _vazados = _RESULTADO["diretos"][codigo, chave, caminho, aceita]
        if status != 200 or not sonda.contem(corpo, marcador):
            faltam.append(
                f"[{codigo}] {chave} {caminho or '(objeto)'} [{aceita}] → "
                f"{status}: sem {texto}"
            )
    assert not faltam, "\n".join(faltam)


def test_lista_de_pulos_so_tem_superficies_alheias_e_registradas(acceptance, site_url):
    """PULAR never hides one of seimg's surfaces, and holds no stale name."""
    resultado(acceptance, site_url)
    de_seimg = {chave[2] for chave in superficies.registradas() if chave[0] == "view"}
    assert not (sonda.PULAR & de_seimg), sorted(sonda.PULAR & de_seimg)
    registrados = set().union(*_RESULTADO["nomes"].values())
    assert not (sonda.PULAR - registrados), sorted(sonda.PULAR - registrados)


def test_pedidos_diretos_nao_mostram_marcadores_ocultos(acceptance, site_url):
    resultado(acceptance, site_url)
    achados = [
        f"[{codigo}] {chave} {caminho or '(objeto)'} [{aceita}] → {status}: "
        + "; ".join(f"{m.texto} ({m.onde})" for m in vazados)
        for (codigo, chave, caminho, aceita), (status, _corpo, vazados) in (
            _RESULTADO["diretos"].items()
        )
        if vazados
    ]
    assert not achados, "\n".join(achados)
