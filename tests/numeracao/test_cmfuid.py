"""CMFUid's generator takes its ids from the conflict-free counter."""

from plone import api
import transaction


def test_ids_unicos_sem_escrever_na_ferramenta(integration):
    tool = api.portal.get_tool("portal_uidgenerator")
    transaction.savepoint(optimistic=True)
    antes = tool._uid_counter
    ids = [tool() for _ in range(5)]
    assert ids == list(range(ids[0], ids[0] + 5))
    assert ids[0] > int(antes)
    assert tool._uid_counter == antes
    assert not tool._p_changed
