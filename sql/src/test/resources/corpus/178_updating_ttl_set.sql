-- expect: plans
-- explain: updating (emits retractions), ttl 2 hours, flush every 1 second
-- explain: updating_ttl 7200000000us
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SET updating_ttl = INTERVAL '2' HOUR;
SELECT k, max(v) AS hi FROM events GROUP BY k;
