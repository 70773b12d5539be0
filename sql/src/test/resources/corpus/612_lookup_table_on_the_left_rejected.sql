-- expect: error 9:27 Lookup table 'customers' must be the right side of its join
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
SELECT * FROM customers c JOIN orders o ON c.id = o.customer_id;
