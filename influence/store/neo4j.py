"""The Neo4j store: push, pull, list and delete accounts.

Every node carries ``account`` and ``id``; labels and relationship types come
from the fixed sets of the spec; every value travels as a query parameter.
A push replaces one account's subgraph in a single transaction, in UNWIND
batches, so the database holds the old version or the new one, never a mix.
The Cypher lives in the project's ``cypher/`` folder.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from influence.errors import StoreError
from influence.loading import Document
from influence.model import Account
from influence.store import Neo4jConfig
from influence.store.cypher import named_statements, statements

__all__ = ["BATCH_SIZE", "AccountSummary", "Neo4jStore", "PushPlan", "push_plan"]

BATCH_SIZE = 5000
_T = TypeVar("_T")
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
LINK_REL = {
    "reports_to": "REPORTS_TO",
    "influences": "INFLUENCES",
    "family": "FAMILY",
    "friend": "FRIEND",
    "former_colleague": "FORMER_COLLEAGUE",
    "informal": "INFORMAL",
}
REL_LINK = {v: k for k, v in LINK_REL.items()}
REL_TYPES = ("PART_OF", "IN", "WORKS_IN", "REPORTS_TO", *LINK_REL.values(), "KNOWS", "TARGETS", "OWNED_BY")
SECTIONS = (  # the node lists of a file, in write order after the account node
    "organizations",
    "units",
    "people",
    "team",
    "competitors",
    "tenders",
    "activities",
)

# The driver logs connection trouble through `logging`; the store reports it
# itself, as one line, so keep the driver quiet.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


@dataclass(frozen=True)
class AccountSummary:
    """A row of ``influence db list``."""

    id: str
    name: str
    people: int
    buying_team: int
    pushed_at: dt.datetime | None


def _node(ident: str, **props: Any) -> dict[str, Any]:
    """A node row; absent values are sent as null so that a re-push removes them."""
    return {"id": ident, "props": {k: _value(v) for k, v in props.items()}}


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        value = list(value)
    return None if value == [] else value


def _tie(kind: str, a: tuple[str, str], b: tuple[str, str], **props: Any) -> tuple[str, dict[str, Any]]:
    return kind, {"from": a, "to": b, "props": {k: v for k, v in props.items() if v is not None}}


@dataclass
class PushPlan:
    """What a push writes: node rows per section and relationship rows per type.

    Attributes
    ----------
    account : str
    nodes : dict
        ``{section: [{id, props}]}`` in write order (``account`` first).
    ties : dict
        ``{TYPE: [{from: (section, id), to: (section, id), props}]}``.
    """

    account: str
    nodes: dict[str, list[dict[str, Any]]]
    ties: dict[str, list[dict[str, Any]]]

    @property
    def size(self) -> int:
        """Nodes plus relationships."""
        return sum(map(len, self.nodes.values())) + sum(map(len, self.ties.values()))


def push_plan(account: Account) -> PushPlan:
    """The node and relationship rows that represent an account in Neo4j.

    Parameters
    ----------
    account : Account

    Returns
    -------
    PushPlan
    """
    info = account.info
    extras = json.dumps(account.extras, ensure_ascii=False, default=str) if account.extras else None
    nodes = {
        "account": [
            _node(
                info.id,
                name=info.name,
                segment=info.segment,
                target_unit=info.target_unit,
                target_rationale=info.target_rationale,
                fiscal_year_start=info.fiscal_year_start,
                next_review=info.next_review,
                language=info.language,
                extras_json=extras,
            )
        ],
        "organizations": [
            _node(o.id, idx=i, name=o.name, kind=o.kind, ownership=o.ownership)
            for i, o in enumerate(account.organizations)
        ],
        "units": [_node(u.id, idx=i, name=u.name) for i, u in enumerate(account.units)],
        "people": [
            _node(
                p.id,
                idx=i,
                name=p.name,
                title=p.title,
                email=p.email,
                phone=p.phone,
                roles=p.roles,
                stance=p.stance,
                awareness=p.awareness,
                pains=p.pains,
                offer=p.offer,
                notes=p.notes,
                informal=p.informal,
                private=p.private,
                buying_team=p.buying_team,
                in_buying_team=p.in_buying_team,
                decision_maker=p.is_decision_maker,
            )
            for i, p in enumerate(account.people)
        ],
        "team": [_node(t.id, idx=i, name=t.name, role=t.role) for i, t in enumerate(account.team)],
        "competitors": [
            _node(c.id, idx=i, name=c.name, incumbent=c.incumbent) for i, c in enumerate(account.competitors)
        ],
        "tenders": [
            _node(t.id, idx=i, title=t.title, submission=t.submission) for i, t in enumerate(account.tenders)
        ],
        "activities": [
            _node(a.id, idx=i, kind=a.kind, date=a.date, budget=a.budget, status=a.status)
            for i, a in enumerate(account.activities)
        ],
    }
    org, unit, person = "organizations", "units", "people"
    ties = [
        *(_tie("PART_OF", (org, o.id), (org, o.parent)) for o in account.organizations if o.parent),
        *(_tie("PART_OF", (unit, u.id), (unit, u.parent)) for u in account.units if u.parent),
        *(_tie("IN", (unit, u.id), (org, u.organization)) for u in account.units if u.organization),
        *(_tie("WORKS_IN", (person, p.id), (unit, p.unit)) for p in account.people if p.unit),
        *(
            _tie("REPORTS_TO", (person, p.id), (person, p.reports_to), shorthand=True)
            for p in account.people
            if p.reports_to
        ),
        *(
            _tie(
                LINK_REL[x.type],
                (person, x.source),
                (person, x.target),
                idx=i,
                strength=x.strength,
                back_strength=x.back_strength,
                private=x.private,
            )
            for i, x in enumerate(account.links)
        ),
        *(
            _tie(
                "KNOWS",
                ("team", r.team),
                (person, r.person),
                idx=i,
                strength=r.strength,
                last_contact=r.last_contact,
            )
            for i, r in enumerate(account.relationships)
        ),
        *(
            _tie("KNOWS", ("competitors", c.id), (person, t.person), idx=j, strength=t.strength)
            for c in account.competitors
            for j, t in enumerate(c.relationships)
        ),
        *(
            _tie("TARGETS", ("activities", a.id), (person, target), idx=j)
            for a in account.activities
            for j, target in enumerate(a.targets)
        ),
        *(_tie("OWNED_BY", ("activities", a.id), ("team", a.owner)) for a in account.activities if a.owner),
        *([_tie("OWNED_BY", ("account", info.id), ("team", info.owner))] if info.owner else []),
    ]
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in REL_TYPES}
    for kind, row in ties:
        by_type[kind].append(row)
    return PushPlan(info.id, nodes, {k: v for k, v in by_type.items() if v})


def _batches(rows: list[_T], size: int) -> Iterator[list[_T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


_KEEP = frozenset({"account", "id", "pushed_at"})


def _changed(current: dict[str, Any], props: dict[str, Any]) -> bool:
    """True when writing ``props`` (None = remove) would change a node's properties."""
    return any(current.get(key) != value for key, value in props.items())


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return to_native()
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value


