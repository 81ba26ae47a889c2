"""``GET /@@saude``: a cheap health check for load balancers and monitoring.

On the site (``/seimg/@@saude``): no authentication, no database write,
nothing cached. 200 with ``{"status": "ok", …}`` when the database answers
(on a cluster: RelStorage and seimg's tables in PostgreSQL; when PostgreSQL
is down the request gets 503 before reaching the view, see
``seimg.deploy.banco``, so HAProxy stops routing to the instance);
LibreOffice workers that do not listen are reported (documents can still be
read and signed ones served from their cache) but do not make the instance
unhealthy.
"""

from Products.Five.browser import BrowserView
from seimg.base import postgresql
from seimg.geracao import libreoffice
import json
import time


INICIO = time.time()


class Saude(BrowserView):
    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setHeader("Cache-Control", "no-store")
        try:
            banco = self.context.getPhysicalRoot()._p_jar is not None
        except Exception:
            banco = False
        if banco and postgresql.ativo():
            # seimg's shared state (limits, jobs, numbers) in PostgreSQL too
            banco = postgresql.disponivel()
        trabalhadores = libreoffice.workers()
        ouvindo = sum(
            1
            for indice in range(trabalhadores)
            if libreoffice.is_listening(timeout=0.2, index=indice)
        )
        response.setStatus(200 if banco else 503)
        return json.dumps(
            {
                "status": "ok" if banco else "erro",
                "banco": banco,
                "libreoffice": {"trabalhadores": trabalhadores, "ouvindo": ouvindo},
                "no_ar_ha_segundos": int(time.time() - INICIO),
            }
        )
