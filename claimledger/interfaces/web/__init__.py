"""The web interface: HTML pages with JSON twins, and the REST API, over one ledger."""

from .app import create_app

__all__ = ["create_app"]
