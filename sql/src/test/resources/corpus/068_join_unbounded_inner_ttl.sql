-- expect: plans
-- nodes: source watermark projection source watermark projection join projection sink
-- explain: join INNER on k = k ttl 3600000000us
-- explain: RIGHT_JOIN keys (k)
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
SET updating_ttl = INTERVAL '1 hour';
CREATE TABLE matched WITH (connector = 'stdout');
INSERT INTO matched
SELECT o.k, o.amount, p.paid FROM orders o JOIN payments p ON o.k = p.k;
