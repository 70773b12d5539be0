-- CASE, COALESCE and NULLIF.
-- tables: events, results

INSERT INTO results
SELECT id,
  CASE WHEN amount >= 20 THEN 'big' WHEN amount > 0 THEN 'small' ELSE 'none' END AS size,
  CASE kind WHEN 'buy' THEN 1 WHEN 'view' THEN 2 ELSE 3 END AS code,
  coalesce(nullif(amount, 0.0), -1.0) AS amount_or_minus_one
FROM events;
