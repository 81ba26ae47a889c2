"""Document generation: collective.documentgenerator on a supervised LibreOffice.

``libreoffice`` knows where the UNO server listens and how to restart it,
``supervisor`` runs it (console script ``seimg-libreoffice``), ``unopython``
runs appy's converter under Debian's UNO Python with a time limit (console
script ``seimg-python-uno``), and ``views`` renders templates safely.
"""
