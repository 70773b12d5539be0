-- expect: error 8:1 Table 'customers' is a lookup table (connector 'redis'): it can only be the right side of a JOIN
CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
SELECT * FROM customers;
