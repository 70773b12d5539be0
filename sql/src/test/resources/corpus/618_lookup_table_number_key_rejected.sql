-- expect: error 2:24 The PRIMARY KEY 'id' of lookup table 'customers' must be TEXT
CREATE TEMPORARY TABLE customers (id BIGINT PRIMARY KEY, name TEXT)
WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379');
