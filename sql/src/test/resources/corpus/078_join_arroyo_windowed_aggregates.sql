-- expect: plans
-- nodes: source watermark projection window_aggregate projection source watermark projection window_aggregate projection join projection sink
-- explain: join INNER on k = k window tumbling 1 minute
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
SELECT o.k, o.n, p.total
FROM (SELECT tumble(interval '1 minute') AS w, k, count(*) AS n FROM orders GROUP BY 1, 2) o
JOIN (SELECT tumble(interval '1 minute') AS w, k, sum(paid) AS total FROM payments GROUP BY 1, 2) p
  ON o.k = p.k AND o.w = p.w;
