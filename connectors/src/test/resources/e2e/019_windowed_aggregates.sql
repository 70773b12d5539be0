-- count distinct, avg, stddev, median, approx_distinct, min/max per 2-minute window.
-- tables: events, results

INSERT INTO results
SELECT tumble(interval '2 minutes') AS window,
  count(*) AS n, count(DISTINCT user_name) AS users, approx_distinct(user_name) AS approx_users,
  avg(amount) AS mean, stddev(amount) AS sd, median(qty) AS med, min(amount) AS lo, max(amount) AS hi,
  sum(qty) AS items, bool_or(kind = 'buy') AS any_buy
FROM events
GROUP BY window;
