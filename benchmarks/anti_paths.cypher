// What a user would otherwise write: anti-influence paths found in Neo4j with
// a variable-length path query, strongest path by the product of strengths.
// Used only by benchmarks/run.py (case 5) on a projection of the influence
// graph (SPEC section 3) into :BenchNode / :SWAYS, tagged with $run.
// Plain Cypher has no weighted shortest path, so it enumerates every path
// up to a hop limit (6 here) and keeps the strongest per (source, target).

// name: index
CREATE INDEX bench_node IF NOT EXISTS FOR (n:BenchNode) ON (n.run, n.id);

// name: project_nodes
UNWIND $rows AS row
CREATE (:BenchNode {run: $run, id: row.id, kind: row.kind, stance: row.stance});

// name: project_edges
UNWIND $rows AS row
MATCH (a:BenchNode {run: $run, id: row.from}), (b:BenchNode {run: $run, id: row.to})
CREATE (a)-[:SWAYS {strength: row.strength}]->(b);

// name: anti_paths
MATCH (s:BenchNode {run: $run}) WHERE s.id IN $sources
MATCH (d:BenchNode {run: $run}) WHERE d.id IN $targets AND d <> s
MATCH p = (s)-[:SWAYS*1..6]->(d)
WHERE all(n IN nodes(p)[1..-1] WHERE n.kind = 'person' AND (n.stance IS NULL OR n.stance <= 0))
WITH s.id AS source, d.id AS target, [n IN nodes(p) | n.id] AS path,
     reduce(x = 1.0, r IN relationships(p) | x * r.strength) AS strength
WHERE strength >= $min_strength
WITH source, target, path, strength
ORDER BY source, target, round(strength, 9) DESC, size(path), path
WITH source, target, collect({strength: strength, path: path})[0] AS best
RETURN source, target, best.strength AS strength, best.path AS path;

// name: drop_projection
MATCH (n:BenchNode {run: $run}) DETACH DELETE n;
