"""Pure analyses of an account: coverage, sponsors, anti-influence paths, findings.

No I/O here: every function takes an :class:`~influence.model.Account`
(and a date where it matters) and returns typed rows.
"""

from influence.analysis.coverage import CoverageRow, coverage
from influence.analysis.facts import ACCESS, ANTI_MIN, COVERED, Facts
from influence.analysis.findings import SEVERITIES, Finding, findings
from influence.analysis.paths import AntiPathRow, anti_influence_paths
from influence.analysis.plan import DEFAULT_MOVES, CoverageGain, Move, Plan, apply_plan, plan, score
from influence.analysis.report import Report, analyze, rounded
from influence.analysis.sponsors import SponsorRow, sponsors

__all__ = [
    "ACCESS",
    "ANTI_MIN",
    "COVERED",
    "DEFAULT_MOVES",
    "SEVERITIES",
    "AntiPathRow",
    "CoverageGain",
    "CoverageRow",
    "Facts",
    "Finding",
    "Move",
    "Plan",
    "Report",
    "SponsorRow",
    "analyze",
    "anti_influence_paths",
    "apply_plan",
    "coverage",
    "findings",
    "plan",
    "rounded",
    "score",
    "sponsors",
]
