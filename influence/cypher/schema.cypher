// Schema of the influence store: every node carries `account` and `id`,
// unique together per label. The composite constraints also serve as the
// indexes the queries use (equality on account, then id).
// Run by `influence db init` (and before every push); safe to run again.

CREATE CONSTRAINT account_key IF NOT EXISTS FOR (n:Account) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT unit_key IF NOT EXISTS FOR (n:Unit) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT team_member_key IF NOT EXISTS FOR (n:TeamMember) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT competitor_key IF NOT EXISTS FOR (n:Competitor) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT tender_key IF NOT EXISTS FOR (n:Tender) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT activity_key IF NOT EXISTS FOR (n:Activity) REQUIRE (n.account, n.id) IS UNIQUE;
// Versions: one immutable snapshot node per pushed version of an account.
CREATE CONSTRAINT account_version_key IF NOT EXISTS FOR (n:AccountVersion) REQUIRE (n.account, n.version) IS UNIQUE;
// The digest of the file an account was last pushed from (a re-push of the same file).
CREATE INDEX account_push_digest IF NOT EXISTS FOR (n:Account) ON (n.push_digest);
// What `influence db delete` leaves of an account: its last version number, so
// that an account created again under the same id numbers on above it and a
// file pulled before the delete is refused as stale (versions never restart).
CREATE CONSTRAINT deleted_account_key IF NOT EXISTS FOR (n:DeletedAccount) REQUIRE n.account IS UNIQUE;
// Each label by `account` alone: the nodes of an account that lack an id (made
// by hand) are not in the (account, id) key index; a read names them and
// `influence db delete` removes them through these.
CREATE INDEX account_account IF NOT EXISTS FOR (n:Account) ON (n.account);
CREATE INDEX organization_account IF NOT EXISTS FOR (n:Organization) ON (n.account);
CREATE INDEX unit_account IF NOT EXISTS FOR (n:Unit) ON (n.account);
CREATE INDEX person_account IF NOT EXISTS FOR (n:Person) ON (n.account);
CREATE INDEX team_member_account IF NOT EXISTS FOR (n:TeamMember) ON (n.account);
CREATE INDEX competitor_account IF NOT EXISTS FOR (n:Competitor) ON (n.account);
CREATE INDEX tender_account IF NOT EXISTS FOR (n:Tender) ON (n.account);
CREATE INDEX activity_account IF NOT EXISTS FOR (n:Activity) ON (n.account);
