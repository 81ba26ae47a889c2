"""The generic leak probe: publish every GET surface of an object over HTTP,
as each viewer, and look for markers the table hides from that viewer.

Surfaces are enumerated from the component registry at run time: every
named browser view registered for the object's interfaces and the request
layers of the site (Plone's views included, deduplicated by name, the most
specific registration winning as the publisher would pick it) and every
plone.rest service for GET. Nothing here lists surfaces by hand but
:data:`PULAR`, the commented skip list.

Bodies are searched after decoding: HTML unescaped, JSON decoded, PDF
through ``pdftotext``, ZIP/ODT/DOCX unzipped (their XML with tags removed,
so words split into runs are joined) — recursively.
"""

from contextlib import contextmanager
from contextlib import suppress
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from plone.rest import negotiation
from urllib.parse import quote
from zope.component import getGlobalSiteManager
from zope.interface import implementedBy
from zope.interface import Interface
from zope.interface import providedBy
from zope.interface.declarations import Declaration
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
import html
import io
import json
import re
import requests
import shutil
import subprocess
import tempfile
import time
import transaction
import zipfile


# Surfaces not published by the probe, with the reason for each group.
# Only Plone's and other add-ons' names belong here, never seimg's own
# surfaces (test_sonda checks both that, and that every name here is still
# registered). Everything else registered for a fixture object is published.
# fmt: off
_NAO_SAO_PAGINAS = (
    # Adapters the publisher reaches by name that render nothing of their
    # own: caching operations and ETag parts, output filters, transforms,
    # traversal namespaces, menu items, and plone.restapi expansion
    # components (their data is what the REST services probed here return).
    "plone.app.caching.moderateCaching", "plone.app.caching.noCaching",
    "plone.app.caching.operations.ramcache", "plone.app.caching.strongCaching",
    "plone.app.caching.terseCaching", "plone.app.caching.weakCaching",
    "plone.caching.operations.chain", "plone.caching.mutator",
    "plone.app.theming.transform", "plone.protect.autocsrf",
    "anonymousOrRandom", "catalogCounter", "copy", "language", "lastModified",
    "layout", "locked", "roles", "skin", "userLanguage", "userid",
    "resourceRegistries", "picture_variants", "resolveuid_and_caption",
    "adapter", "etc", "resource", "theme", "webresource", "api", "add",
    "addtranslation", "contextportlets", "conversation", "+",
    "actions", "aliases", "breadcrumbs", "contextnavigation", "navigation",
    "navroot", "types", "workflow", "inherit", "local_roles",
    "excelexport.restapi.search",
    "Album view", "All content", "Event listing", "Standard view",
    "Summary view", "Tabular view", "View Document",
    "plone.contentmenu.actions", "plone.contentmenu.display",
    "plone.contentmenu.factories", "plone.contentmenu.portletmanager",
    "plone.contentmenu.workflow",
    # Static resources registered as views.
    "compare.css", "custom.css",
)
_AUXILIARES = (
    # Helper views for templates and code, not publishable (404 by design).
    "plone", "plone_context_state", "plone_portal_state", "plone_tools",
    "plone_layout", "plone_lock_info", "plone_nextprevious_view",
    "plone_interface_info", "plone_contentrules_info", "plone_redirector_view",
    "portal_tabs_view", "breadcrumbs_view", "sitemap_builder_view",
    "standard_macros", "stringinterp_info", "syndication-util",
    "contenttype_utils", "default_page", "authenticator", "view_get_menu",
    "contentlisting", "folderListing", "installer", "iterate_control",
    "ical_import_tool", "default-classes",
    # Macros and templates rendered by a caller with its options.
    "main_template", "prefs_main_template", "five_template",
    "ploneform-macros", "manage-portlets-macros", "get_macros",
    "batch_macros", "batchnavigation", "global_statusmessage",
    "registered_notify_template", "mail_password_template",
    "contact-info-email", "plone.outputfilters_captioned_image",
)
_SO_POST = (
    # Actions that need POST and a CSRF token (a GET changes nothing).
    "object_copy", "object_cut", "object_delete", "object_paste",
    "fc-copy", "fc-cut", "fc-delete", "fc-itemOrder", "fc-paste",
    "fc-properties", "fc-rearrange", "fc-rename", "fc-setDefaultPage",
    "fc-tags", "fc-workflow", "content_status_modify", "folder_publish",
    "updateSharingInfo", "revertversion", "saveasnewversion",
    "update_version_before_edit", "update_version_on_edit",
    "themeFileUpload", "fileUpload", "set-portlet-blacklist-status",
    "z3cform_validate_field", "plone.cachepurging.purge",
    "plone.cachepurging.queue", "convert-legacy-portlets", "content-checkin",
    "content-checkout", "content-cancel-checkout", "confirm-action",
    "csrf_token", "images-clear", "install-intids.html",
)
_PRECISAM_DE_PARAMETROS = (
    # Without their parameters they answer an error and read no context
    # data (several answer 5xx then: listed in the leak report).
    "redirect-to-uuid", "text-transform", "download-version", "version-view",
    "version_file_view", "version_image_view", "display_query_results",
    "querybuilder_html_results", "querybuildernumberofresults",
    "querybuilderjsonconfig", "render-portlet",
    "pas_info", "pas_member", "pas_search", "babel_utils", "resolveuid",
    "json_recurrence", "images", "getVocabulary", "iconresolver",
    "gtranslation_service", "persistent-document-generation",
    "mailing-loop-persistent-document-generation", "check-pod-templates",
)
_PAGINAS_DO_SITE = (
    # Site-wide pages and Manage-portal screens: their only context data is
    # the layout around them, which the default view, @@view, @@passwordreset
    # and the listings (sitemap, recently_*, feeds) kept here exercise.
    "mail_password_form", "mail_password_response", "contact-info",
    "member-search", "member-fields", "test-rendering", "test_rendering",
    "test-rendering-cheatsheet", "test-rendering-icons", "images-test",
    "colophon", "footer", "site-logo", "ok", "plone_patterns_settings",
    "workflow-policies-controlpanel", "placeful-workflow-configuration",
    "placeful-workflow-policy-mapping", "components.html", "customizezpt",
    "customizezpt.html", "zptviews.html", "manage_interfaces",
    "edit-markers.html", "manage-portlets", "manage-viewlets",
    "topbar-manage-portlets", "manage-content-rules", "manage-aliases",
    "ical_import_settings", "require_login", "diff_legend",
    "selectViewTemplate", "select_default_page", "select_default_view",
    "folder_constraintypes_form",
)
# fmt: on
PULAR = frozenset(
    _NAO_SAO_PAGINAS
    + _AUXILIARES
    + _SO_POST
    + _PRECISAM_DE_PARAMETROS
    + _PAGINAS_DO_SITE
)


