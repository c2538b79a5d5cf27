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

// name: read_version
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version = $version
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message,
       v.document AS document;

// name: history
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version IS NOT NULL
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message
ORDER BY v.version DESC;

// name: latest_version
// The highest stored version of an account (null when none): the next push
// numbers on from it even when the Account node was deleted by hand.
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version IS NOT NULL
RETURN max(v.version) AS version;

// name: versions_since
MATCH (v:AccountVersion) WHERE v.account = $account AND v.version > $since
RETURN v.version AS version, v.pushed_at AS pushed_at, v.author AS author, v.message AS message
ORDER BY v.version DESC;

// name: record_version
MATCH (a) WHERE elementId(a) = $element_id
SET a.version = $version
CREATE (v:AccountVersion {account: $account, version: $version, pushed_at: a.pushed_at,
                          author: $author, message: $message, document: $document});
