-- expect: error 3:102 Option 'lookup.cache.ttl' of table 'customers' must be an interval
CREATE TEMPORARY TABLE customers (id TEXT PRIMARY KEY, name TEXT)
WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379', 'lookup.cache.ttl' = 'soon');
