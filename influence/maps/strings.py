"""Every word the influence map shows, in one table.

The page's JavaScript holds no English text of its own: the legend, the
panel, the search, the filter, the tooltip labels and the messages all come
from :data:`MAP_STRINGS`, passed into the page as data. To show the map in
another language, pass a translated table to
:func:`influence.maps.render_map` (``strings=``); keys missing from it keep
their English text.

Templates use ``{name}`` placeholders, filled in by the renderer (Python) or
the page (JavaScript); a translation keeps the placeholders as they are.

Examples
--------
>>> MAP_STRINGS["legend"]
'Legend'
>>> map_strings({"legend": "Легенда"})["legend"]
'Легенда'
>>> map_strings(str.upper)["search_placeholder"]
'FIND A PERSON…'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["MAP_STRINGS", "map_strings"]

MAP_STRINGS: dict[str, str] = {
    # page
    "html_lang": "en",
    "title": "Influence map: {account}",
    "graph_label": "Influence map",
    "as_of": "Influence map as of {date}",
    "redacted": "redacted",
    "summary": "Buying team {buying_team} · decision makers {decision_makers} · covered {covered} · "
    "findings: {high} high, {medium} medium, {low} low",
    "empty": "No people recorded yet. Add the buying team to the account file "
    "(people, their roles and stance) and render the map again.",
    # search
    "search_placeholder": "Find a person…",
    "search_label": "Find a person or unit by any part of the name",
    "search_none": "No one matches “{query}”",
    "search_count": "{count} found",
    "search_more": "… and {count} more: type more of the name",
    # filter
    "filter_label": "Show",
    "view_team": "Buying team and their routes",
    "view_all": "Everyone",
    "view_structure": "Org structure",
    "view_large": "Large account: showing the buying team and the people on their routes "
    "({shown} of {total} people). Choose “Everyone” to see all.",
    # highlight
    "showing": "Showing: {what}. People: {nodes}, ties: {edges}. Press Esc to clear.",
    "clear": "Clear",
    "showing_person": "Showing {name} and their direct ties.",
    # panel
    "plan_heading": "Plan: next moves ({count})",
    "plan_none": "No move raises the score: the plan has nothing to add.",
    "move_strengthen": "{team} strengthens the relationship with {person}",
    "move_meet": "{team} meets {person}",
    "move_meet_via": "{team} meets {person}, introduced by {introducer}",
    "move_gain": "score +{gain}",
    "move_resolves": "resolves: {codes}",
    "move_label": "move {rank}",
    "findings_heading": "High findings ({count})",
    "findings_none": "No high findings.",
    "changes_heading": "Since the last review",
    # legend
    "legend": "Legend",
    "legend_person": "person",
    "legend_decision_maker": "decision maker",
    "legend_team": "our team",
    "legend_competitor": "competitor",
    "legend_informal": "informal person",
    "legend_structure": "organization / unit",
    "legend_sponsor": "confirmed sponsor",
    "legend_coach": "coach",
    "legend_new": "new since the last review",
    "legend_changed": "changed since the last review",
    "legend_reports_to": "reports to",
    "legend_influences": "influences (width = strength)",
    "legend_informal_tie": "informal tie",
    "legend_relationship": "our relationship",
    "legend_competitor_tie": "competitor tie",
    "legend_anti": "anti-influence path",
    "legend_planned": "planned meeting (plan move)",
    "legend_size": "size = access to decision makers",
    "legend_hover": "hover a tie to see its strength",
    "badge_sponsor": "S",
    "badge_coach": "C",
    "mark_new": "new",
    "mark_changed": "changed",
    # stances, awareness, roles, kinds
    "stance_2": "champion",
    "stance_1": "supporter",
    "stance_0": "neutral",
    "stance_-1": "skeptic",
    "stance_-2": "opponent",
    "unknown": "unknown",
    "awareness_none": "none",
    "awareness_low": "low",
    "awareness_medium": "medium",
    "awareness_high": "high",
    "role_economic_buyer": "economic buyer",
    "role_decision_maker": "decision maker",
    "role_technical_buyer": "technical buyer",
    "role_user": "user",
    "role_problem_owner": "problem owner",
    "role_internal_customer": "internal customer",
    "role_sponsor": "sponsor",
    "role_coach": "coach",
    "role_influencer": "influencer",
    "role_anti_influencer": "anti-influencer",
    "role_gatekeeper": "gatekeeper",
    "role_procurement": "procurement",
    "status_covered": "covered",
    "status_weak": "weak",
    "status_uncovered": "uncovered",
    "tie_reports_to": "reports to",
    "tie_influences": "influences",
    "tie_family": "family",
    "tie_friend": "friend",
    "tie_former_colleague": "former colleague",
    "tie_informal": "informal",
    "yes": "yes",
    "no": "no",
    "none": "none",
    "none_recorded": "none recorded",
    "informal_yes": "yes (not on the org chart)",
    "buying_team_no": "no (context)",
    "informal_influencer": "Informal influencer",
    # tooltip labels
    "tip_name": "Name",
    "tip_title": "Title",
    "tip_unit": "Unit",
    "tip_roles": "Roles",
    "tip_stance": "Stance",
    "tip_awareness": "Awareness",
    "tip_pains": "Pains",
    "tip_offer": "Offer",
    "tip_informal": "Informal",
    "tip_buying_team": "Buying team",
    "tip_access": "Access",
    "tip_link": "Link to our team",
    "tip_coverage": "Coverage",
    "tip_threads": "Threads",
    "tip_pressure": "Competitor pressure",
    "tip_sponsor": "Sponsor",
    "tip_sponsor_confirmed": "confirmed",
    "tip_email": "Email",
    "tip_phone": "Phone",
    "tip_notes": "Notes",
    "tip_organization": "Organization",
    "tip_kind": "Kind",
    "tip_ownership": "Ownership",
    "tip_our_team": "Our team",
    "tip_role": "Role",
    "tip_competitor": "Competitor",
    "tip_incumbent": "Incumbent",
    "tip_tie": "Tie",
    "tip_from": "From",
    "tip_to": "To",
    "tip_strength": "Strength",
    "tip_reports": "{source} reports to {target}",
    "tip_relationship": "Our relationship",
    "tip_last_contact": "Last contact",
    "tip_competitor_tie": "Competitor tie",
    "tip_anti": "Anti-influence path",
    "tip_path_strength": "Path strength",
    "tip_counter": "Counter",
    "tip_opposed": "Opposed",
    "tip_change": "Since the last review",
    "tip_planned": "Planned",
    "org_kind_holding": "holding",
    "org_kind_company": "company",
    "org_kind_subsidiary": "subsidiary",
    "org_kind_branch": "branch",
    "org_kind_other": "other",
}


def map_strings(translate: Mapping[str, str] | Callable[[str], str] | None = None) -> dict[str, str]:
    """The map's word table, translated.

    Parameters
    ----------
    translate : mapping or callable, optional
        A mapping of key -> text overriding :data:`MAP_STRINGS` (missing keys
        keep their English text), or a callable applied to every English
        text (e.g. a gettext function). ``html_lang`` and the ``{…}``
        placeholders must survive translation.

    Returns
    -------
    dict
        Every key of :data:`MAP_STRINGS`.

    Examples
    --------
    >>> map_strings()["view_all"]
    'Everyone'
    """
    if translate is None:
        return dict(MAP_STRINGS)
    if callable(translate):
        return {key: translate(text) for key, text in MAP_STRINGS.items()}
    unknown = set(translate) - set(MAP_STRINGS)
    if unknown:
        raise KeyError(f"unknown map string keys: {', '.join(sorted(unknown))}")
    return {**MAP_STRINGS, **translate}