# --- surfaces ------------------------------------------------------------
@dataclass(frozen=True)
class Superficie:
    nome: str  # view name ("" = the object's default view) or service name
    tipo: str  # "view" or "service"
    aceita: str = "text/html"  # Accept header sent

    def url(self, base: str) -> str:
        if self.tipo == "service":
            return f"{base}/{quote(self.nome)}" if self.nome else base
        return f"{base}/@@{quote(self.nome)}" if self.nome else base

    def __str__(self):
        if self.tipo == "service":
            return f"GET {self.nome or '(conteúdo)'} [{self.aceita}]"
        return f"@@{self.nome}" if self.nome else "(visão padrão)"


@dataclass(frozen=True)
class Pedido:
    """A request the registry cannot list: a surface with its parameters
    (``caminho``, relative to the object, or to the site when ``no_site``),
    published with an object's surfaces and judged by its markers. A
    site-level answer (the authenticity check) says nothing about the
    object's existence: the 404 check is the object's own surfaces'."""

    caminho: str
    aceita: str = "text/html"
    no_site: bool = False
    # A surface of the table published with its parameters (.pedidos):
    metodo: str = "GET"
    corpo: object = None  # JSON body
    formulario: dict | None = None  # form fields (Classic UI; token added)
    linha: str = ""  # the row of .superficies it exercises
    leitores: str = ""  # that row's viewers

    def url(self, base: str, site_url: str) -> str:
        if not self.caminho:
            return site_url if self.no_site else base
        return f"{site_url if self.no_site else base}/{self.caminho}"

    @property
    def escreve(self) -> bool:
        return self.metodo != "GET"

    def __str__(self):
        lugar = "(site) " if self.no_site else ""
        metodo = "" if self.metodo == "GET" else f"{self.metodo} "
        return f"{metodo}{lugar}{self.caminho} [{self.aceita}]"


