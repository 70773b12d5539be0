-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: stddev_pop(x)
-- explain: count(arg
-- explain: approx_percentile_cont(x, arg
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, stddev_pop(x) AS sd, corr(x, y) AS r, count(*) FILTER (WHERE ok) AS oks, sum(v) FILTER (WHERE x > 0) AS pos,
  approx_distinct(v) AS ad, approx_percentile_cont(0.9) WITHIN GROUP (ORDER BY x DESC) AS p10, bool_or(ok) AS any_ok,
  array_agg(k) AS ks, median(x) AS med
FROM events GROUP BY k;
