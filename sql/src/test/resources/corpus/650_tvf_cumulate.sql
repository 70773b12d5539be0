-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window cumulating 1 hour every 1 minute
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, window_start, window_end, count(*) AS n, sum(v) AS total
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
GROUP BY k, window_start, window_end;
