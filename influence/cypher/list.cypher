// Every account in the database with its size, last push time and current version.

// name: list_accounts
MATCH (a:Account) WHERE a.account IS NOT NULL AND a.id IS NOT NULL
OPTIONAL MATCH (p:Person) WHERE p.account = a.account AND p.id IS NOT NULL
RETURN a.id AS id, a.name AS name, count(p) AS people,
       count(CASE WHEN p.in_buying_team THEN 1 END) AS buying_team, a.pushed_at AS pushed_at,
       a.version AS version
ORDER BY id;

// name: account_ids
MATCH (a:Account) WHERE a.account IS NOT NULL AND a.id IS NOT NULL RETURN a.id AS id ORDER BY id;

// name: account_exists
MATCH (a:Account) WHERE a.account = $account AND a.id IS NOT NULL RETURN count(a) AS n;
