"""The canary: a deliberately leaking view, registered by this test only,
is caught both by the inventory (it has no row) and by the generic probe
(its answer carries a marker the table hides) — so those checks can fail.
Its twin ``@@seimg-canario-escrita`` writes on POST for anyone who reads
the process: the probe's writes catch it (something committed by a viewer
who may not act on the object).

``@@seimg-canario`` (zope.Public, for any process) answers the observações
of every unit. A unit the process was sent to reads the process, but not the
observações another unit wrote (row "Observações", viewer T: writing unit
only). The after-traversal guard lets it through (T may View the process):
only the table's rows, checked by the probe, catch it.
"""

from Products.Five import BrowserView
from seimg.divulgacao import tabela
from seimg.interfaces import IProcesso
from seimg.interfaces import ISeimgLayer
from tests.divulgacao import cenario
from tests.divulgacao import sonda
from tests.divulgacao import superficies
from zope.component import getGlobalSiteManager
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.configuration import xmlconfig
from zope.interface import Interface


NOME = "seimg-canario"
ZCML = f"""
<configure xmlns="http://namespaces.zope.org/zope"
           xmlns:browser="http://namespaces.zope.org/browser">
  <browser:page
      name="{NOME}"
      for="seimg.interfaces.IProcesso"
      class="tests.divulgacao.test_canario.Canario"
      permission="zope.Public"
      layer="seimg.interfaces.ISeimgLayer"
      />
</configure>
"""


ESCRITA = "seimg-canario-escrita"
ZCML_ESCRITA = ZCML.replace(NOME, ESCRITA).replace("Canario", "CanarioEscrita")


class CanarioEscrita(BrowserView):
    """Writes on purpose, for whoever reads the process."""

    def __call__(self):
        if self.request.method == "POST":
            self.context._seimg_canario = True
        return "<html><body><p>ok</p></body></html>"


class Canario(BrowserView):
    """Leaks on purpose: every unit's observações, to whoever reads the process."""

    def __call__(self):
        self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        todas = getattr(self.context, "_observacoes", None) or {}
        return f"<html><body><p>{' '.join(todas.values())}</p></body></html>"


def _registrar(layer, zcml=ZCML):
    # zope.component's ZCML handlers register in getSiteManager(): without a
    # site hook that is the global registry the WSGI server reads.
    site = getSite()
    setSite(None)
    try:
        xmlconfig.string(zcml, context=layer["configurationContext"])
    finally:
        setSite(site)


def _desregistrar(nome=NOME):
    getGlobalSiteManager().unregisterAdapter(
        required=(IProcesso, ISeimgLayer), provided=Interface, name=nome
    )


def test_canario_de_escrita_e_pego_pela_sonda(acceptance, site_url):
    portal = acceptance["portal"]
    # "aberto" is público (P): another órgão's staff read it.
    cena = cenario.montar(portal, chaves=("aberto",))
    cena.db = portal._p_jar.db()
    leitores = {c: cenario.LEITORES[c] for c in ("A", "O")}
    cena.fichas = sonda.fichas(portal, leitores)
    cena.extras["aberto"] = (
        sonda.Pedido(f"@@{ESCRITA}", metodo="POST", formulario={}, leitores="T"),
    )
    _registrar(acceptance, ZCML_ESCRITA)
    try:
        resultado = sonda.sondar(site_url, cena, leitores, nomes={ESCRITA})
    finally:
        _desregistrar(ESCRITA)
    aceitos = [a for a in resultado.achados if a.categoria == "aceito"]
    # Both wrote: anonymous visitors (plone.protect does not guard them) and
    # another órgão's staff (with a valid CSRF token).
    assert [(a.leitor, a.objeto) for a in aceitos] == [
        ("A", "aberto"),
        ("O", "aberto"),
    ], sonda.relatorio(resultado.achados)


def test_canario_e_pego_pelo_inventario_e_pela_sonda(acceptance, site_url):
    portal = acceptance["portal"]
    cena = cenario.montar(portal, chaves=("restrito",))
    leitor = {"T": cenario.LEITORES["T"]}
    # Without the canary, neither check complains about it.
    assert not any(NOME in linha for linha in superficies.conferir()[0])
    antes = sonda.sondar(site_url, cena, leitor, nomes={NOME})
    assert antes.publicados == 0

    _registrar(acceptance)
    try:
        sem_linha, _sem_registro = superficies.conferir()
        assert f"view @@{NOME} em processo" in "\n".join(sem_linha), sem_linha

        resultado = sonda.sondar(site_url, cena, leitor, nomes={NOME})
        assert resultado.publicados == 1
        vazamentos = [a for a in resultado.achados if a.categoria == "vazamento"]
        assert [(a.leitor, a.objeto, a.superficie) for a in vazamentos] == [
            ("T", "restrito", f"@@{NOME}")
        ], sonda.relatorio(resultado.achados)
        assert "MRKRESOBSZ" in vazamentos[0].detalhe
        # What the table says, read from the table.
        assert tabela.oculto(tabela.OBSERVACOES, tabela.RESTRITO, tabela.TRAMITOU)
    finally:
        _desregistrar()
    assert not any(NOME in linha for linha in superficies.conferir()[0])
