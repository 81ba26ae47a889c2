"""Deleting a unit from the UI: used units are refused with the reason."""

from plone import api
from plone.app.content.browser.actions import DeleteConfirmationForm
from seimg.organizacao import estrutura


class UnidadeDeleteConfirmation(DeleteConfirmationForm):
    def update(self):
        if not estrutura.pode_excluir(self.context):
            api.portal.show_message(
                estrutura.em_uso(self.context), request=self.request, type="error"
            )
            self.request.response.redirect(self.context.absolute_url())
            return
        super().update()
