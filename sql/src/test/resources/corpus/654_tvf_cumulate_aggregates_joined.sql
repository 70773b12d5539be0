-- expect: plans
-- explain: window cumulating 1 hour every 1 minute
-- explain: window tumbling 1 minute
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE other (k TEXT, w BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/other.json', format = 'json', type = 'source');
WITH a AS (SELECT k, window_start, window_end, count(*) AS n
           FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
           GROUP BY k, window_start, window_end),
     b AS (SELECT k, window_start, window_end, sum(w) AS total
           FROM TABLE(CUMULATE(TABLE other, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
           GROUP BY k, window_start, window_end)
SELECT a.k, a.window_start, a.window_end, a.n, b.total
FROM a JOIN b ON a.k = b.k AND a.window_start = b.window_start AND a.window_end = b.window_end;
