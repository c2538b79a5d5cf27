"""The file store: account files on disk, written atomically."""

from __future__ import annotations

import os

from influence.atomic import atomic_write
from influence.loading import load_file
from influence.model import Account

__all__ = ["atomic_write", "load"]


def load(path: str | os.PathLike[str]) -> Account:
    """Load and validate an account file (see :func:`influence.loading.load_file`)."""
    return load_file(path)
