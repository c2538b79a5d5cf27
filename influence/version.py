"""The package's version (kept equal to ``pyproject.toml``'s by a test)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
