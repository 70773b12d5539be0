-- expect: plans
-- nodes: source watermark source watermark projection join projection projection sink
-- explain: join LEFT on k = k0 AND amount < paid window sliding 10 minutes every 1 minute
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
CREATE TABLE matched WITH (connector = 'stdout');
INSERT INTO matched
SELECT o.window_start, o.k, o.amount, p.paid, p.window_end AS paid_window_end
FROM TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE)) o
LEFT JOIN TABLE(HOP(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE)) p
  ON o.k = p.k AND o.window_start = p.window_start AND o.window_end = p.window_end AND o.amount < p.paid;
