-- A stream joined with an updating aggregate of another stream.
-- tables: unwatermarked_orders

CREATE TABLE payments (order_id BIGINT, paid BIGINT, ts TIMESTAMP)
WITH (connector = 'single_file', path = '$input_dir/payments.json', format = 'json', type = 'source');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'debezium_json', type = 'sink');

INSERT INTO results
SELECT o.order_id, o.total, p.paid_total
FROM orders o
JOIN (SELECT order_id, sum(paid) AS paid_total FROM payments GROUP BY order_id) p
  ON o.order_id = p.order_id;
