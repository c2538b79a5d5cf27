// Remove one account: its whole subgraph and its stored versions ($account).
// Run by `influence db delete`, all in one transaction.
// `n.id IS NOT NULL` lets the planner seek the (account, id) constraint index.

// name: delete_account
MATCH (n:Account) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_organizations
MATCH (n:Organization) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_units
MATCH (n:Unit) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_people
MATCH (n:Person) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_team
MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_competitors
MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_tenders
MATCH (n:Tender) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_activities
MATCH (n:Activity) WHERE n.account = $account AND n.id IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;

// name: delete_without_id
// Nodes of the account that have no id (made by hand): through the (account) index of each label.
CALL {
  MATCH (n:Account) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Organization) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Unit) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Person) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:TeamMember) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Competitor) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Tender) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
  UNION ALL
  MATCH (n:Activity) WHERE n.account = $account AND n.id IS NULL DETACH DELETE n RETURN count(*) AS c
}
RETURN sum(c) AS deleted;

// name: delete_versions
MATCH (n:AccountVersion) WHERE n.account = $account AND n.version IS NOT NULL DETACH DELETE n RETURN count(*) AS deleted;
