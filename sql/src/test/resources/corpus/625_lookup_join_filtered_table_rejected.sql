-- expect: error 5:40 A lookup join reads lookup table 'customers' by key only
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TEMPORARY TABLE customers (id TEXT METADATA FROM 'key' PRIMARY KEY, name TEXT, tier INT)
WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379');
SELECT o.id, c.name FROM orders o LEFT JOIN (SELECT * FROM customers WHERE tier > 1) c ON c.id = o.customer_id;
