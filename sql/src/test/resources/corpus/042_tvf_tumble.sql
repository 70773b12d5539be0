-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window tumbling 1 minute
-- explain: n = count(*)
-- explain: distinct_v = count(DISTINCT v)
-- explain: mean = avg(v)
-- explain: emits (k TEXT, window_start TIMESTAMP(9) NOT NULL, window_end TIMESTAMP(9) NOT NULL, n BIGINT NOT NULL, distinct_v BIGINT NOT NULL, total BIGINT, lo BIGINT, hi BIGINT, mean DOUBLE, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE out_counts WITH (connector = 'stdout');
INSERT INTO out_counts
SELECT window_start, window_end, k, count(*) AS n, count(DISTINCT v) AS distinct_v,
       sum(v) AS total, min(v) AS lo, max(v) AS hi, avg(v) AS mean
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
