"""A vanilla Plone site in the same Zope as seimg is untouched by seimg.

seimg is loaded for the whole Zope process (its ZCML, its patches), but only
seimg sites may run its code. Here a plain Plone site is created beside the
seimg site, in the same database, and does the ordinary writes of an editor
(folder, page with versioning, workflow, edit, delete). Every record its
transactions store, side commits included, is captured at the storage: none
may hold a seimg class or a seimg key.
"""

from plone.app.testing import SITE_OWNER_NAME
from ZODB.DemoStorage import DemoStorage
import pytest
import transaction
import ZODB


class StorageQueGuarda(DemoStorage):
    """A DemoStorage that keeps every record stored through it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gravados: list[tuple[bytes, bytes]] = []

    def store(self, oid, serial, data, version, transaction):
        self.gravados.append((oid, data))
        return super().store(oid, serial, data, version, transaction)

    def storeBlob(self, oid, serial, data, blobfilename, version, transaction):
        self.gravados.append((oid, data))
        return super().storeBlob(oid, serial, data, blobfilename, version, transaction)


@pytest.fixture
def zope_vizinho(acceptance):
    """A Zope app on a storage stacked over the seimg layer's database."""
    from plone.testing import zope
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    storage = StorageQueGuarda(name="vizinho", base=acceptance["zodbDB"].storage)
    db = ZODB.DB(storage)
    anterior = getSite()
    setSite(None)  # the layer's site belongs to another connection
    try:
        with zope.zopeApp(db=db) as app:
            yield app, storage
    finally:
        transaction.abort()
        db.close()
        setSite(anterior)


def _gravar(app, storage, passo):
    """Run ``passo()``, commit, return the records it stored."""
    antes = len(storage.gravados)
    passo()
    transaction.commit()
    return storage.gravados[antes:]


def test_site_vanilla_nao_guarda_nada_do_seimg(zope_vizinho):
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.testing import zope
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    app, storage = zope_vizinho
    assert "plone" in app.objectIds()  # the seimg site, same database
    zope.login(app["acl_users"], SITE_OWNER_NAME)
    gravados = []
    sites = {}

    def criar_site():
        sites["vanilla"] = addPloneSite(
            app,
            "vanilla",
            extension_ids=("plone.app.contenttypes:default",),
            setup_content=False,
        )

    gravados += _gravar(app, storage, criar_site)
    site = sites["vanilla"]
    setSite(site)
    objetos = {}

    def escrever():
        pasta = api.content.create(container=site, type="Folder", title="Pasta")
        objetos["pagina"] = api.content.create(
            container=pasta,
            type="Document",
            title="Página",
            text=RichTextValue("<p>Texto da página.</p>", "text/html", "text/html"),
        )
        objetos["pasta"] = pasta
        api.content.transition(obj=pasta, transition="publish")
        api.content.transition(obj=objetos["pagina"], transition="publish")

    gravados += _gravar(app, storage, escrever)

    def editar():
        from zope.lifecycleevent import modified

        pagina = objetos["pagina"]
        pagina.title = "Página revista"
        modified(pagina)
        api.portal.get_tool("portal_repository").save(pagina, comment="revisão")

    gravados += _gravar(app, storage, editar)
    gravados += _gravar(app, storage, lambda: api.content.delete(obj=objetos["pasta"]))

    assert len(gravados) > 100  # the site, its tools, content, versions
    com_seimg = [oid for oid, data in gravados if b"seimg" in data]
    assert com_seimg == [], (
        f"{len(com_seimg)} of {len(gravados)} records mention seimg, e.g. "
        f"{next(d for o, d in gravados if o == com_seimg[0])[:300]!r}"
    )
    assert not [nome for nome in vars(site.aq_base) if "seimg" in nome]
