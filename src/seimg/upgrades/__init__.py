"""Upgrade steps of the seimg:default profile.

Every change to ``profiles/default`` bumps the version in ``metadata.xml`` and
registers a step here (in ``configure.zcml``) that brings older sites to it.
Version 1000 is the first release; sites installed from it need no step.
"""
