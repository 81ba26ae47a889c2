"""1020 → 1021: the transparency portal is the site's home page.

Only :func:`seimg.transparencia.instalar.instalar_portal`: the ``transparencia``
view among the site's views and as its layout, unless a manager chose a
default page of their own (the demo's ``bem-vindo`` is replaced). The Órgão's
new "Transparência" fields need no step: their defaults (portal on, no texts,
no data de corte) hold for existing órgãos. Running it twice changes nothing.
"""

from seimg.transparencia.instalar import instalar_portal


def upgrade(context):
    instalar_portal()
