"""The ``influence`` command line: parse, call the library, format."""

from __future__ import annotations

from influence.cli.app import cli, main

# Commands register themselves on ``cli`` when imported.
from influence.cli import analysis as _analysis  # noqa: F401  isort: skip
from influence.cli import db as _db  # noqa: F401  isort: skip
from influence.cli import diff as _diff  # noqa: F401  isort: skip
from influence.cli import exchange as _exchange  # noqa: F401  isort: skip
from influence.cli import generate as _generate  # noqa: F401  isort: skip
from influence.cli import maps as _maps  # noqa: F401  isort: skip
from influence.cli import plan as _plan  # noqa: F401  isort: skip
from influence.cli import portfolio as _portfolio  # noqa: F401  isort: skip
from influence.cli import validate as _validate  # noqa: F401  isort: skip

__all__ = ["cli", "main"]
