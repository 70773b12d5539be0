-- Arroyo's form: a join of two aggregates over the same tumble window.
-- tables: orders, payments, results

INSERT INTO results
SELECT o.order_id, o.n AS orders, o.amount, p.n AS payments, p.amount AS paid
FROM (SELECT tumble(interval '1 minute') AS w, order_id, count(*) AS n, sum(total) AS amount FROM orders GROUP BY 1, 2) o
JOIN (SELECT tumble(interval '1 minute') AS w, order_id, count(*) AS n, sum(paid) AS amount FROM payments GROUP BY 1, 2) p
  ON o.w = p.w AND o.order_id = p.order_id;
