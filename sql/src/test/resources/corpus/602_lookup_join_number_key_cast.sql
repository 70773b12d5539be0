-- expect: plans
-- explain: left lookup join of customers (connector redis) on id = CAST(id AS
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = CAST(o.id AS TEXT);
