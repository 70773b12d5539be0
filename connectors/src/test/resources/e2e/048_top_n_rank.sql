-- RANK() top-N per window: every kind tied for the most events of its minute.
-- tables: events, results

INSERT INTO results
SELECT window_start, kind, n, r FROM (
  SELECT *, RANK() OVER (PARTITION BY window_start, window_end ORDER BY n DESC) AS r
  FROM (SELECT window_start, window_end, kind, count(*) AS n
        FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
        GROUP BY window_start, window_end, kind)
) WHERE r <= 1;
