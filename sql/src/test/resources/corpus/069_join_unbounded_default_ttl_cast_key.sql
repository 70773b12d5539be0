-- expect: plans
-- explain: ttl 86400000000us
-- explain: CAST
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
CREATE TABLE users (id INT, name TEXT) WITH (connector = 'single_file', path = '/data/users.json', format = 'json', type = 'source');
SELECT o.k, u.name, o.amount FROM orders o INNER JOIN users u ON o.amount = u.id WHERE o.amount > 10;
