-- expect: plans
-- nodes: source watermark projection source watermark join projection sink
-- explain: projection k, amount, note, ts WHERE amount > 100
-- explain: join LEFT on k = k ttl
-- explain: projection k, amount, paid, _is_retract WHERE (paid IS NULL) OR (paid < 5)
CREATE TABLE orders (k TEXT, amount BIGINT, note TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (k TEXT, paid BIGINT, note TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
CREATE TABLE matched (k TEXT, amount BIGINT, paid BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO matched
SELECT o.k, o.amount, p.paid FROM orders o LEFT JOIN payments p ON o.k = p.k
WHERE o.amount > 100 AND (p.paid IS NULL OR p.paid < 5);
