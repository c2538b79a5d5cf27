// Read one account back: $account. Nodes come with their properties in file
// order (`idx`); relationships as {type, to, props} from each kind of node.
// One statement per label, so every read seeks the (account, id) index.

// name: read_account
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props ORDER BY n.idx, n.id;

// name: read_account_ties
MATCH (n:Account)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_organizations_ties
MATCH (n:Organization)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_units_ties
MATCH (n:Unit)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_people_ties
MATCH (n:Person)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_team_ties
MATCH (n:TeamMember)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_competitors_ties
MATCH (n:Competitor)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;

// name: read_activities_ties
MATCH (n:Activity)-[r]->(m) WHERE n.account = $account AND n.id IS NOT NULL AND m.account = $account
RETURN n.id AS from, type(r) AS type, m.id AS to, properties(r) AS props ORDER BY r.idx, n.id, type, m.id;
