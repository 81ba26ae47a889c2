"""HTTP caching of the public pages (issue 19): answers a proxy may keep.

A spike of citizens (a news story linking a process) should be absorbed by
a caching proxy in front of Plone, not by the workers. plone.app.caching is
installed and enabled by seimg's profile (``profiles/default/registry/
caching.xml``) with one mapping only: the ruleset ``seimg.publico`` — given
in ``cache.zcml`` to the public portal's view, its REST service and the
authenticity page — to the operation :class:`PublicoCaching`. Plone's own
rulesets (content views, resources, feeds) get no operation, so staff pages,
files and the rest of the REST API answer exactly as without
plone.app.caching (plone.caching only adds an ``X-Cache-Rule`` header naming
their ruleset).

The operation lets shared caches keep an answer (``max-age=0,
s-maxage=300, must-revalidate``: the proxy for five minutes, the browser
asks again each time) only when all of these hold:

- the request is an anonymous GET (signed-in users get ``private``: the
  portal renders the same data for them, but inside their own page chrome);
- the answer is a 200: a 404, a 400, a redirect or a 429 is never kept (a
  proxy would serve one address's 429, or a 404 seen before a document's
  signature, to everyone);
- the view did not say otherwise itself: a ``Cache-Control`` with
  ``no-store``, ``no-cache`` or ``private`` set by the view wins (the
  authenticity check's answers, sealed PDFs, the 429 page);
- the answer sets no cookie.

Otherwise the view's own ``Cache-Control`` is kept, and without one the
answer is marked private and stale (plone.app.caching's ``doNotCache``).

No ETag or Last-Modified, so no 304 answers: a public page is made of many
objects and of the clock (data de corte, classification terms), and a
validator taken from the site root would call a stale page fresh.
REST answers (``Accept: application/json``) add ``Vary: Accept``: the same
URL answers HTML to a browser.

The durations are registry records (``seimg.caching.publico.smaxage``,
``.maxage``, ``.vary``), editable in Plone's caching control panel.

Two more pieces keep everything else as it was:

- :class:`LookupPublico` (the ruleset lookup on seimg's sites) reports a
  ruleset only when it is one of :data:`REGRAS_ATIVAS` and has an operation.
  plone.caching writes ``X-Cache-Rule`` on every answer whose published
  object has a ruleset, operation or not; REST traverses to a hidden object
  before seimg answers 404, so that header told a hidden object's 404
  (``plone.content.dynamic``) from a missing one's (none): an existence
  oracle. Plone's content rulesets are therefore inert here even if mapped
  in the control panel (staff pages stay out of caches); static resources
  (``plone.resource``, ``plone.stableResource``) may be mapped.
- :func:`sem_transformacao`: seimg's 404 page (``seimg.divulgacao.recusa``)
  turns plone.transformchain off, and with it the operation; a 404 under
  ``/transparencia`` would leave without Cache-Control, which proxies such
  as Varnish keep for minutes. The operation runs then from the publication
  events instead.
"""

from plone import api
from plone.app.caching.lookup import ContentItemLookup
from plone.app.caching.operations.utils import doNotCache
from plone.app.caching.operations.utils import setCacheHeaders
from plone.caching.interfaces import ICacheSettings
from plone.caching.interfaces import ICachingOperation
from plone.caching.interfaces import ICachingOperationType
from plone.caching.interfaces import IRulesetLookup
from plone.caching.interfaces import X_CACHE_OPERATION_HEADER
from plone.caching.lookup import DefaultRulesetLookup
from plone.caching.utils import findOperation
from plone.caching.utils import lookupOptions
from plone.registry.interfaces import IRegistry
from plone.rest.interfaces import IAPIRequest
from seimg import _
from z3c.caching.registry import RulesetType
from zope.component import adapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import provider
import logging


logger = logging.getLogger(__name__)


RULESET = "seimg.publico"
OPERACAO = "seimg.caching.publico"

#: The ruleset type (cache.zcml registers it as a utility: the control
#: panel shows its title and description, translated).
TIPO_PUBLICO = RulesetType(
    RULESET,
    _("cache_ruleset_publico", default="seimg: public pages"),
    _(
        "cache_ruleset_publico_descricao",
        default="The public portal (transparência), its REST API and the "
        "authenticity check: what anonymous visitors read.",
    ),
)

