-- Two aggregates of the same tumbling window joined on the window alone, with a residual
-- condition: the bidders whose spend in a minute reaches that minute's highest single bid.
-- tables: bid, results

INSERT INTO results
SELECT s.bidder, s.total, m.top, s.window_start, s.window_end
FROM (
  SELECT bidder, SUM(price) AS total, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))
  GROUP BY bidder, window_start, window_end
) AS s
JOIN (
  SELECT MAX(price) AS top, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end
) AS m
ON s.window_start = m.window_start AND s.window_end = m.window_end AND s.total >= m.top;