class Neo4jStore:
    """Accounts in a Neo4j 5 database.

    Parameters
    ----------
    config : Neo4jConfig
        Unset fields come from ``NEO4J_URI``, ``NEO4J_USERNAME``,
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

    Notes
    -----
    Use as a context manager. Connection trouble, refused credentials, a
    missing database or account raise :class:`~influence.errors.StoreError`
    with a one-line reason that never contains the password, within about
    ten seconds.
    """

    def __init__(self, config: Neo4jConfig | None = None, *, batch_size: int = BATCH_SIZE):
        self.config = (config or Neo4jConfig()).resolved()
        self.batch_size = batch_size
        self._driver: Any = None

    # --- connection -------------------------------------------------------

    def _fail(self, exc: BaseException) -> StoreError:
        from neo4j import exceptions as ne

        uri, user, db = self.config.uri, self.config.username, self.config.database
        if isinstance(exc, ne.AuthError):
            return StoreError(
                f"Neo4j at {uri} refused the credentials of user '{user}' (check NEO4J_PASSWORD)"
            )
        if isinstance(exc, ne.ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"Neo4j at {uri} has no database '{db}'")
        if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            reason = str(exc).splitlines()[-1].strip() if str(exc).strip() else type(exc).__name__
            return StoreError(f"cannot reach Neo4j at {uri}: {reason}")
        if isinstance(exc, (ne.ConfigurationError, ValueError)):
            return StoreError(f"invalid Neo4j URI '{uri}': {exc}")
        if isinstance(exc, ne.Neo4jError):
            message = (exc.message or str(exc)).splitlines()[0]
            return StoreError(f"Neo4j error {exc.code}: {message}")
        if isinstance(exc, ne.DriverError):
            return StoreError(f"Neo4j driver error: {exc}")
        return StoreError(f"Neo4j failed: {type(exc).__name__}: {exc}")

    def __enter__(self) -> Neo4jStore:
        from neo4j import GraphDatabase

        uri = self.config.uri or ""
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise StoreError(
                f"invalid Neo4j URI '{uri}' (expected {', '.join(s + '://' for s in URI_SCHEMES)})"
            )
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(self.config.username or "", self.config.password or ""),
                connection_timeout=5.0,
                connection_acquisition_timeout=10.0,
                max_transaction_retry_time=5.0,
                notifications_min_severity="OFF",
            )
            self._run_read("RETURN 1 AS ok")
        except StoreError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise self._fail(exc) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the driver."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self) -> Any:
        if self._driver is None:
            raise StoreError("the Neo4j store is not open (use it as a context manager)")
        return self._driver.session(database=self.config.database)

    def _run_read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        try:
            with self._session() as session:
                return [record.data() for record in session.run(query, params)]
        except StoreError:
            raise
        except Exception as exc:
            raise self._fail(exc) from None

    # --- operations -------------------------------------------------------

    def init(self) -> int:
        """Create the constraints and indexes of ``cypher/schema.cypher``; returns how many statements ran."""
        try:
            with self._session() as session:
                for query in statements("schema.cypher"):
                    session.run(query).consume()
        except Exception as exc:
            raise self._fail(exc) from None
        return len(statements("schema.cypher"))

    def exists(self, account_id: str) -> bool:
        """True when the database holds ``account_id``."""
        rows = self._run_read(named_statements("list.cypher")["account_exists"], account=account_id)
        return bool(rows and rows[0]["n"])

    def push(self, account: Account, progress: Callable[[str, int], None] | None = None) -> int:
        """Replace one account's subgraph with ``account``, in one transaction.

        Parameters
        ----------
        account : Account
        progress : callable, optional
            Called as ``progress(statement, rows_done)`` after every batch; an
            exception it raises aborts the push and rolls everything back.

        Returns
        -------
        int
            Nodes plus relationships the account now has in the database.
        """
        self.init()
        return self.execute_plan(push_plan(account), progress)

    def execute_plan(self, plan: PushPlan, progress: Callable[[str, int], None] | None = None) -> int:
        """Write a :class:`PushPlan` in one transaction (no retry); see ``cypher/push.cypher``."""
        report = progress or (lambda name, done: None)
        try:
            with self._session() as session:
                tx = session.begin_transaction()
                try:
                    element = self._write_nodes(tx, plan, report)
                    self._write_ties(tx, plan, element, report)
                    tx.commit()
                finally:
                    if not tx.closed():
                        tx.rollback()
        except StoreError:
            raise
        except Exception as exc:
            raise self._fail(exc) from None
        return plan.size

    def _batched(
        self, tx: Any, name: str, rows: list[Any], report: Callable[[str, int], None], **params: Any
    ) -> list:
        """Run statement ``name`` over ``rows`` in batches; returns the records."""
        query = named_statements("push.cypher")[name]
        records, done = [], 0
        for batch in _batches(rows, self.batch_size):
            records += list(tx.run(query, rows=batch, **params))
            done += len(batch)
            report(name, done)
        return records

    def _write_nodes(
        self, tx: Any, plan: PushPlan, report: Callable[[str, int], None]
    ) -> dict[str, dict[str, str]]:
        """Update the nodes that stay, create the new ones, prune the rest; returns element ids."""
        q = named_statements("push.cypher")
        element: dict[str, dict[str, str]] = {}
        stale: list[str] = []
        for section, rows in plan.nodes.items():
            found, current = {}, {}
            for record in tx.run(q[f"find_{section}"], account=plan.account):
                found[record["id"]] = record["element_id"]
                current[record["id"]] = {k: _native(v) for k, v in record["props"].items()}
            tx.run(q[f"unlink_{section}"], account=plan.account).consume()
            wanted = {r["id"] for r in rows}
            stale += [e for ident, e in found.items() if ident not in wanted]
            ids = element[section] = {r["id"]: found[r["id"]] for r in rows if r["id"] in found}
            old = []
            for r in rows:
                if r["id"] in found:
                    # anything else on the node (edited by hand) goes too: the node holds the file
                    props = {k: None for k in current[r["id"]] if k not in _KEEP} | r["props"]
                    if _changed(current[r["id"]], props):
                        old.append({"element_id": found[r["id"]], "props": props})
            self._batched(tx, "update_nodes", old, report)
            created = self._batched(
                tx,
                f"create_{section}",
                [r for r in rows if r["id"] not in found],
                report,
                account=plan.account,
            )
            ids.update({r["id"]: r["element_id"] for r in created})
            if section == "account" and rows[0]["id"] in found:
                tx.run(q["stamp_account"], element_id=found[rows[0]["id"]]).consume()
        for batch in _batches(stale, self.batch_size):
            tx.run(q["prune"], element_ids=batch).consume()
        return element

    def _write_ties(
        self, tx: Any, plan: PushPlan, element: dict[str, dict[str, str]], report: Callable[[str, int], None]
    ) -> None:
        """Create every relationship between nodes given by element id."""
        for kind, rows in plan.ties.items():
            resolved = [
                {
                    "from": element[r["from"][0]][r["from"][1]],
                    "to": element[r["to"][0]][r["to"][1]],
                    "props": r["props"],
                }
                for r in rows
            ]
            self._batched(tx, f"link_{kind.lower()}", resolved, report)

    def delete(self, account_id: str) -> int:
        """Delete an account; returns the number of nodes removed."""
        if not self.exists(account_id):
            raise StoreError(f"no account '{account_id}' in Neo4j at {self.config.uri}")
        removed = 0
        try:
            with self._session() as session:
                tx = session.begin_transaction()
                try:
                    for query in named_statements("delete.cypher").values():
                        removed += tx.run(query, account=account_id).single()["deleted"]
                    tx.commit()
                finally:
                    if not tx.closed():
                        tx.rollback()
        except Exception as exc:
            raise self._fail(exc) from None
        return removed

    def list(self) -> list[AccountSummary]:
        """Every account in the database, by id."""
        rows = self._run_read(named_statements("list.cypher")["list_accounts"])
        return [
            AccountSummary(r["id"], r["name"], r["people"], r["buying_team"], _native(r["pushed_at"]))
            for r in rows
        ]

    def pull_document(self, account_id: str) -> dict[str, Any]:
        """The account as an ``influence/v1`` document (plain data), not yet validated."""
        reads = named_statements("pull.cypher")
        try:
            with self._session() as session:

                def read(name: str) -> list[dict[str, Any]]:
                    return [r.data() for r in session.run(reads[name], account=account_id)]

                accounts = read("read_account")
                if not accounts:
                    raise StoreError(f"no account '{account_id}' in Neo4j at {self.config.uri}")
                nodes = {s: read(f"read_{s}") for s in SECTIONS}
                ties = {
                    s: read(f"read_{s}_ties") for s in ("account", *SECTIONS) if f"read_{s}_ties" in reads
                }
        except StoreError:
            raise
        except Exception as exc:
            raise self._fail(exc) from None
        return _document(accounts[0], nodes, ties)

    def pull(self, account_id: str) -> Account:
        """Read and validate an account (errors name ``neo4j:ACCOUNT`` and the location)."""
        from influence.validation import build_account

        return build_account(Document(f"neo4j:{account_id}", self.pull_document(account_id), {}))


