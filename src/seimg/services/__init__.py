"""plone.restapi services of seimg, one sub-package per endpoint family.

Every service registered here must be described in ``docs/openapi.yaml``;
``tests/services/test_openapi.py`` fails when one is missing.
"""
