-- expect: error 9:127 A lookup join reads an append-only stream
CREATE TABLE orders (id BIGINT, customer_id TEXT, amount DOUBLE) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
SELECT t.customer_id, t.total, c.name FROM (SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id) t LEFT JOIN customers c ON c.id = t.customer_id;
