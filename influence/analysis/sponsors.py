"""Real sponsors, sponsors at risk and candidates (docs/analysis.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influence.analysis.facts import ACCESS, COVERED, Facts, at_least, facts_for
from influence.model import STANCE_NAMES, Account

__all__ = ["SPONSOR_CLASSES", "SponsorRow", "sponsors"]

SPONSOR_CLASSES = ("sponsor", "at_risk", "candidate")


@dataclass(frozen=True)
class SponsorRow:
    """One sponsor, sponsor at risk or candidate.

    Attributes
    ----------
    person, name : str
    sponsor_class : {"sponsor", "at_risk", "candidate"}
        Serialised as ``class``.
    stance : int or None
    access : float
        1 for a decision maker, else max over decision makers d of S(p -> d).
    link : float
        max over team members t of A(t -> p).
    reasons : tuple of str
        For ``at_risk``: the failed conditions, in the spec's order.
    """

    person: str
    name: str
    sponsor_class: str
    stance: int | None
    access: float
    link: float
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON row of docs/analysis.md."""
        return {
            "person": self.person,
            "name": self.name,
            "class": self.sponsor_class,
            "stance": self.stance,
            "access": self.access,
            "link": self.link,
            "reasons": list(self.reasons),
        }


def sponsors(account: Account, facts: Facts | None = None) -> list[SponsorRow]:
    """Classify the buying team into sponsors, sponsors at risk and candidates.

    Parameters
    ----------
    account : Account
    facts : Facts, optional
        Shared search results.

    Returns
    -------
    list of SponsorRow
        ``sponsor`` rows first, then ``at_risk``, then ``candidate``; within a
        class by ``access × link`` descending, then id. People in none of the
        classes are not listed.

    Notes
    -----
    One reversed structural search per decision maker (access) and one
    forward ally search per team member (link):
    O((D + T) · (V + E) log V).
    """
    facts = facts_for(account, facts, "sponsors")
    rows: list[SponsorRow] = []
    for p in account.buying_team:
        labelled = "sponsor" in p.roles or p.stance == STANCE_NAMES["champion"]
        if not labelled and p.stance != STANCE_NAMES["supporter"]:
            continue
        access = facts.access.get(p.id, 0.0)
        link = facts.link(p.id).strength
        if labelled:
            reasons = []
            if p.stance is None:
                reasons.append("stance-unknown")
            elif not p.is_ally:
                reasons.append("stance-not-positive")
            if not at_least(access, ACCESS):
                reasons.append("low-access")
            if not at_least(link, COVERED):
                reasons.append("weak-link")
            cls = "at_risk" if reasons else "sponsor"
            rows.append(SponsorRow(p.id, p.name, cls, p.stance, access, link, tuple(reasons)))
        elif at_least(access, ACCESS):
            rows.append(SponsorRow(p.id, p.name, "candidate", p.stance, access, link))
    rows.sort(key=lambda r: (SPONSOR_CLASSES.index(r.sponsor_class), -round(r.access * r.link, 9), r.person))
    return rows
