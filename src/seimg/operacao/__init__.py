"""Operação: what an operator or a monitor asks a running site.

``rest/``: ``GET @seimg-status`` (versions, LibreOffice workers) and the
health check ``<site>/@@saude`` (database and LibreOffice, for load
balancers). The scripts that install, start, back up and restore live in
``seimg.deploy`` and ``scripts/``.
"""
