// Write one account, $account, as one transaction (the store runs these in
// this order and commits once): drop the account's relationships, upsert its
// nodes by (account, id), delete nodes no longer in the file, then create
// the relationships between the nodes by their element ids.
// $rows is a batch (UNWIND) of {id, props} for nodes, {from, to, props} for
// relationships; every value is a parameter, nothing is spliced into the text.
// Why not delete everything and CREATE again: re-creating the same
// (account, id) keys that the same transaction deleted makes every
// uniqueness check scan the transaction's changes, several times slower.

// name: unlink_account
MATCH (n:Account)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_organizations
MATCH (n:Organization)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_units
MATCH (n:Unit)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_people
MATCH (n:Person)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_team
MATCH (n:TeamMember)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_competitors
MATCH (n:Competitor)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_tenders
MATCH (n:Tender)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: unlink_activities
MATCH (n:Activity)-[r]->() WHERE n.account = $account AND n.id IS NOT NULL DELETE r;

// name: upsert_account
UNWIND $rows AS row
MERGE (n:Account {account: $account, id: row.id})
SET n += row.props, n.pushed_at = datetime()
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_organizations
UNWIND $rows AS row
MERGE (n:Organization {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_units
UNWIND $rows AS row
MERGE (n:Unit {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_people
UNWIND $rows AS row
MERGE (n:Person {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_team
UNWIND $rows AS row
MERGE (n:TeamMember {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_competitors
UNWIND $rows AS row
MERGE (n:Competitor {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_tenders
UNWIND $rows AS row
MERGE (n:Tender {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: upsert_activities
UNWIND $rows AS row
MERGE (n:Activity {account: $account, id: row.id})
SET n += row.props
RETURN row.id AS id, elementId(n) AS element_id;

// name: prune_account
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
DETACH DELETE n;

// name: prune_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL AND NOT n.id IN $ids
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
