-- Cascaded window aggregation: each bidder's spend per minute, then per minute how many bidders,
-- their total, the lowest and the highest spend (GROUP BY the inner window again).
-- tables: bid, results

INSERT INTO results
SELECT window_start, window_end, COUNT(*) AS bidders, SUM(total) AS total, MIN(total) AS low, MAX(total) AS high
FROM (
  SELECT bidder, SUM(price) AS total, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))
  GROUP BY bidder, window_start, window_end
)
GROUP BY window_start, window_end;
