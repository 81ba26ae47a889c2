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


def test_spec_validates(spec):
    """docs/openapi.yaml is a valid OpenAPI 3 document (openapi-spec-validator)."""
    from openapi_spec_validator import validate

    validate(spec)


def test_no_flow_mapping_loses_text():
    """A flow mapping ({a: b, c}) with an unquoted comma in a value silently
    turns the rest of the value into a key: every description and summary
    must survive as written (a key without a value is such a leftover)."""

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if value is None and key not in ("example", "default"):
                    yield f"{path}/{key}"
                yield from walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}/{index}")

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert list(walk(spec, "")) == []


def _resolver(spec, objeto):
    if isinstance(objeto, dict) and "$ref" in objeto:
        alvo = spec
        for parte in objeto["$ref"].lstrip("#/").split("/"):
            alvo = alvo[parte]
        return alvo
    return objeto


def _operacoes(spec):
    for caminho, operacoes in spec["paths"].items():
        for metodo, operacao in operacoes.items():
            if metodo in ("get", "post", "put", "patch", "delete"):
                yield caminho, metodo, operacoes, operacao


def test_every_path_parameter_has_an_example(spec):
    sem = [
        (metodo, caminho, parametro["name"])
        for caminho, metodo, operacoes, operacao in _operacoes(spec)
        for parametro in (
            _resolver(spec, p)
            for p in operacoes.get("parameters", []) + operacao.get("parameters", [])
        )
        if parametro.get("in") == "path"
        and "example" not in parametro
        and "example" not in parametro.get("schema", {})
    ]
    assert sem == []


def test_request_bodies_are_closed(spec):
    abertos = []
    for caminho, metodo, _ops, operacao in _operacoes(spec):
        corpo = _resolver(spec, operacao.get("requestBody") or {})
        for conteudo in corpo.get("content", {}).values():
            esquema = _resolver(spec, conteudo.get("schema", {}))
            if (
                esquema.get("type") == "object"
                and esquema.get("additionalProperties") is not False
            ):
                abertos.append((metodo, caminho))
    assert abertos == []


def test_every_documented_operation_is_registered(portal, spec):
    """The reverse of test_every_seimg_service_is_documented: a documented
    seimg operation (a path segment @name of seimg's) has a registration."""
    registrados = registered_services(portal)
    nossos = {nome for _m, nome in registrados}
    orfaos = {
        (metodo, segmento)
        for caminho, metodo, _ops, _op in _operacoes(spec)
        for segmento in caminho.split("/")
        if segmento in nossos and (metodo, segmento) not in registrados
    }
    assert orfaos == set()
