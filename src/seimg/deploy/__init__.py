"""Running seimg: the Zope instance's configuration and the site it serves.

``instance`` writes ``etc/zope.conf``, ``etc/zope.ini`` and ``etc/site.zcml``
from the ``SEIMG_*`` environment; ``site`` is run by ``zconsole`` at every
start to create the admin user and the Plone site when missing.
"""
