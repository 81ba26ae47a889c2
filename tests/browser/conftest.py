"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless."""

from playwright.sync_api import sync_playwright
import pytest
import tempfile


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    with (
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="seimg-chromium-") as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="pt-BR",
            timezone_id="America/Sao_Paulo",
            accept_downloads=True,
        )
        yield context
        context.close()


def log_in(page, site_url, login, password):
    """Log in through Plone's login form."""
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", login)
    page.fill("#__ac_password", password)
    page.click("#login-form button[type=submit], #login-form input[type=submit]")
    page.wait_for_selector("body.userrole-authenticated", state="attached")


@pytest.fixture
def page(chromium, acceptance):
    page = chromium.new_page()
    page.set_default_timeout(30_000)
    yield page
    page.close()
    chromium.clear_cookies()
