-- expect: plans
-- nodes: source watermark source watermark join projection sink
-- explain: join INNER on k = k ttl
-- explain: projection k, paid WHERE ts > (NOW() - INTERVAL '3600 seconds')
CREATE TABLE orders (k TEXT, amount BIGINT, note TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE payments (k TEXT, paid BIGINT, note TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/payments.json', format = 'json', type = 'source');
CREATE TABLE matched WITH (connector = 'stdout');
INSERT INTO matched
SELECT o.k, p.paid FROM orders o JOIN payments p ON o.k = p.k WHERE o.ts > now() - INTERVAL '1' HOUR;
