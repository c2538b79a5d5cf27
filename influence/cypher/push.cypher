// Write one account, $account, as ONE transaction.
// A new account (lock_account just created its Account node): create_graph,
// one statement for every node and relationship.
// An account already there: the store first checks that its graph is still
// the version it was pushed as (fingerprint_* against the Account node's
// graph_fingerprint; without APOC, check_graph against the stored version):
// a push never overwrites an edit made outside influence unless forced. For a
// file equal to the current version, check_graph reads the graph in one
// record; when that equals the file (values and types), nothing is written.
// Otherwise the store runs, in order:
//   1. find_<list>      the account's nodes already in the database,
//      ties_<list>      and their outgoing relationships (one record each: a list);
//   2. update_nodes     set the properties of nodes that stay and changed (by element id),
//      create_<list>    create the new ones,
//      prune            delete nodes that are no longer in the file;
//   3. unlink           delete the relationships the file does not have (by element id),
//      link_<type>      create the ones the database does not have, between nodes by
//                       element id. A relationship that is already there with the same
//                       type, ends and properties is left alone, so a re-push of an
//                       unchanged account writes nothing to the graph.
// $rows is a batch (UNWIND) of rows; every value is a parameter, nothing is
// spliced into the text. Why not delete everything and CREATE it again:
// re-creating (account, id) keys that the same transaction deleted makes
// every uniqueness check scan the transaction's changes, several times slower.

// name: find_account
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: find_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([n.id, elementId(n), properties(n), labels(n)]) AS nodes;

// name: ties_account
MATCH (n:Account)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_organizations
MATCH (n:Organization)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_units
MATCH (n:Unit)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_people
MATCH (n:Person)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_team
MATCH (n:TeamMember)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_competitors
MATCH (n:Competitor)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_tenders
MATCH (n:Tender)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: ties_activities
MATCH (n:Activity)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
RETURN collect([elementId(r), type(r), elementId(n), elementId(m), properties(r)]) AS ties;

// name: unlink
UNWIND $element_ids AS element_id
MATCH ()-[r]->() WHERE elementId(r) = element_id
DELETE r;

// name: update_nodes
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.element_id
SET n += row.props;

