"""Marker interfaces shared by every seimg package."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISeimgLayer(IDefaultBrowserLayer):
    """Browser layer installed with the seimg:default profile."""
