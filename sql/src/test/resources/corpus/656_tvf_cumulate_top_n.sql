-- expect: plans
-- explain: window cumulating 1 hour every 1 minute
-- explain: top_n
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, window_start, window_end, n FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY n DESC) AS row_num
  FROM (SELECT k, window_start, window_end, count(*) AS n
        FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
        GROUP BY k, window_start, window_end))
WHERE row_num <= 3;
