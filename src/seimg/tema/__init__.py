"""seimg's own look for the Classic UI (issue 17).

- ``frontend/`` holds the CSS and JavaScript sources; ``make theme`` bundles
  them into ``static/`` (committed), served as ``++plone++seimg`` and loaded
  on every page by the ``plone.bundles/seimg`` registry records;
- ``browser/``: the page frame of every seimg page (skip links, landmarks),
  the header with the acting unit's órgão, the user's menu, the
  Administração menu, the footer; Plone's logo, colophon and site actions are
  gone, and the edit toolbar is only for Site Administrators and Managers
  (the ``Show Toolbar`` permission, upgrade step 1015);
- ``logo.py``: what an órgão's logo may be.
"""
