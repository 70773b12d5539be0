-- Arithmetic and math functions.
-- tables: events, results

INSERT INTO results
SELECT id,
  abs(amount - 10) AS distance,
  round(amount / 3, 2) AS third,
  floor(amount / 4) AS fl,
  ceil(amount / 4) AS ce,
  sqrt(CAST(qty AS DOUBLE)) AS root,
  power(qty, 2) AS squared,
  id % 5 AS modulo,
  greatest(qty, 3) AS at_least_3,
  least(amount, 10.0) AS at_most_10
FROM events
WHERE kind = 'buy';
