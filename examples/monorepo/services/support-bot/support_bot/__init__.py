"""Acme Support answer bot: retrieval over the help centre, then a grounded reply."""

__version__ = "2.7.0"
