-- Aggregates without GROUP BY: count distinct, avg, stddev, median.
-- tables: events, changelog_results

INSERT INTO results
SELECT count(*) AS n, count(DISTINCT user_name) AS users, avg(qty) AS mean_qty,
  stddev(amount) AS sd, median(qty) AS med, approx_distinct(kind) AS kinds
FROM events;
