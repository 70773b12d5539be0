-- expect: plans
-- explain: left lookup join of customers (connector redis) on id = customer_id
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TEMPORARY TABLE customers (id TEXT METADATA FROM 'key' PRIMARY KEY, name TEXT, tier INT)
WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379');
SELECT o.id, c.name FROM orders o LEFT JOIN (SELECT name, id FROM customers) c ON c.id = o.customer_id
WHERE c.name IS NULL OR o.amount > 10;
