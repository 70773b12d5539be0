-- Orders enriched from a Redis lookup table (fixtures in 050_lookup_join_redis.redis): the LEFT
-- join keeps every order, with NULLs for customers Redis does not hold; the INNER join drops them.
-- tables: orders

CREATE TEMPORARY TABLE customers (
    id TEXT METADATA FROM 'key' PRIMARY KEY,
    name TEXT,
    tier INT
) WITH (connector = 'redis', format = 'json', address = '$redis_address',
        'lookup.cache.max_bytes' = 1000000, 'lookup.cache.ttl' = interval '5 seconds');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');

INSERT INTO results
SELECT 'left' AS kind, o.order_id, o.customer, c.name, c.tier
FROM orders o LEFT JOIN customers c ON c.id = concat('$redis_prefix', 'customer:', o.customer)
UNION ALL
SELECT 'inner' AS kind, o.order_id, o.customer, c.name, c.tier
FROM orders o JOIN customers c ON c.id = concat('$redis_prefix', 'customer:', o.customer);
