"""influence: stakeholder influence analysis for B2B enterprise account planning."""

from influence.errors import InfluenceError, SourceError, StoreError, ValidationError
from influence.model import Account

__all__ = ["Account", "InfluenceError", "SourceError", "StoreError", "ValidationError"]
__version__ = "0.1.0"
