-- expect: error 16:1 must equate the windows of both inputs
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
SELECT o.k, p.paid
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
  ON o.k = p.k AND o.window_start = p.window_start;
