"""seimg: SEI-style electronic processes and documents on Plone 6.2."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "seimg"

_ = MessageFactory(PACKAGE_NAME)
