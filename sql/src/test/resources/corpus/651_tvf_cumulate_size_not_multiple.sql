-- expect: error 4:72 The size of a CUMULATE window (1 hour) must be a multiple of its step (7 minutes)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*) AS n
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '7' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
