"""The command line: each command parses its arguments, calls one library function, prints.

``app`` holds the shared options and the output helper; the commands are grouped by area.
"""

from . import claims, figures, ingesting, positions, reading, serving  # noqa: F401  (each registers its commands)
from .common import app, run

__all__ = ["app", "run"]
