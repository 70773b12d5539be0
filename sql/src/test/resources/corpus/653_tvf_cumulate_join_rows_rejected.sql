-- expect: error 6:1 CUMULATE windows cannot be joined row by row
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE other (k TEXT, w BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/other.json', format = 'json', type = 'source');
SELECT a.k, a.v, b.w, a.window_start, a.window_end
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR)) a
JOIN TABLE(CUMULATE(TABLE other, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR)) b
ON a.k = b.k AND a.window_start = b.window_start AND a.window_end = b.window_end;
