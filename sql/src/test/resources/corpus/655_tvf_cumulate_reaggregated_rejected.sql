-- expect: error 3:1 Rows of a CUMULATE window cannot be aggregated by window again
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*) AS keys FROM (
SELECT k, window_start, window_end, count(*) AS n
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
GROUP BY k, window_start, window_end)
GROUP BY window_start, window_end;
