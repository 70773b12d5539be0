-- expect: plans
-- nodes: source lookup_join projection sink
-- explain: inner lookup join of customers (connector redis) on id = customer_id
-- explain: cache off
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, tier INT)
WITH (connector = 'redis', type = 'lookup', format = 'json', address = 'redis://127.0.0.1:6379');
SELECT o.id, c.name, c.tier FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.tier > 1;
