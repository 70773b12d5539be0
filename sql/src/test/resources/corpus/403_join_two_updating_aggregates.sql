-- expect: plans
-- nodes: source watermark projection updating_aggregate source watermark projection updating_aggregate join projection sink
CREATE TABLE orders (k TEXT, amount BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (k TEXT, paid BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
CREATE TABLE totals (k TEXT, ordered BIGINT, paid BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO totals
SELECT o.k, o.total, p.total
FROM (SELECT k, sum(amount) AS total FROM orders GROUP BY k) o
JOIN (SELECT k, sum(paid) AS total FROM payments GROUP BY k) p ON o.k = p.k;
