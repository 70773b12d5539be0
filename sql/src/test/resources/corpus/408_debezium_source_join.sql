-- expect: plans
-- explain: join LEFT on k = id
CREATE TABLE orders (k TEXT, amount BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT) WITH (connector = 'single_file', path = '/data/users.json', format = 'debezium_json', type = 'source');
CREATE TABLE named (k TEXT, amount BIGINT, name TEXT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO named SELECT o.k, o.amount, u.name FROM orders o LEFT JOIN users u ON o.k = u.id;
