"""A citizen in Chromium checks documents on the public authenticity page."""

from tests.assinatura.test_autenticidade import assinado
from tests.assinatura.test_autenticidade import cancelar
from tests.assinatura.test_autenticidade import codigos
from tests.assinatura.test_autenticidade import TEXTO
import pytest
import transaction


pytestmark = pytest.mark.browser


def _conferir(page, site_url, cv, crc):
    """Fill in the public form (no login) and return the result element."""
    page.goto(f"{site_url}/@@conferir-autenticidade")
    page.fill("input[name='cv']", cv)
    page.fill("input[name='crc']", crc)
    page.locator("#seimg-conferir-form [type=submit]").first.click()
    page.wait_for_selector("#seimg-autenticidade-resultado")
    return page.locator("#seimg-autenticidade-resultado")


def test_pagina_publica_de_autenticidade(page, site_url, acceptance):
    from seimg.assinatura import autenticidade

    autenticidade.JANELA.limpar()
    portal = acceptance["portal"]
    valido = assinado(portal)
    cancelado = assinado(portal, texto="Documento que será cancelado.")
    cancelar(portal, cancelado)
    transaction.commit()

    cv, crc = codigos(valido)
    resultado = _conferir(page, site_url, cv, crc)
    assert resultado.get_attribute("data-resultado") == "autentico"
    assert "Carlos Mendes" in page.content()
    assert TEXTO in page.content()

    errado = "00000000" if crc != "00000000" else "11111111"
    resultado = _conferir(page, site_url, cv, errado)
    assert resultado.get_attribute("data-resultado") == "nao_confere"
    assert TEXTO not in page.content()

    resultado = _conferir(page, site_url, "9999999", crc)
    assert resultado.get_attribute("data-resultado") == "nao_confere"

    cv, crc = codigos(cancelado)
    resultado = _conferir(page, site_url, cv, crc)
    assert resultado.get_attribute("data-resultado") == "cancelado"
    assert "cancelado" in resultado.inner_text().lower()

    # The deep link of the QR code works too.
    cv, crc = codigos(valido)
    page.goto(f"{site_url}/@@conferir-autenticidade?cv={cv}&crc={crc}")
    resultado = page.locator("#seimg-autenticidade-resultado")
    assert resultado.get_attribute("data-resultado") == "autentico"
