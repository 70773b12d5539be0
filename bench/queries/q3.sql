-- Nexmark q3 (local item suggestion), the Flink anchor's queries/q3.sql with INSERT INTO sink_out.
INSERT INTO sink_out
SELECT p.name, p.city, p.state, a.id
FROM auction AS a
JOIN person AS p ON a.seller = p.id
WHERE a.category = 10
  AND p.state IN ('OR', 'ID', 'CA');
