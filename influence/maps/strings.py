"""Every word the influence map shows, in one table.

The page's JavaScript holds no English text of its own: the legend, the
panel, the search, the filter, the tooltip labels and the messages all come
from :data:`MAP_STRINGS`, passed into the page as data. Every text is
marked for the gettext catalogues (``N_``), so ``render_map(..., lang="ru")``
(or the account's ``language``) shows the Russian interface; a table of
your own can still be passed as ``strings=`` (keys missing from it keep
their English text).

Templates use ``{name}`` placeholders, filled in by the renderer (Python) or
the page (JavaScript); a translation keeps the placeholders as they are.

Examples
--------
>>> MAP_STRINGS["legend"]
'Legend'
>>> map_strings({"legend": "Легенда"})["legend"]
'Легенда'
>>> map_strings(lambda text: text.replace("Find", "Search for"))["search_placeholder"]
'Search for a person…'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from influence.errors import UsageError
from influence.i18n import N_, NC_

__all__ = ["MAP_CONTEXTS", "MAP_STRINGS", "map_strings"]

MAP_STRINGS: dict[str, str] = {
    # page
    "html_lang": "en",
    # the decimal separator of the numbers in tooltips (Russian writes a comma)
    "decimal": N_("."),
    "title": N_("Influence map: {account}"),
    "graph_label": N_("Influence map"),
    "as_of": N_("Influence map as of {date}"),
    "redacted": N_("redacted"),
    # TRANSLATORS: a review pack's map, before the names of the pack's other files (gaps.md, plan.json…)
    "pack_links": N_("Review pack:"),
    "summary": N_(
        "Buying team {buying_team} · decision makers {decision_makers} · covered {covered} · "
        "findings: {high} high, {medium} medium, {low} low"
    ),
    "empty": N_(
        "No people recorded yet. Add the buying team to the account file "
        "(people, their roles and stance) and render the map again."
    ),
    # search
    "search_placeholder": N_("Find a person…"),
    "search_label": N_("Find a person or unit by any part of the name"),
    "search_none": N_("No one matches “{query}”"),
    "search_count": N_("{count} found"),
    "search_more": N_("… and {count} more: type more of the name"),
    # filter
    "filter_label": N_("Show"),
    "view_team": N_("Buying team and their routes"),
    "view_all": N_("Everyone"),
    "view_structure": N_("Org structure"),
    "view_large": N_(
        "Large account: showing the buying team and the people on their routes "
        "({shown} of {total} people). Choose “Everyone” to see all."
    ),
    "view_readable": N_(
        "Showing the buying team and the people on their routes ({shown} of {total} people), "
        "so that the names can be read on this screen. Choose “Everyone” to see all."
    ),
    # highlight
    "showing": N_("Showing: {what}. People: {nodes}, ties: {edges}. Press Esc to clear."),
    "showing_alone": N_(
        "Showing: {what}, its people drawn together so that the names can be read. "
        "People: {nodes}, ties: {edges}. Press Esc to put them back."
    ),
    "showing_nothing": N_("{what}: this finding has nothing to show on the map. Press Esc to clear."),
    "clear": N_("Clear"),
    "showing_person": N_("Showing {name} and their direct ties."),
    # panel
    "plan_heading": N_("Plan: next moves ({count})"),
    "plan_none": N_("No move raises the score: the plan has nothing to add."),
    # TRANSLATORS: the plan is empty although decision makers are not covered
    "plan_stalled": N_(
        "No move raises the score, yet some decision makers are not covered: record who knows whom and "
        "each person's stance, or find someone to introduce us (see the findings)."
    ),
    "move_strengthen": N_("{team} strengthens the relationship with {person}"),
    "move_meet": N_("{team} meets {person}"),
    "move_meet_via": N_("{team} meets {person}, introduced by {introducer}"),
    "move_gain": N_("gain +{gain}"),
    "move_resolves": N_("resolves: {codes}"),
    "move_label": N_("move {rank}"),
    "findings_heading": N_("High findings ({count})"),
    "findings_none": N_("No high findings."),
    "changes_heading": N_("Since the last review"),
    # TRANSLATORS: the card under "Since the last review" that lights what is new or changed when clicked
    "changes_card": N_("Show what changed"),
    # legend
    "legend": N_("Legend"),
    "legend_person": N_("person"),
    "legend_decision_maker": N_("decision maker"),
    "legend_team": N_("our team"),
    "legend_competitor": N_("competitor"),
    "legend_informal": N_("informal person"),
    "legend_structure": N_("organization / unit"),
    "legend_context": N_("faded: not in the buying team"),
    "legend_sponsor": N_("confirmed sponsor"),
    "legend_coach": N_("coach"),
    "legend_new": N_("new since the last review"),
    "legend_changed": N_("changed since the last review"),
    "legend_reports_to": N_("reports to"),
    "legend_influences": N_("influences (width = strength)"),
    "legend_informal_tie": N_("informal tie"),
    "legend_relationship": N_("our relationship"),
    "legend_competitor_tie": N_("competitor tie"),
    "legend_anti": N_("anti-influence path"),
    "legend_planned": N_("planned meeting (plan move)"),
    "legend_structure_tie": N_("person in a unit, unit in an organization"),
    # TRANSLATORS: a redacted map's grey line: a tie of a private person, or a private tie, without details
    "legend_private_tie": N_("private tie (no details shown)"),
    # TRANSLATORS: the team's own map: a padlock on a private person (left out of shared, redacted maps)
    "legend_private_person": N_("private person: not for shared maps"),
    # TRANSLATORS: the team's own map: a padlock on a private tie, or on a tie of a private person
    "legend_private_mark_tie": N_("private tie: not for shared maps"),
    # a stance's colour in the legend (the same English words as the tooltip's stance, see MAP_CONTEXTS)
    "legend_stance_2": "champion",
    "legend_stance_1": "supporter",
    "legend_stance_0": "neutral",
    "legend_stance_-1": "skeptic",
    "legend_stance_-2": "opponent",
    "legend_stance_unknown": "unknown",
    "legend_size": N_("size = access to decision makers"),
    "legend_hover": N_("hover a tie to see its strength"),
    "badge_sponsor": N_("S"),
    "badge_coach": N_("C"),
    "mark_new": N_("new"),
    "mark_changed": N_("changed"),
    # stances, awareness, roles, kinds
    "stance_2": N_("champion"),
    "stance_1": N_("supporter"),
    "stance_0": N_("neutral"),
    "stance_-1": N_("skeptic"),
    "stance_-2": N_("opponent"),
    "unknown": N_("unknown"),
    "awareness_none": N_("none"),
    "awareness_low": N_("low"),
    "awareness_medium": N_("medium"),
    "awareness_high": N_("high"),
    "role_economic_buyer": N_("economic buyer"),
    "role_decision_maker": N_("decision maker"),
    "role_technical_buyer": N_("technical buyer"),
    "role_user": N_("user"),
    "role_problem_owner": N_("problem owner"),
    "role_internal_customer": N_("internal customer"),
    "role_sponsor": N_("sponsor"),
    "role_coach": N_("coach"),
    "role_influencer": N_("influencer"),
    "role_anti_influencer": N_("anti-influencer"),
    "role_gatekeeper": N_("gatekeeper"),
    "role_procurement": N_("procurement"),
    # a decision maker's coverage and its status, as the diff writes them
    "status_covered": N_("{coverage} (covered)"),
    "status_weak": N_("{coverage} (weak)"),
    "status_uncovered": N_("{coverage} (uncovered)"),
    "tie_reports_to": N_("reports to"),
    "tie_influences": N_("influences"),
    "tie_family": N_("family"),
    "tie_friend": N_("friend"),
    "tie_former_colleague": N_("former colleague"),
    "tie_informal": N_("informal"),
    "yes": N_("yes"),
    "no": N_("no"),
    "none": N_("none"),
    "none_recorded": N_("none recorded"),
    "informal_yes": N_("yes (not on the org chart)"),
    "buying_team_no": N_("no (context)"),
    "informal_influencer": N_("Informal influencer"),
    # tooltip labels
    "tip_name": N_("Name"),
    "tip_title": N_("Title"),
    "tip_unit": N_("Unit"),
    "tip_roles": N_("Roles"),
    "tip_stance": N_("Stance"),
    "tip_awareness": N_("Awareness"),
    "tip_pains": N_("Pains"),
    "tip_offer": N_("Offer"),
    "tip_informal": N_("Informal"),
    "tip_buying_team": N_("Buying team"),
    "tip_access": N_("Access"),
    "tip_link": N_("Link to our team"),
    "tip_coverage": N_("Coverage"),
    "tip_threads": N_("Threads"),
    "tip_pressure": N_("Competitor pressure"),
    "tip_sponsor": N_("Sponsor"),
    "tip_sponsor_confirmed": N_("confirmed"),
    "tip_email": N_("Email"),
    "tip_phone": N_("Phone"),
    "tip_notes": N_("Notes"),
    "tip_organization": N_("Organization"),
    "tip_kind": N_("Kind"),
    "tip_ownership": N_("Ownership"),
    "tip_our_team": N_("Our team"),
    "tip_role": N_("Role"),
    "tip_competitor": N_("Competitor"),
    "tip_incumbent": N_("Incumbent"),
    "tip_tie": N_("Tie"),
    "tip_from": N_("From"),
    "tip_to": N_("To"),
    "tip_strength": N_("Strength"),
    "tip_reports": N_("{source} reports to {target}"),
    "tip_relationship": N_("Our relationship"),
    "tip_last_contact": N_("Last contact"),
    "tip_competitor_tie": N_("Competitor tie"),
    "tip_anti": N_("Anti-influence path"),
    "tip_path_strength": N_("Path strength"),
    "tip_counter": N_("Counter"),
    "tip_opposed": N_("Opposed"),
    "tip_more_paths": N_("Other anti-influence paths over this tie"),
    "tip_change": N_("Since the last review"),
    # TRANSLATORS: the first line of a private person's tooltip on the team's own map: "Private person: left out…"
    "tip_private_person": N_("Private person"),
    # TRANSLATORS: the first line of a private tie's tooltip on the team's own map: "Private tie: left out…"
    "tip_private_tie": N_("Private tie"),
    "tip_private_note": N_("left out of shared (redacted) maps and reports"),
    "tip_planned": N_("Planned"),
    "org_kind_holding": N_("holding"),
    "org_kind_company": N_("company"),
    "org_kind_subsidiary": N_("subsidiary"),
    "org_kind_branch": N_("branch"),
    "org_kind_other": N_("other"),
}

#: the words of :data:`MAP_STRINGS` a language may say otherwise than another key of the same English
#: text: the catalogue gives them by a context (the page of a language takes them so; a ``translate``
#: callable of :func:`map_strings` is given their English text, as for any other key)
MAP_CONTEXTS: dict[str, tuple[str, str]] = {
    # TRANSLATORS: a stance's colour in the map's legend: a kind of person, a noun in a list with
    # "supporter" and "opponent" (Russian «нейтрал»), where the tooltip says "Stance: neutral"
    "legend_stance_2": NC_("stance in the map legend", "champion"),
    "legend_stance_1": NC_("stance in the map legend", "supporter"),
    "legend_stance_0": NC_("stance in the map legend", "neutral"),
    "legend_stance_-1": NC_("stance in the map legend", "skeptic"),
    "legend_stance_-2": NC_("stance in the map legend", "opponent"),
    # TRANSLATORS: the legend's colour of a person whose stance is not recorded (Russian «позиция неизвестна»)
    "legend_stance_unknown": NC_("stance in the map legend", "unknown"),
}
#: a legend key, and the key whose text it takes from a mapping that gives that one and not it
_LEGEND_OF = {key: key.removeprefix("legend_").replace("stance_unknown", "unknown") for key in MAP_CONTEXTS}


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

    Raises
    ------
    UsageError
        When ``translate`` is neither a mapping nor a callable, a mapping
        holds a key :data:`MAP_STRINGS` lacks (a misspelt one) or a value
        that is not text, or the callable returns something else than text.

    Examples
    --------
    >>> map_strings()["view_all"]
    'Everyone'
    >>> map_strings({"stance_0": "Neutral"})["legend_stance_0"]
    'Neutral'
    >>> map_strings({"legnd": "Legend"})
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: strings: unknown map string key 'legnd' (did you mean 'legend'?); the keys are those of influence.maps.MAP_STRINGS
    """
    if translate is None:
        return dict(MAP_STRINGS)
    if callable(translate):
        return _checked(_called(translate))
    if not isinstance(translate, Mapping):
        raise UsageError(
            "strings: expected a mapping of map string keys to text, or a callable returning text, "
            f"not the {type(translate).__name__} {translate!r:.60}"
        )
    unknown = sorted(set(translate) - set(MAP_STRINGS), key=str)
    if unknown:
        raise UsageError(
            f"strings: {_unknown_keys(unknown)}; the keys are those of influence.maps.MAP_STRINGS"
        )
    wrong = sorted(key for key, text in translate.items() if not isinstance(text, str))
    if wrong:
        raise UsageError(
            f"strings: the value of {wrong[0]!r} must be text, not {type(translate[wrong[0]]).__name__}"
        )
    words = {**MAP_STRINGS, **translate}
    for legend, key in _LEGEND_OF.items():  # a stance's own words say it in the legend too
        if legend not in translate and key in translate:
            words[legend] = translate[key]
    return _checked(words)


