-- expect: plans
-- nodes: source watermark projection updating_aggregate projection updating_aggregate sink
-- explain: updating_aggregate by n: count(*) AS keys ttl 1 day
-- explain: emits (n BIGINT NOT NULL, _is_retract BOOLEAN NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
SELECT n, count(*) AS keys FROM per_key GROUP BY n;
