"""Starting processes and writing documents as a demo user."""

from plone import api
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import re


def test_processo_gets_nup_and_is_open_in_the_unit(portal):
    from seimg.processos import tramite

    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal)
        assert re.fullmatch(r"2101\.02\.\d{7}/\d{4}-\d{2}", processo.numero)
        assert tramite.unidades_abertas(processo) == [
            portal["orgaos"]["cmvs"]["secretaria"].UID()
        ]
        assert api.content.get_state(processo) == "publico"
        doc = novo_oficio(processo)
        assert re.fullmatch(r"\d{7}", doc.numero_sei)
        assert re.fullmatch(r"Ofício nº \d+/\d{4}/CMVS/SECRETARIA", doc.title)
        assert api.content.get_state(doc) == "minuta"
