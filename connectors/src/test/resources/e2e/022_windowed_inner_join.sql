-- Inner join of two TUMBLE table functions.
-- tables: orders, payments, results

INSERT INTO results
SELECT o.window_start, o.order_id, o.total, p.paid
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
  ON o.window_start = p.window_start AND o.window_end = p.window_end AND o.order_id = p.order_id;
