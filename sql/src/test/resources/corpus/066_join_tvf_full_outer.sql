-- expect: plans
-- explain: join FULL on k = k0 window tumbling 1 minute
-- explain: _right_present
CREATE TABLE orders (
  k TEXT,
  amount BIGINT,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (
  k TEXT,
  paid BIGINT,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
SELECT COALESCE(o.window_start, p.window_start) AS window_start, o.k, p.k AS pk, o.amount, p.paid
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
FULL OUTER JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
  ON o.window_start = p.window_start AND o.window_end = p.window_end AND o.k = p.k;
