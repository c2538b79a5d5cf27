"""Redaction for sharing: private people become anonymous "informal influencers".

Used by ``--redact`` on ``map`` and ``review``: private people keep a place
in the graph under an anonymous id (``informal-1``, …), their names in
findings become "an informal influencer", and contact details and notes are
dropped by the renderers.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from influence.analysis import Finding, Report
from influence.i18n import N_, translator
from influence.model import Account

__all__ = ["ANONYMOUS", "Redactor"]

# TRANSLATORS: stands in for a private person's name in shared reports, after words like "reaches"
ANONYMOUS = N_("an informal influencer")


class Redactor:
    """Anonymous ids and names for an account's private people.

    Parameters
    ----------
    account : Account
    active : bool
        When False every method returns its input unchanged.
    lang : {"en", "ru"}, optional
        The language of the anonymous name (default English).
    """

    def __init__(self, account: Account, active: bool = True, lang: str | None = None):
        self.anonymous = translator(lang).gettext(ANONYMOUS)
        private = [p for p in account.people if p.private] if active else []
        self.ids = {p.id: f"informal-{i + 1}" for i, p in enumerate(private)}
        self._names = sorted({p.name for p in private if p.name}, key=lambda n: (-len(n), n))

    def id(self, node: str) -> str:
        """The id to show for a node."""
        return self.ids.get(node, node)

    def text(self, value: str) -> str:
        """Text with every private person's name replaced."""
        for name in self._names:
            value = value.replace(name, self.anonymous)
        return value

    def value(self, value: Any) -> Any:
        """Ids and names replaced inside evidence-like data."""
        if isinstance(value, str):
            return self.ids.get(value, self.text(value))
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value

    def finding(self, f: Finding) -> Finding:
        """A finding with private people anonymised: ids in subject and evidence, names in its words.

        The evidence of a finding about a private person loses her pains
        (``offer-missing``): what troubles her is as personal as her name.
        """
        if f.subject in self.ids and "pains" in f.evidence:
            f = dataclasses.replace(f, evidence={k: v for k, v in f.evidence.items() if k != "pains"})
        return f.redacted(self.text, self.value, self.id(f.subject))

    def report(self, report: Report) -> Report:
        """A report whose findings are anonymised, and whose private people are named anonymously.

        The tables keep their ids; everything rendered by name (the plan's
        moves included) shows a private person only as the anonymous name.
        """
        if not self.ids:
            return report
        people = tuple(
            dataclasses.replace(p, name=self.anonymous) if p.id in self.ids else p
            for p in report.account.people
        )
        return dataclasses.replace(
            report,
            account=dataclasses.replace(report.account, people=people),
            findings=[self.finding(f) for f in report.findings],
        )