// name: create_account
UNWIND $rows AS row
CREATE (n:Account {account: $account, id: row.id})
SET n += row.props, n.pushed_at = datetime(), n.revision = coalesce(n.revision, 0) + 1
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_organizations
UNWIND $rows AS row
CREATE (n:Organization {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_units
UNWIND $rows AS row
CREATE (n:Unit {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_people
UNWIND $rows AS row
CREATE (n:Person {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_team
UNWIND $rows AS row
CREATE (n:TeamMember {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_competitors
UNWIND $rows AS row
CREATE (n:Competitor {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_tenders
UNWIND $rows AS row
CREATE (n:Tender {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: create_activities
UNWIND $rows AS row
CREATE (n:Activity {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: stamp_account
// Every push that writes an account's graph stamps its Account node: the time,
// and `revision`, a counter a reader compares before and after it reads
// (pull.cypher, read_stamp), to tell that no push landed in between.
MATCH (n) WHERE elementId(n) = $element_id SET n.pushed_at = datetime(), n.revision = coalesce(n.revision, 0) + 1;

// name: remember_push
// After a push, on the Account node: the digest of the file it came from
// ($digest, null when it did not come from a file) and the graph's fingerprint
// (null without APOC), so that a re-push of the same file can tell, without
// reading the graph back, that nothing changed.
MATCH (n) WHERE elementId(n) = $element_id
SET n.push_digest = $digest, n.graph_fingerprint = $fingerprint;

// name: pushed_from
// The account whose last push came from a file with these bytes ($digest).
MATCH (a:Account) WHERE a.push_digest = $digest AND a.account = a.id
RETURN a.account AS account, a.version AS version, a.graph_fingerprint AS fingerprint,
       a.language AS language;

// name: prune
UNWIND $element_ids AS element_id
MATCH (n) WHERE elementId(n) = element_id
DETACH DELETE n;

// name: link_part_of
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:PART_OF]->(b) SET r += row.props;

// name: link_in
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:IN]->(b) SET r += row.props;

// name: link_works_in
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:WORKS_IN]->(b) SET r += row.props;

// name: link_reports_to
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:REPORTS_TO]->(b) SET r += row.props;

// name: link_influences
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:INFLUENCES]->(b) SET r += row.props;

// name: link_family
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:FAMILY]->(b) SET r += row.props;

// name: link_friend
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:FRIEND]->(b) SET r += row.props;

// name: link_former_colleague
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:FORMER_COLLEAGUE]->(b) SET r += row.props;

// name: link_informal
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:INFORMAL]->(b) SET r += row.props;

// name: link_knows
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:KNOWS]->(b) SET r += row.props;

// name: link_targets
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:TARGETS]->(b) SET r += row.props;

// name: link_owned_by
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:OWNED_BY]->(b) SET r += row.props;

// name: create_graph
// A new account (its Account node just created by lock_account, $element_id)
// in one statement: the nodes of each list ($organizations ... $activities,
// rows {id, props}), collected in order after the Account node, then every
// relationship as [from, to, props], `from` and `to` being positions in that
// list. No index lookup and no id travels back to the client. Its plan cannot
// depend on the database's statistics, so the cached one is kept when they
// change (`replan=skip`): planning it again costs 0.3 s, 0.6-0.7 s for
// create_graph_fingerprint.
CYPHER replan=skip
MATCH (a) WHERE elementId(a) = $element_id
SET a += $account_props, a.pushed_at = datetime(), a.revision = coalesce(a.revision, 0) + 1
WITH a
CALL { UNWIND $organizations AS row CREATE (n:Organization {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS organizations }
CALL { UNWIND $units AS row CREATE (n:Unit {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS units }
CALL { UNWIND $people AS row CREATE (n:Person {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS people }
CALL { UNWIND $team AS row CREATE (n:TeamMember {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS team }
CALL { UNWIND $competitors AS row CREATE (n:Competitor {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS competitors }
CALL { UNWIND $tenders AS row CREATE (n:Tender {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS tenders }
CALL { UNWIND $activities AS row CREATE (n:Activity {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS activities }
WITH [a] + organizations + units + people + team + competitors + tenders + activities AS nodes
CALL { WITH nodes UNWIND $rel_part_of AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:PART_OF]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_in AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:IN]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_works_in AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:WORKS_IN]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_reports_to AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:REPORTS_TO]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_influences AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:INFLUENCES]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_family AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FAMILY]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_friend AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FRIEND]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_former_colleague AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FORMER_COLLEAGUE]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_informal AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:INFORMAL]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_knows AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:KNOWS]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_targets AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:TARGETS]->(e) SET r += p }
CALL { WITH nodes UNWIND $rel_owned_by AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:OWNED_BY]->(e) SET r += p }
RETURN size(nodes) AS nodes;

// name: create_graph_fingerprint
// create_graph, and the fingerprint of what it wrote (the same lines as
// fingerprint_records and fingerprint_people_ties, made from the nodes and
// relationships it created, without looking them up again): used when the
// server has APOC Core. Apart from the RETURN of each relationship subquery
// and the last lines, it is create_graph (a test holds them together).
CYPHER replan=skip
MATCH (a) WHERE elementId(a) = $element_id
SET a += $account_props, a.pushed_at = datetime(), a.revision = coalesce(a.revision, 0) + 1
WITH a
CALL { UNWIND $organizations AS row CREATE (n:Organization {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS organizations }
CALL { UNWIND $units AS row CREATE (n:Unit {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS units }
CALL { UNWIND $people AS row CREATE (n:Person {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS people }
CALL { UNWIND $team AS row CREATE (n:TeamMember {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS team }
CALL { UNWIND $competitors AS row CREATE (n:Competitor {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS competitors }
CALL { UNWIND $tenders AS row CREATE (n:Tender {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS tenders }
CALL { UNWIND $activities AS row CREATE (n:Activity {account: $account, id: row.id}) SET n += row.props RETURN collect(n) AS activities }
WITH [a] + organizations + units + people + team + competitors + tenders + activities AS nodes
CALL { WITH nodes UNWIND $rel_part_of AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:PART_OF]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_part_of }
CALL { WITH nodes UNWIND $rel_in AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:IN]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_in }
CALL { WITH nodes UNWIND $rel_works_in AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:WORKS_IN]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_works_in }
CALL { WITH nodes UNWIND $rel_reports_to AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:REPORTS_TO]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_reports_to }
CALL { WITH nodes UNWIND $rel_influences AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:INFLUENCES]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_influences }
CALL { WITH nodes UNWIND $rel_family AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FAMILY]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_family }
CALL { WITH nodes UNWIND $rel_friend AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FRIEND]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_friend }
CALL { WITH nodes UNWIND $rel_former_colleague AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:FORMER_COLLEAGUE]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_former_colleague }
CALL { WITH nodes UNWIND $rel_informal AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:INFORMAL]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_informal }
CALL { WITH nodes UNWIND $rel_knows AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:KNOWS]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)
  + ' ' + apoc.text.join([k IN $dates WHERE r[k] IS :: DATE | k], ',')) AS t_knows }
CALL { WITH nodes UNWIND $rel_targets AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:TARGETS]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_targets }
CALL { WITH nodes UNWIND $rel_owned_by AS t WITH nodes[t[0]] AS s, nodes[t[1]] AS e, t[2] AS p CREATE (s)-[r:OWNED_BY]->(e) SET r += p
  RETURN collect(elementId(s) + ' ' + type(r) + ' ' + elementId(e) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)) AS t_owned_by }
WITH nodes, nodes[0] AS a0, t_part_of + t_in + t_knows + t_targets + t_owned_by AS record_ties,
     t_works_in + t_reports_to + t_influences + t_family + t_friend + t_former_colleague + t_informal AS ties
WITH nodes, ties, record_ties + [apoc.text.join(labels(a0), ':') + ' ' + apoc.convert.toSortedJsonMap(a0 {.*, pushed_at: null, version: null, revision: null, push_digest: null, graph_fingerprint: null}, false)
  + ' ' + apoc.text.join([k IN $dates WHERE a0[k] IS :: DATE | k], ',')]
  + [x IN tail(nodes) | apoc.text.join(labels(x), ':') + ' ' + apoc.convert.toSortedJsonMap(x, false)
     + CASE WHEN x:Tender OR x:Activity THEN ' ' + apoc.text.join([k IN $dates WHERE x[k] IS :: DATE | k], ',') ELSE '' END]
  AS lines
RETURN size(nodes) AS nodes, size(lines) + size(ties) AS size,
       apoc.util.sha256([apoc.text.join(apoc.coll.sort(lines), '\n')]) AS records_fingerprint,
       apoc.util.sha256([apoc.text.join(apoc.coll.sort(ties), '\n')]) AS people_ties_fingerprint;

// name: check_graph
// The current graph of an account in one record, to compare with the file
// before writing (a re-push of an unchanged account writes nothing): for each
// label, `<list>_nodes`, every node as [id, labels, properties] in file order,
// and `<list>_ties`, every relationship leaving those nodes as [from id, type,
// end's account, end's labels, end id, properties], sorted. The store compares
// them with what the file (or the stored version) gives, values and their
// types; anything else is a hand edit, which the push refuses to overwrite
// unless the file holds it or the push is forced.
CALL {
  MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS account_nodes
}
CALL {
  MATCH (n:Account)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS account_ties
}
CALL {
  MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS organizations_nodes
}
CALL {
  MATCH (n:Organization)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS organizations_ties
}
CALL {
  MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS units_nodes
}
CALL {
  MATCH (n:Unit)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS units_ties
}
CALL {
  MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS people_nodes
}
CALL {
  MATCH (n:Person)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS people_ties
}
CALL {
  MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS team_nodes
}
CALL {
  MATCH (n:TeamMember)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS team_ties
}
CALL {
  MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS competitors_nodes
}
CALL {
  MATCH (n:Competitor)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS competitors_ties
}
CALL {
  MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS tenders_nodes
}
CALL {
  MATCH (n:Tender)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS tenders_ties
}
CALL {
  MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n ORDER BY n.idx, n.id
  RETURN collect([n.id, labels(n), properties(n)]) AS activities_nodes
}
CALL {
  MATCH (n:Activity)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL
  WITH n, r, m ORDER BY n.id, type(r), m.id, r.idx
  RETURN collect([n.id, type(r), m.account, labels(m), m.id, properties(r)]) AS activities_ties
}
RETURN account_nodes, account_ties, organizations_nodes, organizations_ties, units_nodes, units_ties, people_nodes, people_ties, team_nodes, team_ties, competitors_nodes, competitors_ties, tenders_nodes, tenders_ties, activities_nodes, activities_ties;

// name: count_nodes
// Nodes of the account's lists already in the database (before create_graph: none may be).
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes
UNION ALL
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL RETURN count(n) AS nodes;

// The fingerprint of an account's graph, in two halves of about the same work
// that can run at the same time: fingerprint_records (every node: labels,
// properties; and every relationship leaving a node that is not a person:
// ends, type, properties) and fingerprint_people_ties (every relationship
// leaving a person: WORKS_IN, REPORTS_TO and the links, most of a large
// account). Each node or relationship is one line of sorted-key JSON; each
// half's lines are sorted and hashed with
// SHA-256. Storage order and property order do not matter, so the fingerprint
// taken inside the push transaction equals the one read after it, and any
// hand edit changes it: JSON tells numbers, booleans, text and lists apart,
// and the line of a node or relationship whose record has date fields
// (Account, Tender, Activity nodes; KNOWS, which leaves TeamMember and
// Competitor nodes) ends with those of the keys in $dates that hold a date,
// so a date made text shows too (a test keeps these labels the records'). The Account
// node's bookkeeping (pushed_at, version, revision, push_digest, graph_fingerprint) is
// left out. create_graph makes the same lines for the graph it creates.
// Needs APOC Core (apoc.util, apoc.text, apoc.coll, apoc.convert): the store
// checks that it is there and does without fingerprints otherwise.
// Each label is read through a seek of its (account, id) key index (the hints:
// a plain USING INDEX also allows a scan of the whole index, all accounts'
// nodes, which the planner chose now and then on a nearly empty database), so
// the plan cannot depend on the database's statistics, and `replan=skip` keeps
// the cached plan when they change: the server would otherwise plan the statements
// again after a large push or delete (0.4 s for fingerprint_records, a union
// of 15 parts, against 0.1 s to run it).

// name: fingerprint_records
CYPHER replan=skip
CALL () {
  MATCH (n:Account) USING INDEX SEEK n:Account(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n {.*, pushed_at: null, version: null, revision: null, push_digest: null, graph_fingerprint: null}, false)
    + ' ' + apoc.text.join([k IN $dates WHERE n[k] IS :: DATE | k], ',') AS line
  UNION ALL
  MATCH (n:Organization) USING INDEX SEEK n:Organization(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false) AS line
  UNION ALL
  MATCH (n:Unit) USING INDEX SEEK n:Unit(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false) AS line
  UNION ALL
  MATCH (n:Person) USING INDEX SEEK n:Person(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false) AS line
  UNION ALL
  MATCH (n:TeamMember) USING INDEX SEEK n:TeamMember(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false) AS line
  UNION ALL
  MATCH (n:Competitor) USING INDEX SEEK n:Competitor(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false) AS line
  UNION ALL
  MATCH (n:Tender) USING INDEX SEEK n:Tender(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false)
    + ' ' + apoc.text.join([k IN $dates WHERE n[k] IS :: DATE | k], ',') AS line
  UNION ALL
  MATCH (n:Activity) USING INDEX SEEK n:Activity(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN apoc.text.join(labels(n), ':') + ' ' + apoc.convert.toSortedJsonMap(n, false)
    + ' ' + apoc.text.join([k IN $dates WHERE n[k] IS :: DATE | k], ',') AS line
  UNION ALL
  MATCH (n:Account)-[r]->(m) USING INDEX SEEK n:Account(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
  UNION ALL
  MATCH (n:Organization)-[r]->(m) USING INDEX SEEK n:Organization(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
  UNION ALL
  MATCH (n:Unit)-[r]->(m) USING INDEX SEEK n:Unit(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
  UNION ALL
  MATCH (n:TeamMember)-[r]->(m) USING INDEX SEEK n:TeamMember(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)
    + ' ' + apoc.text.join([k IN $dates WHERE r[k] IS :: DATE | k], ',') AS line
  UNION ALL
  MATCH (n:Competitor)-[r]->(m) USING INDEX SEEK n:Competitor(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false)
    + ' ' + apoc.text.join([k IN $dates WHERE r[k] IS :: DATE | k], ',') AS line
  UNION ALL
  MATCH (n:Tender)-[r]->(m) USING INDEX SEEK n:Tender(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
  UNION ALL
  MATCH (n:Activity)-[r]->(m) USING INDEX SEEK n:Activity(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
}
RETURN count(line) AS size, apoc.util.sha256([apoc.text.join(apoc.coll.sort(collect(line)), '\n')]) AS fingerprint;

// name: fingerprint_people_ties
CYPHER replan=skip
CALL () {
  MATCH (n:Person)-[r]->(m) USING INDEX SEEK n:Person(account, id) WHERE n.account = $account AND n.id IS NOT NULL
  RETURN elementId(n) + ' ' + type(r) + ' ' + elementId(m) + ' ' + apoc.convert.toSortedJsonMap(properties(r), false) AS line
}
RETURN count(line) AS size, apoc.util.sha256([apoc.text.join(apoc.coll.sort(collect(line)), '\n')]) AS fingerprint;
