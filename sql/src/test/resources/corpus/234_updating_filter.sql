-- expect: plans
-- nodes: source watermark projection updating_aggregate projection sink
-- explain: where n > 3
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, n FROM (SELECT k, count(*) AS n FROM events GROUP BY k) WHERE n > 3;
