"""Properties of the exchange layer: ids are always valid and unique; workbooks round-trip."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from influence.document import Document
from influence.exchange.documents import IdAllocator, slug
from influence.exchange.workbook import account_workbook, read_workbook
from influence.generate import generate_account
from influence.model import ID_PATTERN
from influence.serialize import to_document
from influence.validation import build_account

ID = re.compile(ID_PATTERN)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_allocated_ids_are_valid_and_unique(names):
    ids = IdAllocator()
    allocated = [ids.new(name, "person") for name in names]
    assert len(set(allocated)) == len(allocated)
    assert all(ID.match(i) for i in allocated)
    assert all(slug(n, "person") in allocated[i] for i, n in enumerate(names))


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), people=st.integers(5, 40))
def test_generated_accounts_round_trip_through_a_workbook(tmp_path_factory, seed, people):
    account = build_account(Document("gen", generate_account(people, seed), {}))
    doc = to_document(account)
    book = tmp_path_factory.mktemp("wb") / "a.xlsx"
    book.write_bytes(account_workbook(doc))
    again = build_account(Document("back", read_workbook(book), {}))
    assert to_document(again) == doc
