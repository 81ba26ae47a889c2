"""docs/openapi.yaml describes every REST service seimg registers."""

from pathlib import Path
import pytest
import yaml


SPEC = Path(__file__).parents[2] / "docs" / "openapi.yaml"


def _registries(registry, seen=None):
    seen = set() if seen is None else seen
    if id(registry) in seen:
        return
    seen.add(id(registry))
    yield registry
    for base in getattr(registry, "__bases__", ()):
        yield from _registries(base, seen)


def registered_services(portal) -> set[tuple[str, str]]:
    """(method, "@name") of every plone.rest service defined in seimg."""
    found = set()
    registrations = (
        registration
        for registry in _registries(portal.getSiteManager())
        for registration in registry.registeredAdapters()
    )
    for registration in registrations:
        factory = registration.factory
        method = getattr(factory, "method", None)
        # plone.rest subclasses the factory; the original class is a base.
        mro = getattr(factory, "__mro__", ())
        if not method or not any(c.__module__.startswith("seimg.") for c in mro):
            continue
        if registration.name.startswith(f"{method}_") and "@" in registration.name:
            found.add(
                (method.lower(), registration.name[registration.name.index("@") :])
            )
    return found


def undocumented(services, spec) -> set[tuple[str, str]]:
    documented = {
        (method.lower(), segment)
        for path, operations in spec.get("paths", {}).items()
        for segment in path.split("/")
        if segment.startswith("@")
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    return {service for service in services if service not in documented}


@pytest.fixture
def spec():
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def test_spec_is_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"]


def test_every_seimg_service_is_documented(portal, spec):
    services = registered_services(portal)
    assert ("get", "@seimg-status") in services
    assert undocumented(services, spec) == set()


def test_a_missing_service_is_reported(portal, spec):
    del spec["paths"]["/@seimg-status"]
    assert ("get", "@seimg-status") in undocumented(registered_services(portal), spec)
