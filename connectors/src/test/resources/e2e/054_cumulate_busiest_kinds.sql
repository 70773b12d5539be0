-- The busiest kinds of each CUMULATE window: per window the highest count and the number of
-- kinds (a cascaded aggregate over the window's output), joined back on the window alone with
-- n >= top as the residual condition.
-- tables: events, results

INSERT INTO results
SELECT p.window_start, p.window_end, p.kind, p.n, b.kinds
FROM (
  SELECT window_start, window_end, kind, count(*) AS n
  FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '3' MINUTE))
  GROUP BY window_start, window_end, kind
) AS p
JOIN (
  SELECT window_start, window_end, MAX(n) AS top, COUNT(*) AS kinds
  FROM (
    SELECT window_start, window_end, kind, count(*) AS n
    FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '3' MINUTE))
    GROUP BY window_start, window_end, kind
  )
  GROUP BY window_start, window_end
) AS b
ON p.window_start = b.window_start AND p.window_end = b.window_end AND p.n >= b.top;