def _called(translate: Callable[[str], object]) -> dict[str, str]:
    """Every English text of :data:`MAP_STRINGS` passed through ``translate``, which must return text.

    >>> _called(lambda text: None)
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: strings: the callable must return text, and gave NoneType for 'html_lang' ('en')
    """
    words: dict[str, str] = {}
    for key, text in MAP_STRINGS.items():
        said = translate(text)
        if not isinstance(said, str):
            raise UsageError(
                f"strings: the callable must return text, and gave {type(said).__name__} for {key!r} ({text!r})"
            )
        words[key] = said
    return words


def _checked(words: dict[str, str]) -> dict[str, str]:
    """``words``, each text holding only the ``{…}`` placeholders of its English text, by name.

    A placeholder of another name, an attribute or item of one (``{account.__class__}``) or an
    unmatched brace would fail, or say what it must not, when the page is written.
    """
    import string  # for this check only

    for key, text in words.items():
        own = _placeholders(string.Formatter(), MAP_STRINGS[key])
        if not own:
            continue  # a text with no placeholder is shown as it is, never formatted
        found = _placeholders(string.Formatter(), text)
        if found is None or not found <= own:
            raise UsageError(
                f"strings: {key!r} may hold only the placeholders {', '.join(sorted(own))} "
                f"(each as {{name}}), not {text!r}"
            )
    return words


def _placeholders(formatter: Any, text: str) -> set[str] | None:
    """The ``{…}`` fields of a format text (None when its braces do not match)."""
    try:
        return {f"{{{name}}}" for _, name, _, _ in formatter.parse(text) if name is not None}
    except ValueError:
        return None


def _unknown_keys(unknown: list[str]) -> str:
    """``unknown map string key 'x' (did you mean 'y'?)``, for up to five keys."""
    import difflib  # for the message only

    named = []
    for key in unknown[:5]:
        close = difflib.get_close_matches(str(key), MAP_STRINGS, n=1)
        named.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    noun = "key" if len(unknown) == 1 else "keys"
    return f"unknown map string {noun} {', '.join(named)}{more}"
