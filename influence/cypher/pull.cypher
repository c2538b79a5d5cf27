// Read one account back: $account. One record per label (a few big messages
// rather than one per node: the driver's cost is per record): `nodes`, every
// node as [id, properties] in file order (`idx`), and `ties`, every relationship
// from those nodes to a node of the account as [from id, type, to id, properties].
// Each statement seeks the (account, id) index of its label.

// name: read_account
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Account)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Organization)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Unit)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Person)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:TeamMember)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Competitor)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Tender)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;

// name: read_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL
WITH n ORDER BY n.idx, n.id
WITH collect([n.id, properties(n)]) AS nodes
CALL {
  MATCH (n:Activity)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
  WITH n, r, m ORDER BY r.idx, n.id, type(r), m.id
  RETURN collect([n.id, type(r), m.id, properties(r)]) AS ties
}
RETURN nodes, ties;
