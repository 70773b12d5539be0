-- expect: plans
-- nodes: source watermark source watermark join projection projection sink
-- explain: join INNER on k = k window tumbling 1 minute
-- explain: WHERE (amount > 5) AND (paid < amount)
CREATE TABLE orders (k TEXT, amount BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (k TEXT, paid BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
CREATE TABLE matched WITH (connector = 'stdout');
INSERT INTO matched
SELECT o.window_start, o.k, p.paid
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
  ON o.k = p.k AND o.window_start = p.window_start AND o.window_end = p.window_end
WHERE o.amount > 5 AND p.paid < o.amount;