#: The rulesets that may act on seimg's sites (see the module's docstring).
REGRAS_ATIVAS = frozenset((RULESET, "plone.resource", "plone.stableResource"))

#: Cache-Control tokens by which a view keeps its answer out of caches.
RESERVADO = ("no-store", "no-cache", "private")


def _diretiva_propria(response) -> bool:
    """Whether the view set a Cache-Control that keeps caches out."""
    valor = (response.getHeader("Cache-Control") or "").lower()
    return any(token in valor for token in RESERVADO)


def _metodo(request) -> str:
    return request.get("REQUEST_METHOD", "GET").upper()


@implementer(ICachingOperation)
@provider(ICachingOperationType)
@adapter(Interface, Interface)
class PublicoCaching:
    """Anonymous 200 GETs in shared caches; everything else kept out."""

    title = _("cache_operacao_publico", default="seimg: public pages")
    description = _(
        "cache_operacao_publico_descricao",
        default="Anonymous answers (200, GET, no cookie) are kept by caching "
        "proxies for 's-maxage' seconds and by browsers for 'maxage'; signed-in "
        "users, errors, redirects, 429 answers and answers whose view said "
        "no-store, no-cache or private are kept out of every cache.",
    )
    prefix = OPERACAO
    sort = 10
    options = ("maxage", "smaxage", "vary")

    # Defaults when the registry has no record.
    maxage = 0
    smaxage = 300
    vary = None

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def interceptResponse(self, rulename, response):
        # No validators, hence never a 304 (see the module's docstring).
        return None

    def cacheavel(self, response) -> bool:
        """Whether shared caches may keep this answer."""
        return (
            _metodo(self.request) == "GET"
            and response.getStatus() == 200
            and not _diretiva_propria(response)
            and not response.cookies
            and api.user.is_anonymous()
        )

    def modifyResponse(self, rulename, response):
        if not self.cacheavel(response):
            if not _diretiva_propria(response):
                doNotCache(self.published, self.request, response)
            return
        options = lookupOptions(self.__class__, rulename)
        maxage = options.get("maxage")
        smaxage = options.get("smaxage")
        vary = options.get("vary") or self.vary
        if IAPIRequest.providedBy(self.request) and "accept" not in (
            vary or ""
        ).lower().replace(" ", "").split(","):
            vary = ", ".join(filter(None, (vary, "Accept")))
        setCacheHeaders(
            self.published,
            self.request,
            response,
            maxage=self.maxage if maxage is None else maxage,
            smaxage=self.smaxage if smaxage is None else smaxage,
            vary=vary,
        )


def _mapeada(regra) -> bool:
    registry = queryUtility(IRegistry)
    if regra is None or regra not in REGRAS_ATIVAS or registry is None:
        return False
    settings = registry.forInterface(ICacheSettings, check=False)
    return bool((settings.operationMapping or {}).get(regra))


@implementer(IRulesetLookup)
class LookupPublico:
    """Plone's ruleset lookup, reporting only active, mapped rulesets."""

    #: The lookup Plone would use for this published object.
    padrao = DefaultRulesetLookup

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        regra = self.padrao(self.published, self.request)()
        return regra if _mapeada(regra) else None


class LookupPublicoViews(LookupPublico):
    """For views and page templates (plone.app.caching's own lookup)."""

    padrao = ContentItemLookup


def sem_transformacao(event):
    """Run the operation on an answer plone.transformchain left alone."""
    if getattr(event, "retry", False):
        return
    request = event.request
    response = request.response
    if response.getHeader(X_CACHE_OPERATION_HEADER):
        return
    try:
        regra, nome, operacao = findOperation(request)
    except Exception:  # as plone.caching's hooks: never break the answer
        logger.exception("Caching operation lookup failed")
        return
    if regra != RULESET or not isinstance(operacao, PublicoCaching):
        return
    response.setHeader(X_CACHE_OPERATION_HEADER, nome)
    operacao.modifyResponse(regra, response)
