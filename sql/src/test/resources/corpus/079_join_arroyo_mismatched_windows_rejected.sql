-- expect: error 16:1 must use the same window, but the left uses tumbling 1 minute and the right sliding 2 minutes every 1 minute
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
JOIN (SELECT hop(interval '1 minute', interval '2 minutes') AS w, k, sum(paid) AS total FROM payments GROUP BY 1, 2) p
  ON o.k = p.k AND o.w = p.w;
