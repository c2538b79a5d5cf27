"""The file store: account files on disk, written atomically."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from influence.loading import load_file
from influence.model import Account

if TYPE_CHECKING:
    from influence.atomic import atomic_write

__all__ = ["atomic_write", "load"]


def __getattr__(name: str) -> Any:  # PEP 562
    """``atomic_write``, imported on first use: a command that only reads (``gaps``) skips its module."""
    if name == "atomic_write":
        from influence.atomic import atomic_write

        return atomic_write
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(path: str | os.PathLike[str]) -> Account:
    """Load and validate an account file (see :func:`influence.loading.load_file`)."""
    return load_file(path)
