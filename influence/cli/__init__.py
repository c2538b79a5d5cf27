"""The ``influence`` command line: parse, call the library, format.

Each command lives in a module of this package and registers itself on
:data:`cli` when that module is imported; :data:`~influence.cli.app.COMMAND_MODULES`
names the module of each, so that a command imports only what it needs.
"""

from __future__ import annotations

from influence.cli.app import cli, main, script

__all__ = ["cli", "main", "script"]