def servicos_get() -> dict:
    """plone.rest service-id prefixes of GET → media type."""
    result = {}
    for tipo, subtipos in negotiation._services.get("GET", {}).items():
        for subtipo, service_id in subtipos.items():
            result[service_id] = f"{tipo}/{subtipo}"
    return result


def metodos_rest() -> set:
    """Every service-id prefix plone.rest knows (any method)."""
    return {
        service_id
        for tipos in negotiation._services.values()
        for subtipos in tipos.values()
        for service_id in subtipos.values()
    }


def especificacao_do_pedido():
    """The interfaces a published request to the site provides: the browser
    layers of installed add-ons (plone.browserlayer), the default layer and
    HTTPRequest's own."""
    from plone.browserlayer.utils import registered_layers
    from ZPublisher.HTTPRequest import HTTPRequest

    return Declaration(
        *registered_layers(), IDefaultBrowserLayer, implementedBy(HTTPRequest)
    )


def nomes_registrados(obj) -> dict:
    """Name → factory of every named adapter the publisher could reach on
    ``obj`` (most specific registration per name, as it would pick)."""
    return dict(
        getGlobalSiteManager().adapters.lookupAll(
            (providedBy(obj), especificacao_do_pedido()), Interface
        )
    )


def superficies(obj, pular=PULAR) -> list:
    """Every GET surface the publisher could reach on ``obj``, by name,
    minus ``pular``."""
    get = servicos_get()
    todos = metodos_rest()
    result = {}
    for nome in nomes_registrados(obj):
        prefixo = max((p for p in todos if nome.startswith(p)), key=len, default=None)
        if prefixo is not None:
            if prefixo not in get:
                continue  # POST, PATCH, DELETE…: not probed without a body
            sup = Superficie(nome[len(prefixo) :], "service", get[prefixo])
        else:
            if nome in pular:
                continue
            sup = Superficie(nome, "view")
        result[(sup.tipo, sup.nome, sup.aceita)] = sup
    return sorted(result.values(), key=lambda s: (s.tipo, s.nome, s.aceita))


