"""A whole number too large for the store (Neo4j keeps 64-bit integers) is refused by
validation, so validate and push agree; a large number written as a decimal is kept and
round-trips exactly."""

from __future__ import annotations

import pytest

from tests.store.helpers import write_doc

TOO_LARGE = 2**63
DOC = {"format": "influence/v1", "account": {"id": "big", "name": "Big"}}
REFUSED = (
    "activities[0].budget: budget number {n} is too large a whole number to store "
    "(at most 9223372036854775807); write a smaller number, or a decimal such as {d}"
)


@pytest.mark.parametrize("n", [TOO_LARGE, 10**30])
def test_validate_and_push_refuse_it_alike(neo4j_store, neo4j_env, run, tmp_path, n):
    path = write_doc(tmp_path / "big.yaml", {**DOC, "activities": [{"id": "a1", "budget": n}]})
    said = REFUSED.format(n=n, d=repr(float(n)))
    checked = run("validate", path)
    assert checked.exit_code == 2 and said in checked.stderr
    pushed = run("db", "push", path, env=neo4j_env)
    assert pushed.exit_code == 2 and said in pushed.stderr
    assert "internal error" not in pushed.stderr
    assert not neo4j_store.exists("big")


@pytest.mark.parametrize("budget", [2**63 - 1, float(TOO_LARGE), 1e30])
def test_the_largest_whole_number_and_large_decimals_round_trip(
    neo4j_store, neo4j_env, run, tmp_path, budget
):
    path = write_doc(tmp_path / "big.yaml", {**DOC, "activities": [{"id": "a1", "budget": budget}]})
    pushed = run("db", "push", path, env=neo4j_env)
    assert pushed.exit_code == 0, pushed.stderr
    kept = neo4j_store.pull("big").activities[0].budget
    assert kept == budget and type(kept) is type(budget)