_DERIVED = {"account", "idx", "in_buying_team", "decision_maker", "pushed_at", "extras_json"}


def _fields(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _native(v) for k, v in props.items() if k not in _DERIVED}


def _document(
    account_row: dict[str, Any],
    nodes: dict[str, list[dict[str, Any]]],
    ties: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Rebuild the document from the rows the pull statements return."""
    props = dict(account_row["props"])
    extras = json.loads(props["extras_json"]) if props.get("extras_json") else {}
    info = {"id": account_row["id"], **_fields({k: v for k, v in props.items() if k != "id"})}
    records: dict[str, list[dict[str, Any]]] = {
        s: [{"id": r["id"], **_fields({k: v for k, v in r["props"].items() if k != "id"})} for r in nodes[s]]
        for s in SECTIONS
    }
    index = {s: {r["id"]: r for r in records[s]} for s in SECTIONS}
    links: list[tuple[int, dict[str, Any]]] = []
    relationships: list[tuple[int, dict[str, Any]]] = []
    for row in ties.get("account", []):
        if row["type"] == "OWNED_BY":
            info["owner"] = row["to"]
    for row in ties.get("organizations", []):
        if row["type"] == "PART_OF":
            index["organizations"][row["from"]]["parent"] = row["to"]
    for row in ties.get("units", []):
        unit = index["units"][row["from"]]
        if row["type"] == "PART_OF":
            unit["parent"] = row["to"]
        elif row["type"] == "IN":
            unit["organization"] = row["to"]
    for row in ties.get("people", []):
        person, kind, p = index["people"][row["from"]], row["type"], _fields(row["props"])
        if kind == "WORKS_IN":
            person["unit"] = row["to"]
        elif kind == "REPORTS_TO" and p.pop("shorthand", False):
            person["reports_to"] = row["to"]
        elif kind in REL_LINK:
            idx = row["props"].get("idx", 0)
            links.append((idx, {"from": row["from"], "to": row["to"], "type": REL_LINK[kind], **p}))
    for row in ties.get("team", []):
        if row["type"] == "KNOWS":
            idx = row["props"].get("idx", 0)
            relationships.append((idx, {"team": row["from"], "person": row["to"], **_fields(row["props"])}))
    competitor_ties: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for row in ties.get("competitors", []):
        if row["type"] == "KNOWS":
            idx = row["props"].get("idx", 0)
            competitor_ties.setdefault(row["from"], []).append(
                (idx, {"person": row["to"], **_fields(row["props"])})
            )
    for cid, rows in competitor_ties.items():
        index["competitors"][cid]["relationships"] = [r for _, r in sorted(rows, key=lambda t: t[0])]
    targets: dict[str, list[tuple[int, str]]] = {}
    for row in ties.get("activities", []):
        if row["type"] == "TARGETS":
            targets.setdefault(row["from"], []).append((row["props"].get("idx", 0), row["to"]))
        elif row["type"] == "OWNED_BY":
            index["activities"][row["from"]]["owner"] = row["to"]
    for aid, picks in targets.items():
        index["activities"][aid]["targets"] = [p for _, p in sorted(picks)]
    doc: dict[str, Any] = {"format": "influence/v1", "account": info, **records}
    doc["links"] = [r for _, r in sorted(links, key=lambda t: t[0])]
    doc["relationships"] = [r for _, r in sorted(relationships, key=lambda t: t[0])]
    doc.update(extras)
    return doc
