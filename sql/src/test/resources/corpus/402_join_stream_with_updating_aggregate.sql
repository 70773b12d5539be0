-- expect: plans
-- explain: join INNER on k = k
-- explain: updating_aggregate
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
SELECT e.k, e.v, p.n FROM events e
JOIN per_key p ON e.k = p.k;
