-- expect: plans
-- nodes: source watermark projection source watermark projection join projection sink
-- explain: join LEFT on k = k ttl
CREATE TABLE orders (k TEXT, amount BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (k TEXT, paid BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
CREATE TABLE matched (k TEXT, amount BIGINT, paid BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO matched
SELECT o.k, o.amount, p.paid FROM orders o LEFT JOIN payments p ON o.k = p.k;
