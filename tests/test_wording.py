"""Counted nouns and possessives."""

from __future__ import annotations

import doctest

import influence.wording
from influence.wording import counted, possessive


def test_counted():
    assert [counted(n, "node") for n in (0, 1, 2)] == ["0 nodes", "1 node", "2 nodes"]
    assert counted(1, "person", "people") == "1 person" and counted(3, "person", "people") == "3 people"


def test_possessive():
    assert possessive("Rival Systems") == "Rival Systems'"
    assert possessive("Anna Petrova") == "Anna Petrova's"
    assert possessive("ACME BUS") == "ACME BUS'"


def test_doctests():
    assert doctest.testmod(influence.wording).failed == 0
