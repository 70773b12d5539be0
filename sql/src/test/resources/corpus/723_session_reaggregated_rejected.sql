-- expect: error 3:1 Rows of a session window cannot be aggregated by window again
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*) AS keys FROM (
SELECT k, window_start, window_end, count(*) AS n
FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '5' MINUTE))
GROUP BY k, window_start, window_end)
GROUP BY window_start, window_end;
