"""The map tests' shared large account: generated and rendered once for the session."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture(scope="session")
def big_map(tmp_path_factory):
    """``generate --people 2000 --seed 1`` rendered as of 2026-06-01: account, rendered map, saved page."""
    from influence.generate import generate_account
    from influence.loading import Document
    from influence.maps import render_map
    from influence.validation import build_account

    account = build_account(Document("g", generate_account(2000, 1), {}))
    rendered = render_map(account, "2026-06-01")
    path = rendered.save(tmp_path_factory.mktemp("big") / "big.html")
    return SimpleNamespace(account=account, rendered=rendered, path=path)
