// Read one account back: $account. One record per label (a few big messages
// rather than one per node: the driver's cost is per record): `nodes`, every
// node as [id, properties, labels] in file order (`idx`), and `ties`, every relationship
// from those nodes to a node of the account as [from id, type, to id, properties].
// Each statement seeks the (account, id) index of its label.
// All of them run in ONE read transaction between two read_stamp statements.
// Neo4j reads at read committed: a push that commits while the reader is
// between two statements (or inside one) would give rows of two versions.
// Every push that writes the graph or a version changes the stamp (the
// Account node, its version and `revision`), so equal stamps before and
// after mean no push landed in between; otherwise the store reads again.

// name: read_stamp
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
RETURN elementId(n) AS element_id, n.version AS version, n.revision AS revision, n.pushed_at AS pushed_at
ORDER BY element_id;

// name: read_account
// `without_id`: nodes of the account that have no id (made by hand), as
// [labels, name]: a read refuses them rather than leave them out unsaid. They
// are found through the (account) index of each label (schema.cypher).
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Account)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
CALL {
  CALL {
  MATCH (x:Account) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Organization) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Unit) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Person) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:TeamMember) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Competitor) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Tender) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  UNION ALL
  MATCH (x:Activity) WHERE x.account = $account AND x.id IS NULL RETURN [labels(x), x.name] AS node
  }
  RETURN collect(node) AS without_id
}
RETURN nodes, ties, without_id;

// name: read_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Organization)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Unit)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Person)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:TeamMember)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Competitor)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Tender)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n), labels(n)]) AS nodes
CALL {
  MATCH (n:Activity)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;
