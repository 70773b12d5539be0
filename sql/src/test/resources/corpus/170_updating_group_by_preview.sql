-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: updating_aggregate by k: count(*) AS n, sum(v) AS total, min(v) AS lo, max(v) AS hi, avg(v) AS mean ttl 1 day
-- explain: updating (emits retractions), ttl 1 day, flush every 1 second
-- explain: emits (k TEXT, n BIGINT NOT NULL, total BIGINT, lo BIGINT, hi BIGINT, mean DOUBLE, _is_retract BOOLEAN NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
-- explain: SHUFFLE keys (k)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, count(*) AS n, sum(v) AS total, min(v) AS lo, max(v) AS hi, avg(v) AS mean FROM events GROUP BY k;
