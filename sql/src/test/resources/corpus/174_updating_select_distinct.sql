-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: updating_aggregate by k ttl 1 day
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT DISTINCT k FROM events;
