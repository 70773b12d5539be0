-- expect: plans
-- Grouped by window_start alone, the windows of a CUMULATE period fold together: that is an aggregate over all of time (updating), not a window.
-- explain: updating_aggregate
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE out_changes (window_start TIMESTAMP, total BIGINT) WITH (connector = 'single_file', path = '/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO out_changes
SELECT window_start, SUM(n) AS total FROM (
SELECT k, window_start, window_end, count(*) AS n
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
GROUP BY k, window_start, window_end)
GROUP BY window_start;
