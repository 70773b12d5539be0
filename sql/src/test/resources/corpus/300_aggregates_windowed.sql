-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: stddev_samp(x)
-- explain: var_samp(x)
-- explain: regr_slope(y, x)
-- explain: approx_percentile_cont(x, arg
-- explain: approx_percentile_cont_with_weight(x, w, arg
-- explain: string_agg(k, arg
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT tumble(interval '1 minute') AS window, k,
  count(*) AS n, count(v) AS nv, count(DISTINCT v) AS dv, sum(v) AS s, min(x) AS lo, max(x) AS hi, avg(x) AS mean,
  bit_and(v) AS band, bit_or(v) AS bor, bit_xor(w) AS bxor, bool_and(ok) AS all_ok, bool_or(ok) AS any_ok,
  median(v) AS med, stddev(x) AS sd, stddev_pop(x) AS sdp, stddev_samp(x) AS sds, var(x) AS v1, variance(x) AS v2,
  var_pop(x) AS vp, var_samp(x) AS vs, corr(y, x) AS r, covar_pop(y, x) AS cp, covar_samp(y, x) AS cs,
  regr_slope(y, x) AS slope, regr_intercept(y, x) AS icpt, regr_count(y, x) AS rc, regr_r2(y, x) AS r2,
  regr_avgx(y, x) AS ax, regr_avgy(y, x) AS ay, regr_sxx(y, x) AS sxx, regr_syy(y, x) AS syy, regr_sxy(y, x) AS sxy,
  approx_distinct(k) AS ad, approx_median(x) AS am, approx_percentile_cont(x, 0.9) AS p90,
  approx_percentile_cont(0.25) WITHIN GROUP (ORDER BY x) AS p25,
  approx_percentile_cont_with_weight(x, w, 0.5) AS pw, array_agg(v) AS vs_list, string_agg(k, ',') AS ks,
  first_value(v) AS fv, last_value(v) AS lv, sum(DISTINCT v) AS sdv
FROM events GROUP BY window, k;