# --- decoding ------------------------------------------------------------
def _pdf(dados: bytes) -> str:
    try:
        saida = subprocess.run(
            ["pdftotext", "-q", "-", "-"],
            input=dados,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:  # pragma: no cover
        return f"<pdftotext falhou: {exc}>"
    return saida.stdout.decode("utf-8", "replace")


_TAG = re.compile(r"<[^>]+>")


def textos(dados: bytes, profundidade: int = 0) -> list:
    """Every readable text form of a body (recursive for archives)."""
    if dados.startswith(b"%PDF"):
        return [_pdf(dados), dados.decode("latin-1")]
    if dados.startswith(b"PK\x03\x04") and profundidade < 3:
        partes = []
        try:
            with zipfile.ZipFile(io.BytesIO(dados)) as arquivo:
                for info in arquivo.infolist():
                    partes.append(info.filename)
                    partes.extend(textos(arquivo.read(info), profundidade + 1))
        except zipfile.BadZipFile:
            partes.append(dados.decode("latin-1"))
        return partes
    texto = dados.decode("utf-8", "replace")
    partes = [texto]
    if "&" in texto:  # entities (&#77;, &amp;…)
        partes.append(html.unescape(texto))
    if profundidade and "<" in texto:  # ODT/DOCX XML: words split into runs
        partes.append(html.unescape(_TAG.sub("", texto)))
    if "\\u" in texto and texto.lstrip()[:1] in "[{":
        with suppress(ValueError):
            partes.append(json.dumps(json.loads(texto), ensure_ascii=False))
    if b"\x00" in dados:  # UTF-16 text in binary formats (XLS)
        partes.append(dados.decode("utf-16-le", "replace"))
        partes.append(dados[1:].decode("utf-16-le", "replace"))
    return partes


def texto_da_resposta(resposta: requests.Response) -> str:
    """Body and the headers that may carry data, decoded, lower-cased."""
    cabecalhos = [
        resposta.headers.get(nome, "") for nome in ("Location", "Content-Disposition")
    ]
    return "\n".join(cabecalhos + textos(resposta.content)).lower()


def contem(texto: str, marcador) -> bool:
    return any(forma.lower() in texto for forma in (marcador.texto, *marcador.formas))


# --- probing -------------------------------------------------------------
@dataclass(frozen=True)
class Achado:
    categoria: str  # "5xx", "vazamento", "existencia"
    leitor: str
    objeto: str
    superficie: str
    status: int
    detalhe: str = ""

    def __str__(self):
        return f"[{self.leitor}] {self.objeto} {self.superficie} → {self.status}" + (
            f": {self.detalhe}" if self.detalhe else ""
        )


@dataclass
class Resultado:
    achados: list
    publicados: int
    respostas: dict  # (leitor, objeto, superficie str) → (status, text)
    tempos: dict = field(default_factory=dict)  # superficie str → seconds
    # (viewer code, object key) → seconds spent publishing that object
    duracoes: dict = field(default_factory=dict)


def sessao(leitor) -> requests.Session:
    session = requests.Session()
    session.auth = leitor.auth
    return session


def _url_publica(obj, site_url: str) -> str:
    return obj.absolute_url().replace("http://nohost/plone", site_url)


def sondar(
    site_url: str,
    cenario,
    leitores: dict,
    chaves=None,
    nomes=None,
    guardar=(),
) -> Resultado:
    """Publish the surfaces of ``cenario``'s objects (``chaves``; all when
    None; only the surface names in ``nomes`` when given) as each viewer,
    each viewer through its own keep-alive session.

    An object is published once per viewer *kind* (:meth:`Cenario.tipo`):
    of two logins that read it alike only the first is used; a login with
    ``objetos`` is published on those objects only. The object's
    :attr:`Cenario.extras` (requests with parameters) follow its surfaces,
    unless ``nomes`` narrows the surfaces. ``guardar``:
    (viewer code, object key) pairs whose decoded bodies are kept in the
    result, for positive checks. Sequential on purpose: the WSGI server runs
    in this process, under the same GIL (3 at once measured slower than 1).
    """
    if chaves is None:
        chaves = [c for c in cenario.objetos if c not in cenario.fora_da_sonda]
    chaves = list(chaves)
    planos = {}
    for chave in chaves:
        obj = cenario.objetos[chave]
        sups = superficies(obj)
        base = _url_publica(obj, site_url)
        if nomes is not None:
            sups = [s for s in sups if s.nome in nomes]
        else:
            sups += [
                _Extra(pedido, pedido.url(base, site_url))
                for pedido in cenario.extras.get(chave, ())
                if not pedido.escreve
            ]
        escritas = [
            _Extra(pedido, pedido.url(base, site_url))
            for pedido in cenario.extras.get(chave, ())
            if pedido.escreve and (nomes is None or pedido.caminho.lstrip("@") in nomes)
        ]
        planos[chave] = (base, sups, escritas)
    por_leitor = {codigo: [] for codigo in leitores}
    for chave in planos:
        tipos = set()
        for codigo, leitor in leitores.items():
            if not leitor.sonda(chave):
                continue
            tipo = cenario.tipo(chave, leitor)
            if tipo not in tipos:
                tipos.add(tipo)
                por_leitor[codigo].append(chave)

    resultado = Resultado([], 0, {})
    # Reads first, as every viewer; then the writes of the table's rows,
    # least entitled viewers first (see ORDEM_DAS_ESCRITAS).
    fases = [(list(por_leitor), 1)]
    fases.append(([c for c in ORDEM_DAS_ESCRITAS if c in por_leitor], 2))
    for codigos, fase in fases:
        for codigo in codigos:
            leitor = leitores[codigo]
            with sessao(leitor) as session:
                for chave in por_leitor[codigo]:
                    base, sups, escritas = planos[chave]
                    publicar = sups if fase == 1 else escritas
                    if not publicar:
                        continue
                    inicio = time.monotonic()
                    # Each object's surfaces meet the throttling afresh.
                    with limites_privados():
                        _sondar_objeto(
                            resultado,
                            session,
                            cenario,
                            codigo,
                            leitor,
                            chave,
                            base,
                            publicar,
                            (codigo, chave) in guardar and fase == 1,
                        )
                    duracao = time.monotonic() - inicio
                    resultado.duracoes[codigo, chave] = (
                        resultado.duracoes.get((codigo, chave), 0.0) + duracao
                    )
    return resultado


# The writes of the table's rows (POST, PUT, PATCH, DELETE with their
# bodies) change the scenario, so they come after every read, and from the
# viewers the table entitles least to the most: a write that succeeds (a T
# sending the process on, a G cancelling its document) can only widen what
# the viewers after it may read, and those read at least as much already.
ORDEM_DAS_ESCRITAS = ("A", "O", "B", "U", "Gc", "T", "G", "C")
# Viewer kinds that may never act on a fixture object (anonymous, another
# órgão or another unit the process never reached): their writes, with the
# rows' real bodies and a valid CSRF token, must commit nothing.
DE_FORA = frozenset({"A", "O", "U"})


@dataclass(frozen=True)
class _Extra:
    """A :class:`Pedido` bound to its object's URL, published like a
    :class:`Superficie`."""

    pedido: Pedido
    endereco: str

    @property
    def aceita(self) -> str:
        return self.pedido.aceita

    def url(self, base: str) -> str:
        return self.endereco

    def __str__(self):
        return str(self.pedido)


@contextmanager
def limites_privados():
    """seimg.acesso throttles credential paths (password reset…) per client
    address, in a store shared by the process and the machine: the probe's
    requests to ``@@mail_password`` would leave 127.0.0.1 throttled for the
    tests that follow, and its answers would depend on the order of the
    probe. The probe counts in a fresh store of its own per object."""
    try:
        from seimg.acesso import limites
    except ImportError:  # no throttling in this tree
        yield
        return
    pasta = Path(tempfile.mkdtemp(prefix="seimg-sonda-"))
    anterior = limites.usar(limites.SQLiteStore(pasta / "limites.sqlite"))
    try:
        yield
    finally:
        limites.usar(anterior)
        shutil.rmtree(pasta, ignore_errors=True)


def _sondar_objeto(
    resultado, session, cenario, codigo, leitor, chave, base, sups, guardar
):
    achados = resultado.achados
    tempos = resultado.tempos
    proibidos = cenario.proibidos(leitor)
    oculto = cenario.oculto(chave, leitor)
    for sup in sups:
        inicio = time.monotonic()
        pedido = sup.pedido if isinstance(sup, _Extra) else None
        transacao = None
        if pedido is not None and (pedido.escreve or pedido.formulario is not None):
            if cenario.db is not None:
                transacao = cenario.db.lastTransaction()
            resposta = _escrever(session, sup.url(base), pedido, leitor, cenario)
        else:
            resposta = session.get(
                sup.url(base),
                headers={"Accept": sup.aceita},
                allow_redirects=False,
                timeout=120,
            )
        resultado.publicados += 1
        status = resposta.status_code
        texto = texto_da_resposta(resposta)
        tempos[str(sup)] = tempos.get(str(sup), 0.0) + time.monotonic() - inicio
        if guardar:
            resultado.respostas[codigo, chave, str(sup)] = (status, texto)
        if status >= 500:
            achados.append(Achado("5xx", codigo, chave, str(sup), status, _erro(texto)))
        vazados = [m for m in proibidos if contem(texto, m)]
        if vazados:
            detalhe = "; ".join(f"{m.texto} ({m.onde})" for m in vazados)
            achados.append(
                Achado("vazamento", codigo, chave, str(sup), status, detalhe)
            )
        no_site = isinstance(sup, _Extra) and sup.pedido.no_site
        if (
            transacao is not None
            and not no_site
            and cenario.db.lastTransaction() != transacao
            and _de_fora(cenario, chave, leitor, pedido)
        ):
            achados.append(
                Achado(
                    "aceito",
                    codigo,
                    chave,
                    str(sup),
                    status,
                    f"{pedido.linha}: gravou algo, e quem pediu não pode agir "
                    "no objeto",
                )
            )
        if oculto and status != 404 and not no_site:
            achados.append(
                Achado(
                    "existencia",
                    codigo,
                    chave,
                    str(sup),
                    status,
                    "oculto pela tabela, mas a resposta não é 404",
                )
            )


def _de_fora(cenario, chave, leitor, pedido) -> bool:
    """Is ``leitor`` someone the table never lets act on ``chave`` with the
    row of ``pedido``?"""
    tipo = cenario.tipo(chave, leitor)[0]
    return tipo in DE_FORA and tipo not in pedido.leitores.split()


def _preencher_do_leitor(valor, leitor, cenario):
    if isinstance(valor, str):
        valor = valor.replace("{userid}", leitor.login or "anonimo")
        return valor.replace("{token}", cenario.fichas.get(leitor.login, ""))
    if isinstance(valor, dict):
        return {k: _preencher_do_leitor(v, leitor, cenario) for k, v in valor.items()}
    if isinstance(valor, list):
        return [_preencher_do_leitor(v, leitor, cenario) for v in valor]
    return valor


def _escrever(session, url, pedido, leitor, cenario) -> requests.Response:
    """Publish a request with a body: a form (with the viewer's CSRF token)
    or JSON."""
    url = _preencher_do_leitor(url, leitor, cenario)
    if pedido.formulario is not None:
        dados = _preencher_do_leitor(pedido.formulario, leitor, cenario)
        dados = {**dados, "_authenticator": cenario.fichas.get(leitor.login, "")}
        return session.request(
            pedido.metodo,
            url,
            data=dados,
            headers={"Accept": pedido.aceita},
            allow_redirects=False,
            timeout=120,
        )
    corpo = _preencher_do_leitor(pedido.corpo, leitor, cenario)
    return session.request(
        pedido.metodo,
        url,
        json=corpo,
        headers={"Accept": pedido.aceita},
        allow_redirects=False,
        timeout=120,
    )


def fichas(portal, leitores) -> dict:
    """Login → its CSRF token (plone.protect), for the Classic UI forms."""
    from plone.app.testing import login
    from plone.app.testing import logout
    from plone.keyring.interfaces import IKeyManager
    from plone.protect.authenticator import createToken
    from zope.component import getUtility

    # The site's key ring (the served site checks against it), whatever
    # site hook this thread has.
    portal._p_jar.sync()
    chaves = getUtility(IKeyManager, context=portal)
    resultado = {}
    for leitor in leitores.values():
        if leitor.login and leitor.login not in resultado:
            login(portal, leitor.login)
            resultado[leitor.login] = createToken(manager=chaves)
            logout()
    # The key ring may have been filled just now: the served site must see it.
    transaction.commit()
    return resultado


def _erro(texto: str) -> str:
    """A short hint of a server error (type and message) from its page."""
    achado = re.search(r'"error_type":\s*"([^"]+)"', texto)
    if achado:
        return achado.group(1)
    achado = re.search(r'"type":\s*"([^"]+)"[^}]*"message":\s*"([^"]{0,160})', texto)
    if achado:
        return f"{achado.group(1)}: {achado.group(2)}"
    achado = re.search(r"(\w+(?:error|exception)[^<\n]{0,160})", texto)
    return achado.group(1) if achado else ""


def relatorio(achados, categoria=None) -> str:
    linhas = [str(a) for a in achados if categoria is None or a.categoria == categoria]
    return f"{len(linhas)} achado(s):\n" + "\n".join(sorted(linhas))
