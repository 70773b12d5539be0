-- expect: plans
-- explain: join LEFT on k = k window tumbling 1 minute
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
SELECT o.w, o.k, o.n, p.total
FROM (SELECT hop(interval '1 minute', interval '5 minutes') AS w, k, count(*) AS n FROM orders GROUP BY 1, 2) o
LEFT JOIN (SELECT hop(interval '1 minute', interval '5 minutes') AS w, k, sum(paid) AS total FROM payments GROUP BY 1, 2) p
  ON o.w = p.w AND o.k = p.k;
