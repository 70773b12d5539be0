-- expect: error 8:1 Table 'customers' is a lookup table
CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
SELECT count(*) FROM customers GROUP BY tumble(interval '1 minute');
