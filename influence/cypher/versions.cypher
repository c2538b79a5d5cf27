// Versions of an account. Every push that changes an account stores an
// immutable snapshot: (:AccountVersion {account, version, pushed_at, author,
// message, document}), `document` being the pushed file as canonical JSON.
// The current graph (Account, Person, ... nodes) is kept as before and its
// Account node carries `version`, the number of the snapshot it equals, so
// reading the current version never touches the snapshots.

// name: lock_account
// First statement of every push: take the write lock on the Account node
// (created empty when the account is new) so that a concurrent push of the
// same account waits until this transaction ends, then read its version.
MERGE (a:Account {account: $account, id: $account})
SET a.push_lock = true
REMOVE a.push_lock
RETURN elementId(a) AS element_id, a.version AS version, a.name IS NULL AS created,
       size(keys(a)) = 2 AND NOT EXISTS { (a)--() } AS empty,
       a.push_digest AS push_digest, a.graph_fingerprint AS fingerprint;

// name: still_there
// Right after lock_account: whether the node it locked still exists. A push
// that waited for the lock of a `db delete` gets the node the delete removed;
// lock_account run again then makes the account anew.
MATCH (a) WHERE elementId(a) = $element_id
RETURN count(a) AS found;

// name: read_version
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version = $version
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message,
       v.document AS document;

// name: history
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version IS NOT NULL
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message
ORDER BY v.version DESC;

// name: latest_version
// The highest stored version of an account (null when none) and the last
// version it had when `db delete` removed it (null when never deleted): the next
// push numbers on from the higher, even when the Account node was deleted by
// hand or the whole account with `db delete`.
OPTIONAL MATCH (v:AccountVersion) WHERE v.account = $account AND v.version IS NOT NULL
WITH max(v.version) AS version
OPTIONAL MATCH (d:DeletedAccount) WHERE d.account = $account
RETURN version, d.last_version AS deleted;

// name: lock_for_delete
// First statement of `influence db delete`: take the Account node's write lock,
// as a push does (lock_account), so that a push under way ends first and the
// version it records is the one record_deletion then reads.
MATCH (a:Account) WHERE a.account = $account AND a.id IS NOT NULL
SET a.push_lock = true
REMOVE a.push_lock
RETURN count(a) AS locked;

// name: record_deletion
// Run by `influence db delete` before it removes the account, in the same
// transaction: remember the account's last version number (the highest of the
// Account node's, its snapshots' and an earlier deletion's) on its
// DeletedAccount node {account, last_version, deleted_at}, so that versions
// never restart under the same id (nothing to remember for an account that
// never had a version).
OPTIONAL MATCH (a:Account) WHERE a.account = $account AND a.id IS NOT NULL
WITH max(a.version) AS current
OPTIONAL MATCH (v:AccountVersion) WHERE v.account = $account AND v.version IS NOT NULL
WITH current, max(v.version) AS stored
OPTIONAL MATCH (old:DeletedAccount) WHERE old.account = $account
WITH reduce(m = 0, x IN [current, stored, old.last_version] | CASE WHEN x > m THEN x ELSE m END) AS last
WHERE last > 0
MERGE (d:DeletedAccount {account: $account})
SET d.last_version = last, d.deleted_at = datetime()
RETURN last;

// name: versions_since
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version > $since
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message
ORDER BY v.version DESC;

// name: record_version
MATCH (a) WHERE elementId(a) = $element_id
SET a.version = $version
CREATE (v:AccountVersion {account: $account, version: $version, pushed_at: a.pushed_at,
                          author: $author, message: $message, document: $document})
RETURN v.version AS version;
