# Run by `zconsole run etc/zope.conf scripts/create-site.py` (see start.sh).
from seimg.deploy.site import main


main(app)
